// No event content can run script: a site built from a corpus of hostile events (script
// in titles, bodies, URLs, tags, extras) is opened page by page, and nothing runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, copySite, openPage, waitForApp } from './support/lib.mjs';

let browser, site, url;

before(async () => {
  // The app as built, with the bundle swapped for one compiled from the hostile corpus.
  site = await copySite('hostile', 'tests/e2e/support/fixtures/hostile');
  ({ url } = site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

for (const path of ['/', '/?q=hostile', '/tags', '/actors', '/stats', '/event/2020-01-01--hostile-markup', '/event/2020-01-02--hostile-json']) {
  test(`nothing runs on ${path}`, async () => {
    const page = await openPage(browser);
    await page.goto(url + path);
    await waitForApp(page);
    await page.waitForTimeout(300);
    // Hover and click everything an attacker might have planted.
    for (const el of await page.locator('main a, main b, main .source a').all()) {
      const href = await el.getAttribute('href');
      assert.ok(!href || !/^\s*(javascript|data):/i.test(href), `no script URL in a link: ${href}`);
      await el.hover().catch(() => {});
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('main script, main iframe, main svg script, main form, main [onerror], main [onload], main [onmouseover]').count(), 0);
    page.noProblems();
  });
}

test('hostile text is shown as text', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/event/2020-01-01--hostile-markup');
  await waitForApp(page);
  assert.match(await page.locator('h1').textContent(), /<img src=x onerror=/);
  assert.match(await page.locator('.source').first().textContent(), /javascript:window/);
  assert.equal(await page.locator('.source').first().locator('a:not(.outlet)').count(), 0, 'a script URL is never a link');
  // Its outlet is text, linked to the timeline of the events citing it.
  const outlet = page.locator('.source').first().locator('a.outlet');
  assert.equal(await outlet.textContent(), '<i>Outlet</i>');
  assert.equal(await outlet.getAttribute('href'), '/?outlet=%3Ci%3Eoutlet%3C%2Fi%3E');
  // The list builds its rows' text as HTML (escaped, with highlighting marks).
  await page.goto(url + '/?q=hostile+img');
  await waitForApp(page);
  const row = page.locator('.event-row', { hasText: 'Hostile title' });
  assert.match(await row.locator('.row-title').textContent(), /^<img src=x onerror="window.__pwned='title'"> Hostile title$/);
  assert.deepEqual(await row.locator('.row-title mark').allTextContents(), ['img', 'Hostile']);
  assert.match(await row.locator('.row-meta').textContent(), /<script>window.__pwned='tag'<\/script>/);
  assert.equal(await row.locator('img, script, svg').count(), 0);
});
