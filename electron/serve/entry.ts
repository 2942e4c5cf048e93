// The bundled server's entry point (dist/cli/serve.mjs, run by `npm run serve`): serve until stopped.
// main.ts holds the code, which `accord serve` also imports; a bundle shares it in a chunk, where its
// own "am I the entry" check cannot work.
import { serveUntilStopped } from './main';

serveUntilStopped(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`accord serve: ${(err as Error).message}`);
    process.exit(1);
  },
);
