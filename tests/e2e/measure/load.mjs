// A cold first visit, measured as a reader meets it: the time to the first event row and
// the bytes on the wire before it (Resource Timing's transferSize: compressed bodies and
// headers, as the server sent them), the long tasks (over 50 ms) until the page is idle,
// on loopback and under a phone profile (Chromium's emulation: 10 Mbit/s down, 5 up,
// 40 ms latency, CPU 4x slower). Works for any viewer: ours, or the corpus's React one.
// Not a test: it asserts nothing.
//
// Usage: node tests/e2e/measure/load.mjs URL ROW_SELECTOR [LABEL] [RUNS]
// Serve the sites with ../shared/anchor-site/serve.py (gzip, like a static host), and
// request every file once before timing (its first request pays for the compression).
// Prints one JSON line per profile (the median run's figures) to stdout.
import { launch } from '../support/lib.mjs';

const [url, selector, label = url, runs = '3'] = process.argv.slice(2);
const PHONE = { latency: 40, down: (10e6 / 8), up: (5e6 / 8), cpu: 4 };

const browser = await launch();

async function visit(phone) {
  const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (phone) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PHONE.latency, downloadThroughput: PHONE.down, uploadThroughput: PHONE.up });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  }
  await page.addInitScript((sel) => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
    // The first frame that has a row (a frame callback runs just before its paint): a row
    // written into the page by the build counts from the first paint.
    const look = () => {
      if (document.querySelector(sel)) window.__firstRow = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, selector);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstRow, null, { timeout: 180000, polling: 50 });
  // Until the page has been idle: what the load does after the first row counts too.
  await page.waitForTimeout(phone ? 4000 : 2000);
  await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 10000 })));
  const r = await page.evaluate(() => {
    const firstRow = window.__firstRow;
    const nav = performance.getEntriesByType('navigation')[0];
    let bytes = nav ? nav.transferSize : 0;
    let files = 1;
    for (const e of performance.getEntriesByType('resource')) {
      if (e.responseEnd <= firstRow) { bytes += e.transferSize; files++; }
    }
    const tasks = window.__longTasks;
    return {
      firstRow: Math.round(firstRow), bytes, files,
      longTasks: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.ms)),
      longBeforeFirstRow: tasks.filter((t) => t.start < firstRow).length,
    };
  });
  await context.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const phone of [false, true]) {
  const all = [];
  for (let i = 0; i < Number(runs); i++) all.push(await visit(phone));
  const pick = all.find((r) => r.firstRow === median(all.map((x) => x.firstRow)));
  const line = { label, profile: phone ? 'phone' : 'loopback', runs: all.length, ...pick, firstRows: all.map((r) => r.firstRow), longestOfRuns: Math.max(...all.map((r) => r.longest)) };
  console.log(JSON.stringify(line));
  console.error(`${label} ${line.profile}: first row ${pick.firstRow} ms (runs ${line.firstRows.join(', ')}) after ${(pick.bytes / 1024).toFixed(0)} KiB in ${pick.files} files; long tasks ${pick.longTasks} (${pick.longBeforeFirstRow} before the first row), longest ${pick.longest} ms (${line.longestOfRuns} over all runs)`);
}
await browser.close();
