// `npm run demo -- [PATH]`: builds the demo study (default: ./demo-study.accord) from the data files
// beside this script. The builder itself is electron/engine/services/demo.ts (also behind the
// `project:openDemo` channel and `accord demo`).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDemo } from '../../electron/engine/services/demo';

const path = resolve(process.argv[2] ?? 'demo-study.accord');
if (existsSync(path)) {
  console.error(`${path} already exists; remove it or give another path`);
  process.exit(1);
}
await buildDemo(path, { dataDir: import.meta.dirname });
console.log(`Built the demo study at ${path}`);
