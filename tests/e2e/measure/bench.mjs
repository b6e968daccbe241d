// The viewer's benchmark: transfer sizes, cold load, filter/search latency and memory, in
// headless Chromium from 127.0.0.1. Usage: node tests/e2e/measure/bench.mjs SITE_DIR [LABEL]
// Prints one JSON line and a readable summary. Not a test: it asserts nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { launch, startServer } from '../support/lib.mjs';

const [site, label = site] = process.argv.slice(2);

/** The files in `dir` matching `pattern`, each compressed alone as a host serves it. */
function sizes(pattern, dir = site, brotli = true) {
  const total = { files: 0, raw: 0, gzip: 0, brotli: brotli ? 0 : null };
  for (const file of readdirSync(dir).filter((f) => pattern.test(f))) {
    const bytes = readFileSync(join(dir, file));
    total.files++;
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    if (brotli) total.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

// The bundle's core is what the first row needs; the shards and chunks come later (their
// brotli sizes are left out: thousands of files at 100,000 events).
const parts = join(site, 'bundle');
const transfer = {
  wasm: sizes(/^timeline-viewer-.*_bg\.wasm$/), js: sizes(/^timeline-viewer-.*\.js$/), css: sizes(/\.css$/),
  bundle: sizes(/^core\..*\.bin$/, parts), search: sizes(/^search\./, parts, false), details: sizes(/^details\./, parts, false),
};

const browser = await launch();
const { server, url } = await startServer(site);

async function coldLoad() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; window.__started = performance.now(); });
    new MutationObserver((_, obs) => {
      if (document.querySelector('.event-row')) {
        window.__firstRow = performance.now();
        requestIdleCallback(() => { window.__interactive = performance.now(); }, { timeout: 5000 });
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url + '/');
  await page.waitForFunction(() => window.__interactive, null, { timeout: 60000 });
  const t = await page.evaluate(() => ({ firstRow: window.__firstRow, interactive: window.__interactive, wasmStarted: window.__started }));
  return { page, context, t };
}

const loads = [];
let page, context;
for (let i = 0; i < 5; i++) {
  if (context) await context.close();
  const r = await coldLoad();
  loads.push(r.t);
  ({ page, context } = r);
}

// Scripted input: typing a search letter by letter, then facet clicks.
async function timed(action) {
  return page.evaluate(async (action) => {
    const before = (window.timelineUpdateMs || []).length;
    // The app has finished updating when its last DOM mutation is observed (observer
    // callbacks run as microtasks right after the mutating task). The next frame then
    // begins with the animation-frame callbacks, before the browser's style and layout:
    // forcing them there times them alone, without the wait for the frame.
    // Later mutations (the URL written after the paint, which updates links) are not the
    // update's.
    // What the app defers until the first frame is painted (the filter panel's counts,
    // writing the URL) runs in tasks queued after this script's own timer: it is timed
    // from that timer to its last mutation, plus the second frame's style and layout.
    let lastMutation = null, frameStart = Infinity, secondStart = Infinity, lastDeferred = null;
    const observer = new MutationObserver(() => {
      const t = performance.now();
      if (t < frameStart) lastMutation = t;
      else if (t >= secondStart) lastDeferred = t;
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    const el = document.querySelector('#search');
    const frame = new Promise((r) => requestAnimationFrame(r));
    if (action.type === 'type') {
      el.value = action.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      document.querySelectorAll(action.selector)[action.index || 0]?.click();
    }
    await frame;
    frameStart = performance.now();
    void document.body.offsetHeight;
    const layout = performance.now() - frameStart;
    await new Promise((r) => setTimeout(r, 0));
    secondStart = performance.now();
    await new Promise((r) => requestAnimationFrame(r));
    const secondFrame = performance.now();
    void document.body.offsetHeight;
    const deferred = (lastDeferred ?? secondStart) - secondStart + performance.now() - secondFrame;
    observer.disconnect();
    const updated = (lastMutation ?? t0) - t0;
    const total = updated + layout;
    const updates = (window.timelineUpdateMs || []).slice(before);
    return { updated, total, deferred, engine: updates.reduce((a, b) => a + b, 0) };
  }, action);
}

const summary = (runs) => ({
  p50: pct(runs.map((r) => r.updated), 50), p95: pct(runs.map((r) => r.updated), 95),
  layoutP50: pct(runs.map((r) => r.total), 50), layoutP95: pct(runs.map((r) => r.total), 95),
  deferredP50: pct(runs.map((r) => r.deferred), 50), deferredP95: pct(runs.map((r) => r.deferred), 95),
  engineP95: pct(runs.map((r) => r.engine), 95), n: runs.length,
});
const searchRuns = [], filterRuns = [];
// Three passes, so that a p95 rests on ~190 keystrokes and ~80 clicks.
for (let pass = 0; pass < 3; pass++) {
for (const phrase of ['trump tower', 'russia sanction', 'supreme court ruling', 'lavrov', 'crypto']) {
  for (let i = 1; i <= phrase.length; i++) searchRuns.push({ what: `${phrase.slice(0, i)} (pass ${pass + 1})`, ...await timed({ type: 'type', value: phrase.slice(0, i) }) });
  searchRuns.push({ what: `(clear) (pass ${pass + 1})`, ...await timed({ type: 'type', value: '' }) });
}
for (let round = 0; round < 4; round++) {
  for (const [selector, index] of [
    ['.facet:nth-of-type(4) .facet-value input', round], ['.segmented button', 3], ['.facet:nth-of-type(5) .facet-value input', 0],
    ['.segmented button', 0], ['.chip-remove', 0], ['.year-hit', 40 + round], ['.clear-all', 0],
  ]) filterRuns.push({ what: `${selector}[${index}]`, ...await timed({ type: 'click', selector, index }) });
}
}

const memory = await page.evaluate(() => ({
  jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
  wasm: window.__wasm?.memory?.buffer?.byteLength ?? null,
}));
const events = await page.evaluate(() => document.querySelector('.count strong')?.textContent);
await browser.close();
server.close();

const result = {
  label, events,
  transfer,
  appGzip: transfer.wasm.gzip + transfer.js.gzip + transfer.css.gzip,
  firstRowMs: pct(loads.map((l) => l.firstRow), 50),
  interactiveMs: pct(loads.map((l) => l.interactive), 50),
  search: summary(searchRuns),
  filter: summary(filterRuns),
  memory,
};
console.log(JSON.stringify(result));
if (process.env.BENCH_SLOWEST) {
  for (const r of [...searchRuns, ...filterRuns].sort((a, b) => b.total - a.total).slice(0, Number(process.env.BENCH_SLOWEST))) {
    console.error(`  slow: ${r.what.padEnd(40)} DOM ${r.updated.toFixed(1)} ms, with layout ${r.total.toFixed(1)} ms, after the paint ${r.deferred.toFixed(1)} ms`);
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.error(`${label}: ${events} events
  app (wasm+js+css) gzip ${kb(result.appGzip)}; wasm ${kb(transfer.wasm.raw)} raw / ${kb(transfer.wasm.gzip)} gz / ${kb(transfer.wasm.brotli)} br
  bundle core ${kb(transfer.bundle.raw)} raw / ${kb(transfer.bundle.gzip)} gz / ${kb(transfer.bundle.brotli)} br; search ${transfer.search.files} shards ${kb(transfer.search.gzip)} gz; details ${transfer.details.files} chunks ${kb(transfer.details.gzip)} gz
  first list painted ${result.firstRowMs.toFixed(0)} ms, interactive ${result.interactiveMs.toFixed(0)} ms (median of 5 cold loads)
  search: DOM updated p50 ${result.search.p50.toFixed(1)} / p95 ${result.search.p95.toFixed(1)} ms; with style+layout p50 ${result.search.layoutP50.toFixed(1)} / p95 ${result.search.layoutP95.toFixed(1)} ms; after the paint (panel counts, URL) p50 ${result.search.deferredP50.toFixed(1)} / p95 ${result.search.deferredP95.toFixed(1)} ms; query engine p95 ${result.search.engineP95.toFixed(1)} ms (${result.search.n} keystrokes)
  filter: DOM updated p50 ${result.filter.p50.toFixed(1)} / p95 ${result.filter.p95.toFixed(1)} ms; with style+layout p50 ${result.filter.layoutP50.toFixed(1)} / p95 ${result.filter.layoutP95.toFixed(1)} ms; after the paint (panel counts, URL) p50 ${result.filter.deferredP50.toFixed(1)} / p95 ${result.filter.deferredP95.toFixed(1)} ms; query engine p95 ${result.filter.engineP95.toFixed(1)} ms (${result.filter.n} clicks)
  JS heap ${memory.jsHeap ? kb(memory.jsHeap) : '?'}, wasm memory ${memory.wasm ? kb(memory.wasm) : '?'}`);
