// Document view in the browser (foundation): a 100,000-word transcript carrying 5,000 codings from
// 4 coders, opened in Debian's Chromium against browser mode. Reports time to first render, time until
// a selection can be coded, time to render the whole document, and the longest main-thread task while
// scrolling top to bottom (targets: open < 1 s; no task over 100 ms while scrolling).
// Then applies one coding at a time, BENCH_REPAINTS times (default 9) through the code picker (select,
// C, Enter) and as many times with a recent code's number key (select, 1), each to a passage of a
// visible paragraph at another place in the document, and times the key → the frame that paints the
// new highlight (target ≤ 50 ms): taken once that frame has painted (a message posted from the next
// requestAnimationFrame after the highlight appeared, or right away when it appeared during a frame's
// callbacks). Optional: BENCH_TRACE=1 (main-thread CPU time of the scrolling tasks and of each
// repaint), BENCH_PROFILE=file (CPU profiles of opening and scrolling), BENCH_REPAINT_PROFILE=file
// (a CPU profile per repaint), BENCH_REPAINT_TRACE=file.json (the trace of the last repaint),
// BENCH_SCREENSHOT=file.png (the view after the last coding).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Code, CodeId, Coder, DocumentId } from '../shared/model/types';
import { Engine } from '../electron/engine/engine';
import { applyCodings } from '../electron/engine/services/codings';
import { startServer } from '../electron/serve/server';
import { fmt, rng, transcript } from './synth';

const ROOT = resolve(import.meta.dirname, '..');

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Tasks of the renderer's main thread in a Chromium trace: count, longest wall and CPU time (ms). */
function mainThreadTasks(trace: Buffer): { tasks: number; longestWall: number; longestCpu: number } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return {
    tasks: tasks.length,
    longestWall: Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000)),
    longestCpu: Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000)),
  };
}

/**
 * CPU time of the renderer's main thread from the first keydown in a trace over the next `ms`
 * milliseconds (tasks cut at the window's end count in proportion).
 */
function mainThreadCpuAfterKey(trace: Buffer, ms: number): number {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: (TraceEvent & { ts: number; args?: { data?: { type?: string } } })[] };
  const events = parsed.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const key = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown' && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts)[0];
  if (!key) return NaN;
  const from = key.ts;
  const to = from + ms * 1000;
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.pid !== key.pid || e.tid !== key.tid || !e.dur) continue;
    const overlap = Math.min(to, e.ts + e.dur) - Math.max(from, e.ts);
    if (overlap > 0) cpu += ((e.tdur ?? 0) * overlap) / e.dur;
  }
  return cpu / 1000;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.log(`Chromium not found at ${CHROMIUM} (apt-get install chromium): skipped`);
  process.exit(0);
}
spawnSync(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--build-only'], { stdio: 'inherit', cwd: ROOT });

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-view-'));
const engine = new Engine({ stateDir: null });
try {
  await engine.call('project:create', { path: join(dir, 'view.accord') });
  const text = transcript(100_000, 'ID21', 7);
  const { document: imported } = await engine.call('documents:import', { fileName: 'ID21 long interview.txt', dataBase64: Buffer.from(text).toString('base64') });
  const codes: Code[] = [];
  for (let i = 0; i < 20; i++) codes.push(await engine.call('codebook:create', { parentId: null, label: String(10 * (i + 1)), name: `Code ${i + 1}`, definition: '' }));
  const coders: Coder[] = [];
  for (const name of ['Ana', 'Bo', 'Cy', 'Di']) coders.push(await engine.call('coders:select', { name }));
  const rand = rng(11);
  const session = engine.current;
  session.db.transaction(() => {
    for (let i = 0; i < 5000; i++) {
      const len = 40 + Math.floor(rand() * 600);
      const start = Math.floor(rand() * (text.length - len));
      applyCodings(session, {
        documentId: imported.id as DocumentId,
        codeIds: [codes[Math.floor(rand() * codes.length)].id as CodeId],
        start,
        end: start + len,
        coderId: coders[i % 4].id,
      });
    }
  })();
  session.coder = null;
  const words = text.split(/\s+/).length;
  console.log(`document: ${fmt(words)} words, ${fmt(text.length)} characters, ${fmt(text.split('\n').length)} paragraphs, 5,000 codings by 4 coders`);

  const server = await startServer({ engine, staticDir: join(ROOT, 'dist/renderer') });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx keeps function names with a helper that page functions would miss.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  // Whether code runs inside a frame's requestAnimationFrame callbacks (then the frame paints right after).
  await page.addInitScript(() => {
    const w = window as unknown as { __inFrame: boolean };
    w.__inFrame = false;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) =>
      raf((t) => {
        w.__inFrame = true;
        try {
          cb(t);
        } finally {
          w.__inFrame = false;
        }
      });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url);
  await page.getByTestId('coder-name').fill('Ana');
  await page.getByTestId('coder-submit').click();
  await page.getByTestId('document-item').first().waitFor();

  // BENCH_PROFILE=file.cpuprofile records CPU profiles of opening the document and of scrolling
  // (file-scroll.cpuprofile); load them in DevTools' Performance panel.
  const profilePath = process.env.BENCH_PROFILE;
  const cdp = profilePath ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const t0 = await page.evaluate(() => {
    (document.querySelector('[data-testid="document-item"]') as HTMLElement).click();
    return performance.now();
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="document-text"] mark'), null, { polling: 'raf', timeout: 60_000 });
  const tFirst = await page.evaluate(() => performance.now());
  // Ready to code: select the first words and open the code picker.
  await page.evaluate(() => {
    const p = document.querySelector('[data-testid="document-text"] > p')!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode() as Text;
    document.getSelection()!.setBaseAndExtent(node, 0, node, Math.min(8, node.length));
    document.dispatchEvent(new Event('selectionchange'));
  });
  await page.keyboard.press('c');
  await page.getByTestId('picker-filter').waitFor({ timeout: 60_000 });
  const tReady = await page.evaluate(() => performance.now());
  await page.keyboard.press('Escape');
  const paragraphs = text.split('\n').length;
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="document-text"] > p').length >= n, paragraphs - 1, { timeout: 120_000, polling: 100 });
  const tAll = await page.evaluate(() => performance.now());
  if (cdp && profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
    console.log(`CPU profile of opening written to ${profilePath}`);
  }
  // Tasks that end after the click: loading the app and choosing the coder do not count.
  const openTasks = await page.evaluate(
    (since) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start + t.duration > since).map((t) => t.duration),
    t0,
  );

  if (cdp) await cdp.send('Profiler.start');
  // BENCH_TRACE=1 traces the scroll to tell the main thread's own CPU time from time lost to other
  // processes on a busy machine (a long task's wall time includes both).
  if (process.env.BENCH_TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  // Scroll from top to bottom, one screen per frame.
  const scroll = await page.evaluate(async () => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    let el: HTMLElement | null = document.querySelector('[data-testid="document-text"]');
    while (el && !(el.scrollHeight > el.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    const scroller = el ?? document.scrollingElement!;
    scroller.scrollTop = 0;
    await new Promise((r) => setTimeout(r, 300));
    w.__longTasks = [];
    const start = performance.now();
    let frames = 0;
    let worstFrame = 0;
    let last = performance.now();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2) {
      scroller.scrollTop += scroller.clientHeight * 0.9;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      worstFrame = Math.max(worstFrame, now - last);
      last = now;
      frames++;
    }
    await new Promise((r) => setTimeout(r, 200));
    return { ms: performance.now() - start, frames, worstFrame, longest: Math.max(0, ...w.__longTasks.map((t) => t.duration)), long: w.__longTasks.length };
  });
  if (process.env.BENCH_TRACE) {
    const { tasks, longestWall, longestCpu } = mainThreadTasks(await browser.stopTracing());
    console.log(`trace of scrolling: ${fmt(tasks)} main-thread tasks; longest ${fmt(longestWall)} ms wall, longest ${fmt(longestCpu)} ms of main-thread CPU`);
  }
  if (cdp && profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    const scrollPath = profilePath.replace(/(\.cpuprofile)?$/, '-scroll.cpuprofile');
    writeFileSync(scrollPath, JSON.stringify(profile));
    console.log(`CPU profile of scrolling written to ${scrollPath}`);
  }
  console.log(`first render (click → first coded passage painted): ${fmt(tFirst - t0)} ms (target < 1,000 ms)`);
  console.log(`ready to code (click → code picker open on a selection): ${fmt(tReady - t0)} ms`);
  console.log(`whole document laid out: ${fmt(tAll - t0)} ms; longest task while opening: ${fmt(Math.max(0, ...openTasks))} ms`);
  console.log(
    `scrolling top to bottom: ${scroll.frames} screens in ${fmt(scroll.ms)} ms, longest main-thread task ${fmt(scroll.longest)} ms ` +
      `(${scroll.long} tasks over 50 ms; target: none over 100 ms), slowest frame ${fmt(scroll.worstFrame)} ms`,
  );

  // Apply one coding → painted, at several places in the document.
  const repaints = Number(process.env.BENCH_REPAINTS ?? 9);
  const repaintCdp = process.env.BENCH_REPAINT_PROFILE ? await page.context().newCDPSession(page) : null;
  if (repaintCdp) {
    await repaintCdp.send('Profiler.enable');
    await repaintCdp.send('Profiler.setSamplingInterval', { interval: 100 });
  }
  type Repaint = { painted: number; answered: number; longest: number; cpu?: number };
  const repaint: Record<'picker' | 'key', Repaint[]> = { picker: [], key: [] };
  for (let run = 0; run < 2 * repaints; run++) {
    // First through the picker (select, C, Enter: its first code, which then becomes recent code 1), then
    // with the number key 1 (select, 1), each in its own part of the document.
    const via = run < repaints ? 'picker' : 'key';
    const key = via === 'picker' ? 'Enter' : '1';
    // Scroll to a new place, let highlights settle, select a passage of a visible paragraph.
    const para = await page.evaluate(async (fraction) => {
      const root = document.querySelector<HTMLElement>('[data-testid="document-text"]')!;
      const scroller = document.querySelector<HTMLElement>('[data-testid="document-scroll"]')!;
      scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
      await new Promise((r) => setTimeout(r, 600));
      await new Promise((r) => requestIdleCallback(() => r(null), { timeout: 2000 }));
      const box = scroller.getBoundingClientRect();
      const paras = [...root.children] as HTMLElement[];
      for (let index = 0; index < paras.length; index++) {
        const r = paras[index].getBoundingClientRect();
        if (r.top < box.top + box.height * 0.3 || r.bottom > box.bottom) continue;
        const walker = document.createTreeWalker(paras[index], NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (node.length < 40) continue;
          document.getSelection()!.setBaseAndExtent(node, 5, node, 35);
          document.dispatchEvent(new Event('selectionchange'));
          return index;
        }
      }
      return -1;
    }, (via === 'picker' ? 0.1 : 0.55) + (0.35 * (run % repaints)) / Math.max(1, repaints - 1));
    if (para < 0) throw new Error('no visible paragraph to code');
    if (via === 'picker') {
      await page.keyboard.press('c');
      await page.getByTestId('picker-filter').waitFor({ timeout: 30_000 });
    }
    // Watch the paragraph for a highlight carrying a coding id it did not show before.
    await page.evaluate(([index, key]) => {
      const w = window as unknown as { __inFrame: boolean; __repaint: Promise<{ painted: number; answered: number; longest: number }>; __longTasks: { start: number; duration: number }[] };
      const root = document.querySelector<HTMLElement>('[data-testid="document-text"]')!;
      const idsIn = (el: Element | undefined) => new Set([...(el?.querySelectorAll<HTMLElement>('mark[data-coding-ids]') ?? [])].flatMap((m) => (m.dataset.codingIds ?? '').split(',')));
      const before = idsIn(root.children[index]);
      let start = 0;
      window.addEventListener('keydown', (e) => {
        if (e.key === key) start = performance.now();
      }, { capture: true, once: true });
      w.__longTasks = [];
      w.__repaint = new Promise((resolve) => {
        const done = () => {
          const end = performance.now();
          setTimeout(() => {
            // The engine's answer to this run's codings:apply (it may come after the paint).
            const api = performance
              .getEntriesByType('resource')
              .find((e) => e.startTime >= start && (e.name.includes('codings%3Aapply') || e.name.includes('codings:apply'))) as PerformanceResourceTiming | undefined;
            const longest = Math.max(0, ...w.__longTasks.filter((t) => t.start + t.duration > start && t.start < end).map((t) => t.duration));
            resolve({ painted: end - start, answered: api ? api.responseEnd - start : NaN, longest });
          }, 300);
        };
        const observer = new MutationObserver(() => {
          const now = idsIn(root.children[index]);
          if (![...now].some((id) => !before.has(id))) return;
          observer.disconnect();
          const afterPaint = () => {
            const ch = new MessageChannel();
            ch.port1.onmessage = done;
            ch.port2.postMessage(null);
          };
          if (w.__inFrame) afterPaint();
          else requestAnimationFrame(afterPaint);
        });
        // The editor keeps a paragraph's element when it redraws the paragraph's content.
        observer.observe(root.children[index], { childList: true, subtree: true, attributes: true, attributeFilter: ['data-coding-ids'] });
      });
    }, [para, key] as const);
    // BENCH_REPAINT_PROFILE=file.cpuprofile: one CPU profile per run, from the key to the painted frame
    // and the 300 ms after it (file-1.cpuprofile, …).
    if (repaintCdp) await repaintCdp.send('Profiler.start');
    // BENCH_TRACE=1 traces every run to add up the main thread's CPU time from the keypress to the
    // painted frame (on a busy machine the wall time includes waiting for a core);
    // BENCH_REPAINT_TRACE=file.json keeps the trace of the last run with the recent-code key.
    const keepTrace = process.env.BENCH_REPAINT_TRACE && run === 2 * repaints - 1;
    const tracing = process.env.BENCH_TRACE || keepTrace;
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await page.keyboard.press(key);
    repaint[via].push(await page.evaluate(() => (window as unknown as { __repaint: Promise<Repaint> }).__repaint));
    if (tracing) {
      const trace = await browser.stopTracing();
      if (keepTrace) writeFileSync(process.env.BENCH_REPAINT_TRACE!, trace);
      const last = repaint[via][repaint[via].length - 1];
      last.cpu = mainThreadCpuAfterKey(trace, last.painted);
    }
    if (repaintCdp) {
      const { profile } = await repaintCdp.send('Profiler.stop');
      writeFileSync(process.env.BENCH_REPAINT_PROFILE!.replace(/(\.cpuprofile)?$/, `-${run + 1}.cpuprofile`), JSON.stringify(profile));
    }
    // Let the change event's follow-up work finish before the next run.
    await page.waitForTimeout(1500);
  }
  // BENCH_SCREENSHOT=file.png: the view after the last coding, to look at.
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
  if (repaintCdp) console.log(`CPU profiles of applying codings written to ${process.env.BENCH_REPAINT_PROFILE!.replace(/(\.cpuprofile)?$/, '-N.cpuprofile')}`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  for (const [via, runs] of [['the picker (select, C, Enter)', repaint.picker], ['a recent code (select, 1)', repaint.key]] as const) {
    const painted = runs.map((r) => r.painted);
    console.log(
      `apply one coding through ${via} → new highlight painted, ${runs.length} runs: median ${fmt(median(painted))} ms, max ${fmt(Math.max(...painted))} ms (target ≤ 50 ms); ` +
        `engine's answer after ${fmt(median(runs.map((r) => r.answered)))} ms (median); longest task ${fmt(Math.max(...runs.map((r) => r.longest)))} ms; ` +
        `each run: ${[...painted].sort((a, b) => a - b).map((x) => fmt(x)).join(', ')} ms`,
    );
    const cpu = runs.flatMap((r) => (r.cpu === undefined ? [] : [r.cpu]));
    if (cpu.length > 0) console.log(`  main-thread CPU time from the key to the painted frame (trace): median ${fmt(median(cpu), 1)} ms, max ${fmt(Math.max(...cpu), 1)} ms`);
  }
  await browser.close();
  await server.close();
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
