// The service worker among other sites and files: two timelines on one origin (/a/ and
// /b/, as GitHub Pages project sites are) keep each other's offline copies, and after a
// visit a navigation to one of the site's real files (robots.txt, embed.js, the manifest,
// the sitemap) gets that file, not the app, while the app's routes still get the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, copySite, openPage, CLI, cli, expectCount, waitForApp } from './support/lib.mjs';

const SUBPATH_SITE = process.env.TIMELINE_SUBPATH_SITE || 'target/e2e/site-subpath';
const SETTINGS_CORPUS = 'tests/e2e/support/fixtures/with-settings';
const SEED = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
let browser, tmp;

before(async () => {
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), 'timeline-sw-'));
});

after(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The sub-path site moved to `base` (e.g. "/a/") and rebuilt there from `corpus`. */
function siteAt(base, corpus) {
  const dir = join(tmp, base.replaceAll('/', ''));
  cpSync(SUBPATH_SITE, dir, { recursive: true });
  for (const page of ['index.html', '404.html']) {
    const html = readFileSync(join(dir, page), 'utf8');
    writeFileSync(join(dir, page), html.replaceAll('"/timeline/', `"${base}`));
  }
  execFileSync(CLI, ['build', corpus, '-o', dir], { stdio: 'ignore' });
  assert.match(readFileSync(join(dir, 'sw.js'), 'utf8'), new RegExp(`const BASE = "${base}"`));
  return dir;
}

async function controlled(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active && navigator.serviceWorker.controller;
  }, null, { timeout: 30000 });
}

test('two sites on one origin keep each other\'s offline copy', async () => {
  const a = siteAt('/a/', 'seeds');
  const b = siteAt('/b/', SETTINGS_CORPUS);
  const { server, url } = await startServer(a, { fallback: '404.html', mounts: [{ base: '/a', root: a }, { base: '/b', root: b }] });
  try {
    const page = await openPage(browser);
    await page.goto(`${url}/a/`);
    await waitForApp(page);
    await controlled(page);
    await expectCount(page, 1);
    await page.goto(`${url}/b/`);
    await waitForApp(page);
    await controlled(page);
    await expectCount(page, cli('stats', SETTINGS_CORPUS, '--format', 'json').events);
    assert.equal(await page.locator('.brand').textContent(), 'Test Chronicle');
    // Both workers have activated (and cleaned up their own old caches).
    const keys = await page.evaluate(() => caches.keys());
    for (const base of ['/a/', '/b/']) {
      const own = keys.filter((k) => k.startsWith(`timeline:${url}${base}:`));
      assert.equal(own.length, 1, `one cache of ${base}'s own in ${keys}`);
    }

    await page.context().setOffline(true);
    await page.goto(`${url}/a/`);
    await waitForApp(page);
    await expectCount(page, 1);
    await page.goto(`${url}/a/event/${SEED}`);
    await waitForApp(page);
    await page.goto(`${url}/b/about`);
    await page.waitForSelector('.about-page');
    await page.context().setOffline(false);
    page.noProblems();
  } finally {
    server.close();
  }
});

test('after a visit, a navigation to a real file gets the file; the app\'s routes get the app', async () => {
  const site = await copySite('sw-files', SETTINGS_CORPUS);
  try {
    const page = await openPage(browser);
    await page.goto(site.url + '/');
    await waitForApp(page);
    await controlled(page);
    const files = ['robots.txt', 'embed.js', 'manifest.webmanifest', 'sitemap.xml'];
    assert.ok(readdirSync(site.dir).includes('sitemap.xml'), 'built with a canonical URL');
    for (const file of files) {
      const response = await page.goto(`${site.url}/${file}`);
      assert.equal(await response.text(), readFileSync(join(site.dir, file), 'utf8'), `${file} is the file`);
    }
    for (const [route, selector] of [['/tags', '.cloud-page'], ['/about', '.about-page'], [`/event/${SEED}`, '.event-page h1'], ['/no/such/page', '.not-found']]) {
      await page.goto(site.url + route);
      await page.waitForSelector(selector);
    }
    // Offline, a precached file still comes from this version's cache.
    await page.context().setOffline(true);
    const response = await page.goto(`${site.url}/manifest.webmanifest`);
    assert.match(await response.text(), /"name": "Test Chronicle"/);
    await page.goto(site.url + '/tags');
    await page.waitForSelector('.cloud-page');
    await page.context().setOffline(false);
  } finally {
    site.close();
  }
});
