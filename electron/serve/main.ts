// `npm run serve`: start browser mode and print the URL. Options: --port N (default: a free port),
// --static DIR (default dist/renderer), --project FILE (open it at start), --root DIR (the folder the
// page may open and create projects in; default: the project's folder, else where serve was started).
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine';
import { startServer } from './server';

export function defaultStateDir(): string {
  return process.env.ACCORD_STATE_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'accord');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.ACCORD_PORT ?? '0' },
      static: { type: 'string', default: resolve(import.meta.dirname, '../../dist/renderer') },
      project: { type: 'string' },
      root: { type: 'string' },
    },
  });
  const project = values.project ? resolve(values.project) : null;
  // The page opens and creates files only inside this folder (npm keeps the caller's folder in INIT_CWD).
  const root = resolve(values.root ?? process.env.ACCORD_ROOT ?? (project ? dirname(project) : (process.env.INIT_CWD ?? process.cwd())));
  const engine = new Engine({ stateDir: defaultStateDir(), root });
  if (project) await engine.call('project:open', { path: relative(root, project) });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const running = await startServer({ engine, staticDir: values.static!, port });
  console.log(`Accord is running in your browser at ${running.url}  (Ctrl+C to stop)`);
  console.log(`Projects are opened and created in ${root} (paths relative to it)`);
  const stop = () => {
    engine.close();
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`accord serve: ${(err as Error).message}`);
  process.exit(1);
});
