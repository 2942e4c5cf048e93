// A team codes at once: 10 members (a lead and nine blind coders) against one team server for 60 s
// (`ACCORD_BENCH_SHORT=1`: 10 s). The server runs as users start it (`accord serve PROJECT --team`,
// its own process); each member signs in with a bearer token, keeps the change-event stream open as a
// browser does, and codes in a loop with a short pause (50–150 ms): mostly applying codes to their
// assigned transcript, sometimes re-reading its codings or the codebook. Loopback only, bounded in
// time and in requests. Reports throughput, latency percentiles and errors; target 0 errors and
// p95 < 100 ms on this machine.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt } from './synth';

const SHORT = process.env.ACCORD_BENCH_SHORT === '1';
const SECONDS = SHORT ? 10 : 60;
const MEMBERS = 10;
const MAX_REQUESTS = 200_000;
const ACCORD = join(import.meta.dirname, '../bin/accord.mjs');

function accord(...args: string[]): string {
  return execFileSync(process.execPath, [ACCORD, ...args], { encoding: 'utf8' });
}

/** A seeded generator, so every run does the same work. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function transcript(n: number, rnd: () => number): string {
  const words = ['we', 'adapted', 'the', 'service', 'clinic', 'nurses', 'council', 'farmers', 'hours', 'support', 'training', 'funding', 'trust', 'community', 'leaders', 'changed'];
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) {
    const who = i % 2 ? `ID${String(n).padStart(2, '0')}` : 'Interviewer';
    const len = 20 + Math.floor(rnd() * 40);
    lines.push(`${who}: ${Array.from({ length: len }, () => words[Math.floor(rnd() * words.length)]).join(' ')}.`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-team-'));
  const project = join(dir, 'team.accord');
  const rnd = random(11);
  const files: string[] = [];
  for (let i = 1; i <= MEMBERS; i++) {
    const f = join(dir, `ID${String(i).padStart(2, '0')} interview.txt`);
    writeFileSync(f, transcript(i, rnd));
    files.push(f);
  }
  const codes = ['label,name', ...Array.from({ length: 8 }, (_, i) => `${(i + 1) * 10},Domain ${i + 1}`), ...Array.from({ length: 56 }, (_, i) => `${(Math.floor(i / 7) + 1) * 10}${'abcdefg'[i % 7]},Code ${i + 1}`)];
  writeFileSync(join(dir, 'codes.csv'), codes.join('\n') + '\n');
  accord('init', project);
  accord('import', project, ...files);
  accord('codes', 'import', project, join(dir, 'codes.csv'));
  const names = ['Ana', 'Ben', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];
  const tokens = [JSON.parse(accord('team', 'init', project, '--lead', names[0], '--json')).token as string];
  for (const name of names.slice(1)) tokens.push(JSON.parse(accord('team', 'invite', project, name, '--role', 'coder', '--json')).token as string);

  const server = spawn(process.execPath, [ACCORD, 'serve', project, '--team', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /:(\d+)\/ /.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    server.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    server.on('exit', (code) => fail(new Error(`server exited (${code}): ${out}`)));
  });

  const post = (token: string, method: string, input: unknown): Promise<{ status: number; body: string }> =>
    new Promise((ok, fail) => {
      const body = JSON.stringify(input);
      const req = request(
        { host: '127.0.0.1', port, path: `/api/${method}`, method: 'POST', agent: keepAlive, headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  const { Agent } = await import('node:http');
  const keepAlive = new Agent({ keepAlive: true, maxSockets: MEMBERS * 2 });
  const value = async <T>(token: string, method: string, input: unknown): Promise<T> => {
    const r = await post(token, method, input);
    const env = JSON.parse(r.body) as { ok: boolean; value: T; error?: { message: string } };
    if (!env.ok) throw new Error(`${method}: ${env.error?.message}`);
    return env.value;
  };

  // The lead assigns one transcript to each member and turns blind mode on.
  const docs = await value<{ id: number; length: number }[]>(tokens[0], 'documents:list', {});
  const coders = await value<{ id: number; name: string }[]>(tokens[0], 'coders:list', {});
  const codeIds = (await value<{ id: number }[]>(tokens[0], 'codebook:list', {})).map((c) => c.id);
  for (const [i, name] of names.entries()) {
    const coder = coders.find((c) => c.name === name)!;
    await value(tokens[0], 'agreement:assign', { documentIds: [docs[i].id], coderIds: [coder.id], assigned: true });
  }
  await value(tokens[0], 'agreement:setBlind', { blind: true });

  // Every member keeps the event stream open, as the workbench does.
  let eventsReceived = 0;
  const streams = tokens.map((token) => {
    const req = request({ host: '127.0.0.1', port, path: '/events', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => (eventsReceived += (c.match(/^data: /gm) ?? []).length));
    });
    req.on('error', () => undefined);
    req.end();
    return req;
  });
  // Sign-ins (one scrypt each) happen before the clock starts: the first call of each member.
  await Promise.all(tokens.map((t) => value(t, 'coders:current', {})));

  const latencies: number[] = [];
  const errors: string[] = [];
  const byMethod = new Map<string, number>();
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    tokens.map(async (token, i) => {
      const r = random(100 + i);
      const doc = docs[i];
      while (performance.now() < end && latencies.length < MAX_REQUESTS) {
        const pick = r();
        let method: string;
        let input: unknown;
        if (pick < 0.7) {
          const start = Math.floor(r() * (doc.length - 200));
          method = 'codings:apply';
          input = { documentId: doc.id, codeIds: [codeIds[Math.floor(r() * codeIds.length)]], start, end: start + 20 + Math.floor(r() * 150) };
        } else if (pick < 0.9) {
          method = 'codings:list';
          input = { documentId: doc.id };
        } else {
          method = 'codebook:list';
          input = {};
        }
        const t = performance.now();
        try {
          const res = await post(token, method, input);
          latencies.push(performance.now() - t);
          const ok = res.status === 200 && (JSON.parse(res.body) as { ok: boolean }).ok;
          if (!ok) errors.push(`${method}: ${res.status} ${res.body.slice(0, 160)}`);
        } catch (err) {
          latencies.push(performance.now() - t);
          errors.push(`${method}: ${(err as Error).message}`);
        }
        byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
        await new Promise((ok) => setTimeout(ok, 50 + r() * 100));
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(cpu0);
  const info = await value<{ codings: number }>(tokens[0], 'project:info', {});
  await new Promise((r) => setTimeout(r, 500));
  for (const s of streams) s.destroy();
  keepAlive.destroy();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });

  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  console.log(
    `team server, ${MEMBERS} members (1 lead, ${MEMBERS - 1} blind coders) for ${fmt(elapsed)} s${SHORT ? ' (short run)' : ''}: ` +
      `${fmt(latencies.length)} requests (${[...byMethod].map(([m, n]) => `${m} ${fmt(n)}`).join(', ')}), ${fmt(latencies.length / elapsed)} requests/s`,
  );
  console.log(
    `latency: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; ` +
      `errors ${errors.length}; ${fmt(info.codings)} codings in the project; ${fmt(eventsReceived)} change events delivered; ` +
      `load generator CPU ${fmt((clientCpu.user + clientCpu.system) / 1000)} ms`,
  );
  console.log(`target: 0 errors, p95 < 100 ms → ${errors.length === 0 && pct(95) < 100 ? 'met' : 'NOT met'}`);
  for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
}

main().catch((err: unknown) => {
  console.error(`team benchmark: ${(err as Error).message}`);
  process.exit(1);
});
