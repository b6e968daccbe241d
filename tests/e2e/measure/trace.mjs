// Where an update's time goes, from Chromium's own trace: scripting, style, layout, paint
// per keystroke and per click. node tests/e2e/measure/trace.mjs SITE_DIR
import { openHome } from '../support/lib.mjs';
import { readFileSync } from 'node:fs';
const [site = 'target/e2e/site'] = process.argv.slice(2);
const { browser, server, page } = await openHome(site);
await page.focus('#search');
const path = '/tmp/timeline-trace.json';
await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
let n = 0;
for (const phrase of ['trump tower', 'russia sanction', 'supreme court']) {
  for (const ch of phrase) { await page.keyboard.type(ch); n++; await page.waitForTimeout(120); }
  await page.keyboard.press('Escape'); n++;
  await page.waitForTimeout(200);
  await page.focus('#search');
}
await browser.stopTracing();
const { traceEvents } = JSON.parse(readFileSync(path, 'utf8'));
// The renderer's main thread: the one that ran the input events.
const dispatch = traceEvents.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
const tid = dispatch[0]?.tid, pid = dispatch[0]?.pid;
const main = traceEvents.filter((e) => e.tid === tid && e.pid === pid && e.ph === 'X');
const sum = new Map();
for (const name of ['EventDispatch', 'FunctionCall', 'RunMicrotasks', 'FireAnimationFrame', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'ParseHTML', 'HitTest']) {
  const d = main.filter((e) => e.name === name).reduce((a, e) => a + (e.dur || 0), 0) / 1000;
  sum.set(name, d);
}
console.log(`${n} keystrokes; per keystroke (ms, all tasks incl. nested):`);
for (const [k, v] of sum) console.log(`  ${k.padEnd(20)} ${(v / n).toFixed(2)}`);
// Main-thread time per keystroke: every task from its keydown until the next keystroke's
// (keystrokes are 120 ms apart, so the work in between is this keystroke's: handlers,
// effects, style, layout, paint, and the URL write after it). Tracing itself slows
// Chromium down: compare runs with each other, not with bench.mjs.
const keydowns = main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').sort((a, b) => a.ts - b.ts);
const tasks = main.filter((e) => e.name === 'RunTask');
const busy = keydowns.map((k, i) => {
  const to = i + 1 < keydowns.length ? keydowns[i + 1].ts - 3000 : Infinity;
  return tasks.filter((t) => t.ts >= k.ts - 3000 && t.ts < to).reduce((a, t) => a + t.dur, 0) / 1000;
}).sort((a, b) => a - b);
console.log(`main thread per keystroke: p50 ${busy[Math.floor(busy.length / 2)].toFixed(1)} ms, p95 ${busy[Math.floor(busy.length * 0.95)].toFixed(1)} ms, max ${busy.at(-1).toFixed(1)} ms`);
await browser.close();
server.close();
