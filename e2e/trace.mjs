// Where an update's time goes, from Chromium's own trace: scripting, style, layout, paint
// per keystroke and per click. node e2e/trace.mjs SITE_DIR
import { launch, startServer, waitForApp } from './lib.mjs';
import { readFileSync } from 'node:fs';
const [site = 'target/e2e/site'] = process.argv.slice(2);
const browser = await launch();
const { server, url } = await startServer(site);
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(url + '/');
await waitForApp(page);
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
// Input to the end of the next frame's paint, per keystroke.
const paints = main.filter((e) => e.name === 'Paint' || e.name === 'Commit' || e.name === 'Layerize').map((e) => e.ts + e.dur).sort((a, b) => a - b);
const lat = dispatch.map((d) => { const end = paints.find((p) => p > d.ts + d.dur); return end ? (end - d.ts) / 1000 : NaN; }).sort((a, b) => a - b);
console.log('input to painted: p50', lat[Math.floor(lat.length / 2)]?.toFixed(1), 'p95', lat[Math.floor(lat.length * 0.95)]?.toFixed(1), 'max', lat.at(-1)?.toFixed(1));
await browser.close();
server.close();
