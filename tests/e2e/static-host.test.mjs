// Any static host: the site built for a sub-path (/timeline/) on a host without rewrite
// rules (missing files get 404.html), every page under a Content-Security-Policy with no
// inline script, event pages with their own title and preview tags.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, startServer, openPage, cli, CORPUS, SITE, expectCount, waitForApp } from './support/lib.mjs';

const SUBPATH_SITE = process.env.TIMELINE_SUBPATH_SITE || 'target/e2e/site-subpath';
let browser, server, url, stats;

before(async () => {
  stats = cli('stats', CORPUS, '--format', 'json', '--top', '5');
  browser = await launch();
  ({ server, url } = await startServer(SUBPATH_SITE, { base: '/timeline', fallback: '404.html' }));
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('under /timeline/ the app, its links and deep links work without rewrite rules', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  await expectCount(page, stats.events);
  const first = page.locator('.event-row').first();
  assert.match(await first.getAttribute('href'), /^\/timeline\/event\//);
  await first.click();
  await page.waitForSelector('.event-page h1');
  assert.match(page.url(), /\/timeline\/event\//);
  // A deep link is a real file on disk (event/<id>/index.html).
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
  await page.goto(`${url}/event/${seed}`);
  await waitForApp(page);
  // /tags is no file: the worker answers it with the app once it controls the page (it
  // precaches every part of the bundle first, which takes a moment); before that the host's
  // 404.html would, with a 404 status the console reports.
  await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 20000 });
  await page.goto(`${url}/tags?tag=${stats.top_tags[0].key}`);
  await waitForApp(page);
  assert.ok(await page.locator('.cloud-term').count() > 3);
  await page.locator('.site-header nav a', { hasText: 'Timeline' }).click();
  await expectCount(page, stats.top_tags[0].count);
  assert.match(page.url(), /\/timeline\/\?tag=/);
  page.noProblems();
});

test('an unknown path gets 404.html, and the app says so', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/no/such/page');
  await page.waitForSelector('.not-found');
  assert.match(await page.locator('h1').textContent(), /not found/i);
});

test('every page has the policy and no inline script; event pages carry their own previews', () => {
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
  for (const dir of [SITE, SUBPATH_SITE]) {
    for (const file of ['index.html', '404.html', `event/${seed}/index.html`]) {
      const html = readFileSync(join(dir, file), 'utf8');
      assert.match(html, /http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${file}: no inline script`);
    }
  }
  const page = readFileSync(join(SUBPATH_SITE, `event/${seed}/index.html`), 'utf8');
  assert.match(page, /<title>Trump Reveals Israeli Classified Intelligence[^<]*<\/title>/);
  assert.match(page, /<meta property="og:title" content="Trump Reveals/);
  assert.match(page, /<meta name="description" content="The day after firing FBI Director James Comey/);
  assert.match(readFileSync(join(SUBPATH_SITE, 'sw.js'), 'utf8'), /const BASE = "\/timeline\/"/);
  assert.ok(readFileSync(join(SUBPATH_SITE, 'robots.txt'), 'utf8').startsWith('User-agent: *'));
  const eventPages = readdirSync(join(SUBPATH_SITE, 'event')).length;
  assert.equal(eventPages, stats.events);
});
