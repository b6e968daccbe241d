// The actor network's costs in the browser: for each number of actors, the time from
// choosing it in the menu to the figure drawn (counting the filtered events' pairs, the
// layout, the names, the markup and the browser's own work), then one zoom step's redraw
// (the figure drawn again at the new scale), median of RUNS. Not a test: it asserts nothing.
//   node tests/e2e/measure/graph.mjs SITE_DIR [LABEL] [RUNS]
import { launch, startServer, waitForApp } from '../support/lib.mjs';

const [site, label = site, runs = '5'] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
const { server, url } = await startServer(site);
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
const figures = { label, events: null, top: {} };
for (const top of [50, 100, 200]) {
  const draw = [];
  const zoom = [];
  for (let i = 0; i < Number(runs); i++) {
    await page.goto(`${url}/graph?top=${top === 50 ? 25 : 50}`);
    await waitForApp(page);
    await page.waitForSelector('svg.network a.node');
    figures.events ??= await page.evaluate(() => document.querySelector('.graph-page .lede').textContent.match(/in ([\d,]+) event/)[1]);
    draw.push(await page.evaluate((n) => new Promise((resolve) => {
      const select = document.querySelector('.graph-toolbar select');
      const start = performance.now();
      const seen = new MutationObserver(() => {
        // Drawn: the summary names the new number of nodes and the figure has them all
        // (the layout runs in slices after the summary is written).
        const k = Number(document.querySelector('.graph-page .lede').textContent.match(/^The ([\d,]+) actors/)?.[1].replace(/,/g, ''));
        if (k === n && document.querySelectorAll('svg.network a.node').length === n) {
          seen.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
        }
      });
      seen.observe(document.querySelector('.graph-page'), { childList: true, subtree: true, characterData: true });
      select.value = String(n);
      select.dispatchEvent(new Event('change'));
    }), top));
    zoom.push(await page.evaluate(() => new Promise((resolve) => {
      const figure = document.querySelector('.graph-figure');
      figure.focus();
      const start = performance.now();
      const seen = new MutationObserver(() => {
        seen.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      });
      seen.observe(figure, { childList: true, subtree: true });
      figure.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
    })));
  }
  const nodes = await page.evaluate(() => document.querySelectorAll('svg.network a.node').length);
  const edges = await page.evaluate(() => document.querySelectorAll('svg.network line').length);
  figures.top[top] = { nodes, edges, draw_ms: Math.round(median(draw)), zoom_ms: Math.round(median(zoom)) };
}
console.log(JSON.stringify({ graph: figures }));
for (const [top, f] of Object.entries(figures.top)) {
  console.error(`${label}: /graph top ${top} (${f.nodes} nodes, ${f.edges} edges drawn) at ${figures.events} events: drawn in ${f.draw_ms} ms, a zoom step redrawn in ${f.zoom_ms} ms`);
}
await browser.close();
server.close();
