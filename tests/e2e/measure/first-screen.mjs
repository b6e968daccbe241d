// The first screen: when the first event row is painted and when the app has taken the
// static first screen over, on loopback and under the phone profile (10 Mbit/s, 40 ms
// latency, CPU 4x slower: Chromium's emulation), for the home as the build writes it and
// for the same view drawn by the app alone (`?sort=desc`: a query drops the static rows).
// Cold loads, no service worker. Figures, not assertions.
// Usage: node tests/e2e/measure/first-screen.mjs SITE_DIR [RUNS]
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch, startServer } from '../support/lib.mjs';

const [site = 'target/e2e/site', runs = '5'] = process.argv.slice(2);
const gzip = (file) => gzipSync(readFileSync(join(site, file)), { level: 9 }).length;
const css = readdirSync(site).find((f) => f.endsWith('.css'));
// What the first row needs: the page and its stylesheet (render-blocking); nothing else.
const bytes = { index: gzip('index.html'), css: gzip(css) };

const browser = await launch();
const { server, url } = await startServer(site);

async function load(path, phone) {
  const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.addInitScript(() => {
    window.__m = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__m.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
    // When the static rows are in the page (from the parser until the app or the boot
    // script removes them), and when the app's own rows are.
    new MutationObserver(() => {
      const m = window.__m;
      const block = document.getElementById('prerender');
      if (m.staticFrom === undefined && block?.querySelector('.event-row')) m.staticFrom = performance.now();
      if (m.staticFrom !== undefined && m.staticUntil === undefined && !block) m.staticUntil = performance.now();
      if (m.app === undefined && !block && document.querySelector('.event-row')) {
        m.app = performance.now();
        // Painted in the frame after it is in the page (the frame's start, its paint
        // follows at once).
        requestAnimationFrame((frame) => { m.appPainted = frame; });
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url + path);
  await page.waitForFunction(() => window.__m.appPainted && window.__m.fcp, null, { timeout: 120000 });
  const m = await page.evaluate(() => window.__m);
  await context.close();
  // Static rows in the page at the first paint are painted with it.
  const staticPainted = m.staticFrom <= m.fcp && !(m.staticUntil <= m.fcp);
  return { fcp: m.fcp, firstRow: staticPainted ? m.fcp : Math.max(m.fcp, m.appPainted), takeover: m.app };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = { site, bytes };
for (const phone of [false, true]) {
  for (const [name, path] of [['static', '/'], ['app alone', '/?sort=desc']]) {
    const all = [];
    for (let i = 0; i < Number(runs); i++) all.push(await load(path, phone));
    result[`${phone ? 'phone' : 'loopback'}, ${name}`] = {
      fcp: Math.round(median(all.map((r) => r.fcp))),
      firstRow: Math.round(median(all.map((r) => r.firstRow))),
      takeover: Math.round(median(all.map((r) => r.takeover))),
    };
  }
}
await browser.close();
server.close();
console.log(JSON.stringify(result));
console.error(`first row needs ${((bytes.index + bytes.css) / 1024).toFixed(1)} KB gzip (index.html ${(bytes.index / 1024).toFixed(1)}, css ${(bytes.css / 1024).toFixed(1)})`);
for (const [k, v] of Object.entries(result)) {
  if (v.fcp !== undefined) console.error(`${k}: first paint ${v.fcp} ms, first row ${v.firstRow} ms, the app's own rows ${v.takeover} ms`);
}
