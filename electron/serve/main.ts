// `npm run serve` and `accord serve`: start browser mode and print the URL. Options: --port N
// (default: a free port), --static DIR (default dist/renderer), --project FILE or a positional
// PROJECT.accord (open it at start), --root DIR (the folder the page may open and create projects in;
// default: the project's folder, else where serve was started, or ~/Accord when that is Accord's own
// checkout); --team serves that project to its signed-in members, with --host ADDRESS, --tls-cert FILE
// --tls-key FILE and, behind a reverse proxy, --trust-proxy.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { listProjectFiles } from '../engine/project-files';
import { EngineThread } from './engine-thread';
import { startServer, type RunningServer, type TeamServeOptions } from './server';

// Where this code runs from: the sources (electron/serve/*.ts under tsx) or the bundle in dist/cli/,
// whose shared code may sit in dist/cli/chunks/. The worker and the built workbench are found from it.
const fromSource = import.meta.url.endsWith('.ts');
function bundleDir(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 3 && !existsSync(join(dir, 'engine-worker.mjs')); i++) dir = dirname(dir);
  return dir;
}
const workerUrl = (): URL => pathToFileURL(fromSource ? join(import.meta.dirname, 'engine-worker.ts') : join(bundleDir(), 'engine-worker.mjs'));
const builtWorkbench = (): string => resolve(fromSource ? import.meta.dirname : bundleDir(), '../../dist/renderer');

/** The Accord checkout (or installed package) this code runs from: two folders above the sources or the bundle. */
function checkoutDir(): string {
  return resolve(fromSource ? import.meta.dirname : bundleDir(), '../..');
}

/**
 * The folder the page may open and create projects in: the one given (--root, ACCORD_ROOT), else the
 * project's folder, else the folder serve was started from, except Accord's own checkout: `npm start`
 * and `npm run serve` run there, and projects made inside it would go with it when it is deleted or
 * cleaned to update Accord. Those go to an Accord folder in the home folder instead.
 */
export function serveRoot(o: { root?: string; project?: string; here: string; checkout: string; home: string }): string {
  if (o.root) return resolve(o.root);
  if (o.project) return dirname(resolve(o.project));
  const here = resolve(o.here);
  const checkout = resolve(o.checkout);
  return here === checkout || here.startsWith(checkout + sep) ? join(o.home, 'Accord') : here;
}

export function defaultStateDir(): string {
  return process.env.ACCORD_STATE_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'accord');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ServeRun {
  running: RunningServer;
  root: string;
  engine: EngineThread;
  /** The project opened at start, by name, or null. */
  projectName: string | null;
  stop(): Promise<void>;
}

function readPem(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new Error(`${option} ${basename(path)}: cannot read the file`);
  }
}

/** Parse serve's arguments, open the project and start the server; `say` prints notices. */
export async function startServe(argv: string[], say: (line: string) => void): Promise<ServeRun> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.ACCORD_PORT ?? '0' },
      static: { type: 'string', default: builtWorkbench() },
      project: { type: 'string' },
      team: { type: 'boolean', default: false },
      host: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      root: { type: 'string' },
    },
  });
  const project = values.project ?? positionals[0];
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  if (!values.team && (values.host || values['tls-cert'] || values['tls-key'] || values['trust-proxy'])) {
    throw new Error('--host, --tls-* and --trust-proxy are for a team server: add --team');
  }
  if (!!values['tls-cert'] !== !!values['tls-key']) throw new Error('TLS needs both --tls-cert FILE and --tls-key FILE');
  if (values.team && !project) throw new Error('--team serves one project: accord serve PROJECT.accord --team');
  if (!existsSync(join(values.static!, 'index.html'))) throw new Error('the workbench is not built: run `npm run build` first');

  let team: TeamServeOptions | undefined;
  if (values.team) {
    const host = values.host ?? '127.0.0.1';
    const tls = values['tls-cert'] ? { cert: readPem('--tls-cert', values['tls-cert']), key: readPem('--tls-key', values['tls-key']!) } : undefined;
    if (!tls && !LOOPBACK.has(host)) {
      say(`Warning: serving on ${host} without TLS: tokens and session cookies would cross the network in clear. Put a TLS reverse proxy (Caddy, nginx; see docs/team-workflow.md) in front, or pass --tls-cert and --tls-key.`);
    }
    if (values['trust-proxy'] && !LOOPBACK.has(host)) {
      say(`Warning: --trust-proxy while serving on ${host}: anyone who reaches the server directly, not through the proxy, can claim any address and so escape the limit on failed sign-ins. Serve on 127.0.0.1 behind the proxy.`);
    }
    team = {
      host,
      tls,
      projectName: basename(project!).replace(/\.accord$/i, ''),
      log: (line) => say(`${new Date().toISOString()} ${line}`),
      trustProxy: values['trust-proxy'],
    };
  }

  // The page opens and creates files only inside this folder (npm keeps the caller's folder in INIT_CWD).
  const root = serveRoot({
    root: values.root ?? process.env.ACCORD_ROOT,
    project,
    here: process.env.INIT_CWD ?? process.cwd(),
    checkout: checkoutDir(),
    home: homedir(),
  });
  // The home folder's Accord folder is made when first used; a folder the user named must exist.
  if (root === join(homedir(), 'Accord')) {
    mkdirSync(root, { recursive: true });
    // Projects made in Accord's own folder before it served ~/Accord: said, never moved unasked.
    const left = listProjectFiles(checkoutDir(), 1);
    if (left.length > 0) {
      const one = left.length === 1;
      say(
        `${one ? 'A project is' : `${left.length} projects are`} in Accord's own folder (${left.map((f) => f.path).join(', ')}), which an update may replace: ` +
          `move ${one ? 'it' : 'them'} (with any .media folder beside ${one ? 'it' : 'them'}) into ${root} to open ${one ? 'it' : 'them'} here.`,
      );
    }
  }
  // The engine runs in a worker thread: this thread keeps serving (pages, sign-ins, event streams,
  // other requests) while a long report runs. Bundled, the worker is dist/cli/engine-worker.mjs beside
  // this file; from the sources, the .ts under tsx.
  const engine = new EngineThread({
    url: workerUrl(),
    execArgv: fromSource ? ['--import', 'tsx'] : undefined,
    data: { stateDir: values.team ? null : defaultStateDir(), host: 'browser', root },
  });
  try {
    if (project) {
      const opened = await engine.invoke('project:open', { path: relative(root, resolve(project)) });
      if (!opened.ok) throw new Error(opened.error.message);
    }
    const running = await startServer({ engine, staticDir: values.static!, port, team });
    return {
      running,
      root,
      engine,
      projectName: project ? basename(project).replace(/\.accord$/i, '') : null,
      stop: async () => {
        await running.close();
        await engine.close();
      },
    };
  } catch (err) {
    await engine.close();
    throw err;
  }
}

/** Run until Ctrl+C or SIGTERM. */
export async function serveUntilStopped(argv: string[]): Promise<void> {
  const run = await startServe(argv, (line) => console.error(line));
  const { running } = run;
  console.log(
    running.auth
      ? `Accord team server for ${run.projectName ?? 'the project'} at ${running.url}  (members sign in with their tokens; Ctrl+C to stop)`
      : `Accord is running in your browser at ${running.url}  (Ctrl+C to stop)`,
  );
  if (!running.auth) console.log(`Projects are opened and created in ${run.root} (paths relative to it)`);
  await new Promise<void>((done) => {
    const stop = () => void run.stop().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  serveUntilStopped(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`accord serve: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
