// Offline after the first visit, and a new deploy picked up safely: a copy of the built
// site is visited, the network is cut, deep links, filters and search still work; then a
// changed corpus is deployed and the page offers the new version without mixing files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, copySite, openPage, CLI, cli, CORPUS, expectCount, shownCount, waitForApp } from './support/lib.mjs';

let browser, site, url, dir, stats;

before(async () => {
  site = await copySite('offline');
  ({ url, dir } = site);
  stats = cli('stats', CORPUS, '--format', 'json', '--top', '5');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

async function controlled(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active && navigator.serviceWorker.controller;
  }, null, { timeout: 30000 });
}

test('after one visit, every route works offline: deep links, filters, search, reload', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  await controlled(page);
  const tag = stats.top_tags[0];
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';

  await page.context().setOffline(true);
  await page.goto(`${url}/event/${seed}`);
  await waitForApp(page);
  assert.match(await page.locator('h1').textContent(), /Lavrov/);
  await page.reload();
  await waitForApp(page);

  await page.goto(`${url}/?tag=${tag.key}`);
  await waitForApp(page);
  await expectCount(page, tag.count);
  await page.goto(`${url}/`);
  await waitForApp(page);
  await page.locator('#search').fill('lavrov kislyak');
  await page.waitForFunction(() => document.querySelector('.event-row'));
  assert.ok(await shownCount(page) >= 1);
  await page.goto(`${url}/tags`);
  await waitForApp(page);
  assert.ok(await page.locator('.cloud-term').count() > 10);
  await page.goto(`${url}/stats?tag=${tag.key}`);
  await waitForApp(page);
  assert.equal(await page.locator('.stats-summary strong').textContent(), tag.count.toLocaleString('en-US'));
  await page.goto(`${url}/graph?tag=${tag.key}&pick=${stats.top_actors[0].key}`);
  await waitForApp(page);
  await page.waitForSelector('svg.network a.node.pick');
  assert.match(await page.locator('.graph-panel h2').textContent(), /\S/);
  await page.context().setOffline(false);
  page.noProblems();
});

test('a new deploy is offered, not mixed in, and taken on a click', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  await controlled(page);
  await expectCount(page, stats.events);

  // Deploy: the same app with another corpus (the project's seeds: one event).
  execFileSync(CLI, ['build', 'seeds', '-o', dir], { stdio: 'ignore' });
  assert.equal(readdirSync(join(dir, 'bundle')).filter((f) => f.startsWith('core.')).length, 1);

  await page.reload();
  await waitForApp(page);
  await page.waitForSelector('.update-banner', { timeout: 30000 });
  // Until the reader says so, the page is the old version, whole.
  await expectCount(page, stats.events);
  await page.locator('.update-banner .button').click();
  await page.waitForFunction(() => document.querySelector('.count strong')?.textContent === '1', null, { timeout: 30000 });
  await expectCount(page, 1);
  assert.equal(await page.locator('.update-banner').count(), 0);
});

test('the site is installable: a manifest with icons, and a worker that controls the page', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel=manifest]');
    return (await fetch(link.href)).json();
  });
  assert.ok(manifest.name && manifest.start_url && manifest.display === 'standalone');
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
  for (const icon of manifest.icons) {
    assert.equal(await page.evaluate(async (src) => (await fetch(src)).status, icon.src), 200);
  }
  page.noProblems();
});
