// Timing whole processes for the end-to-end figures: wall time, CPU time (user + system) and peak
// RSS of one run. The child's own resource usage is read with microsecond precision through Python's
// getrusage(RUSAGE_CHILDREN) when python3 is installed, else from GNU time (/usr/bin/time, Debian's
// `time` package, which prints CPU seconds to two decimals: 10 ms steps, coarse for a 100 ms start-up),
// else wall time only. Runs of a command alternate with its baseline's, and medians are compared, so
// a machine whose speed drifts affects both alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Run {
  wallMs: number;
  cpuMs: number | null;
  peakMB: number | null;
  status: number | null;
}

const GNU_TIME = '/usr/bin/time';
// Runs the command (argv[2:]) with its output discarded and its stderr passed on, then writes to the
// file argv[1]: wall ms (around the child alone), user + system ms and peak RSS in KiB of the child.
// (Children's CPU is taken as a difference: a launcher such as pyenv's shim leaves its own there. Peak
// RSS is the largest of all children's, that launcher's few MB included: below those it reads high.)
const RUSAGE = `import resource, subprocess, sys, time
before = resource.getrusage(resource.RUSAGE_CHILDREN)
t = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL).returncode
wall = (time.perf_counter() - t) * 1000
r = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (r.ru_utime - before.ru_utime + r.ru_stime - before.ru_stime) * 1000
open(sys.argv[1], "w").write("%f %f %d" % (wall, cpu, r.ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)`;
export const HAS_PYTHON = spawnSync('python3', ['-c', 'import resource'], { stdio: 'ignore' }).status === 0;
const HAS_GNU_TIME = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%e', 'true']).status === 0;

/** Run `cmd args` once (stdout discarded), measured. */
export function runOnce(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-time-'));
  const out = join(dir, 'time');
  const io = { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'ignore', 'pipe'] as ('ignore' | 'pipe')[], maxBuffer: 1 << 26 };
  try {
    const t = performance.now();
    if (HAS_PYTHON) {
      const r = spawnSync('python3', ['-c', RUSAGE, out, cmd, ...args], io);
      const [wallMs, cpuMs, kb] = readFileSync(out, 'utf8').trim().split(' ').map(Number);
      return { wallMs, cpuMs, peakMB: kb / 1024, status: r.status };
    }
    const r = HAS_GNU_TIME ? spawnSync(GNU_TIME, ['-o', out, '-f', '%U %S %M', cmd, ...args], io) : spawnSync(cmd, args, io);
    const wallMs = performance.now() - t;
    if (!HAS_GNU_TIME) return { wallMs, cpuMs: null, peakMB: null, status: r.status };
    const [user, sys, kb] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { wallMs, cpuMs: (user + sys) * 1000, peakMB: kb / 1024, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface Summary {
  wallMs: number;
  cpuMs: number | null;
  peakMB: number | null;
  /** The first run's figures: a cold start (nothing of it in the page cache yet, for the first command run). */
  first: Run;
}

function summarise(runs: Run[]): Summary {
  const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== null);
  const peak = runs.map((r) => r.peakMB).filter((x): x is number => x !== null);
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: cpu.length ? median(cpu) : null, peakMB: peak.length ? Math.max(...peak) : null, first: runs[0] };
}

/**
 * Runs A and B in turn, `n` times each (A B A B …), each run preceded by `before` when given (e.g. to
 * delete the previous run's output). Returns each one's medians and the ratio A/B of wall and CPU.
 */
export function compare(
  a: { cmd: string; args: string[]; before?: () => void; cwd?: string },
  b: { cmd: string; args: string[]; before?: () => void; cwd?: string },
  n: number,
): { a: Summary; b: Summary; wallRatio: number; cpuRatio: number | null } {
  const ra: Run[] = [];
  const rb: Run[] = [];
  for (let i = 0; i < n; i++) {
    a.before?.();
    ra.push(runOnce(a.cmd, a.args, { cwd: a.cwd }));
    b.before?.();
    rb.push(runOnce(b.cmd, b.args, { cwd: b.cwd }));
  }
  const sa = summarise(ra);
  const sb = summarise(rb);
  return { a: sa, b: sb, wallRatio: sa.wallMs / sb.wallMs, cpuRatio: sa.cpuMs !== null && sb.cpuMs !== null ? sa.cpuMs / sb.cpuMs : null };
}

/** "812 ms wall, 640 ms CPU, 91 MB" from a summary. */
export function describe(s: Summary): string {
  return [`${Math.round(s.wallMs)} ms wall`, s.cpuMs !== null ? `${Math.round(s.cpuMs)} ms CPU` : null, s.peakMB !== null ? `peak RSS ${Math.round(s.peakMB)} MB` : null]
    .filter(Boolean)
    .join(', ');
}

/** The smallest CPU time a run's figure resolves: 10 ms steps from GNU time, microseconds otherwise. */
export const CPU_RESOLUTION_MS = HAS_PYTHON ? 0.001 : 10;

export const HOW = HAS_PYTHON
  ? 'whole processes, medians of alternating runs; CPU = user + system and peak RSS of the child (getrusage, through python3)'
  : HAS_GNU_TIME
    ? 'whole processes, medians of alternating runs; CPU = user + system (in 10 ms steps) and peak RSS from /usr/bin/time'
    : 'whole processes, medians of alternating runs; wall time only (install python3 or Debian\'s `time` for CPU and memory)';

/** The command line as users run it: the bundled CLI (built first if stale). */
export const ACCORD = join(import.meta.dirname, '../bin/accord.mjs');
