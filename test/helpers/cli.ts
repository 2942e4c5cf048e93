// Run the `accord` command in-process and capture its exit code, stdout and stderr.
import { run } from '../../electron/cli/main';

export async function accord(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
