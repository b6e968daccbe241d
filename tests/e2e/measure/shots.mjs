// Screenshots of the main views at desktop and phone widths, for looking at the design:
// node tests/e2e/measure/shots.mjs SITE_DIR OUT_DIR
import { mkdirSync } from 'node:fs';
import { launch, startServer, waitForApp } from '../support/lib.mjs';
const [site = 'target/e2e/site', out = 'target/shots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launch();
const { server, url } = await startServer(site);
const views = [
  ['home', '/'], ['search', '/?q=lavrov&sort=relevance'], ['filtered', '/?tag=regulatory-capture&min=8&from=2020'],
  ['tags', '/tags'], ['actors', '/actors?tag=crypto'], ['about', '/about'],
  ['event', '/event/2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing'],
  ['stats', '/stats'], ['stats-short', '/stats?tag=crypto&from=2024'],
  ['empty', '/?q=zzzzqqq'], ['embed', '/?tag=crypto&embed=1'], ['compact', '/?density=compact'],
  ['connections', '/event/2022-04-01--thiel-funds-vance-senate'],
];
for (const [w, h, suffix, scheme] of [[1280, 900, 'desktop', 'light'], [390, 844, 'phone', 'light'], [1280, 900, 'dark', 'dark'], [390, 844, 'dark-phone', 'dark']]) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  for (const [name, path] of views) {
    if (suffix.startsWith('dark') && !['home', 'event', 'compact', 'connections', 'stats'].includes(name)) continue;
    await page.goto(url + path);
    await waitForApp(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}-${suffix}.png` });
  }
  await context.close();
}
await browser.close();
server.close();
