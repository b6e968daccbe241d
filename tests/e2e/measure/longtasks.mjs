// Long tasks (over 50 ms) on the main thread while a site loads: a cold load per run in
// headless Chromium, a PerformanceObserver('longtask') from the first script on, until the
// first event row is painted and the page has then been idle. Figures, not assertions.
// Usage: node tests/e2e/measure/longtasks.mjs SITE_DIR [PATH] [RUNS]
// Prints one JSON line (per run: the first row's time, each long task's start and length)
// and a readable summary. LONGTASKS_CPU=4 slows the CPU down 4x (Chromium's emulation).
import { launch, startServer } from '../support/lib.mjs';

const [site = 'target/e2e/site', path = '/', runs = '3'] = process.argv.slice(2);
const cpu = Number(process.env.LONGTASKS_CPU || 1);

const browser = await launch();
const { server, url } = await startServer(site);

async function load() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  if (cpu > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, obs) => {
      if (document.querySelector('.event-row')) {
        window.__firstRow = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url + path);
  await page.waitForFunction(() => window.__firstRow, null, { timeout: 120000 });
  // Two seconds after the first row: the filter panel, the prefetches and their decoding.
  await page.waitForTimeout(2000);
  await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 5000 })));
  const result = await page.evaluate(() => ({ firstRow: Math.round(window.__firstRow), tasks: window.__longTasks }));
  await context.close();
  return result;
}

const results = [];
for (let i = 0; i < Number(runs); i++) results.push(await load());
await browser.close();
server.close();

console.log(JSON.stringify({ site, path, cpu, runs: results }));
for (const [i, r] of results.entries()) {
  const longest = Math.max(0, ...r.tasks.map((t) => t.ms));
  const before = r.tasks.filter((t) => t.start < r.firstRow);
  console.error(`run ${i + 1}: first row ${r.firstRow} ms; ${r.tasks.length} long tasks (${before.length} before the first row), longest ${longest} ms: ${r.tasks.map((t) => `${t.ms} ms at ${t.start}`).join(', ') || 'none'}`);
}
