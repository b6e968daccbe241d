// The list's rows on the real corpus: a default row shows its event's excerpt, first actors
// and sources, in rows of one fixed height (so the list stays windowed); `density=compact`
// gives the one-line rows, and the toggle beside the order writes it to the URL. An event
// page links its connections to the events they name, and lists the events that name it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForApp, SITE, servedSite } from './support/lib.mjs';
import { readFileSync } from 'node:fs';

const ESSAY = '2009-04-13--peter-thiel-anti-democracy-essay';
const SENATE = '2022-04-01--thiel-funds-vance-senate';
let browser, url;
servedSite((s) => ({ browser, url } = s));

/** The app's rows (not the static copy's): each slot's height and its row's parts. */
function rows(page) {
  return page.evaluate(() => [...document.querySelectorAll('.event-list .slot:not(.month-header)')]
    .filter((s) => !s.closest('#prerender'))
    .map((s) => ({
      height: s.getBoundingClientRect().height,
      href: s.querySelector('a').getAttribute('href'),
      excerpt: s.querySelector('.row-excerpt')?.textContent ?? null,
      excerptHeight: s.querySelector('.row-excerpt')?.getBoundingClientRect().height ?? null,
      pending: !!s.querySelector('.row-excerpt.pending'),
      actors: s.querySelector('.row-actors')?.textContent ?? null,
      sources: s.querySelector('.sources')?.textContent ?? '',
    })));
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

for (const [width, height] of [[1280, 144], [390, 160]]) {
  test(`at ${width} px a default row shows its excerpt, actors and sources, every row ${height} px high`, async () => {
    const page = await openPage(browser, { viewport: { width, height: 900 } });
    await page.goto(url + '/');
    await waitForApp(page);
    await page.waitForFunction(() => !document.querySelector('.event-list .row-excerpt.pending'));
    const shown = await rows(page);
    assert.ok(shown.length >= 5, `${shown.length} rows`);
    assert.deepEqual([...new Set(shown.map((r) => r.height))], [height], 'one height for every row');
    assert.equal(new Set(shown.map((r) => r.excerptHeight)).size, 1, 'one excerpt box for every row, short or long');
    // The first row against its event's page: the excerpt begins the summary, the actors
    // are its first ones, the sources its count.
    const first = shown[0];
    assert.ok(first.excerpt.length > 40, first.excerpt);
    await page.goto(new URL(first.href, url + '/').href);
    await waitForApp(page);
    // The summary, or the body when there is none.
    const summary = squash(await page.locator('.event-page .prose').first().textContent());
    assert.ok(summary.startsWith(first.excerpt.replace(/…$/, '')), `${first.excerpt}\n is not the start of\n ${summary}`);
    const actors = await page.locator('.event-terms div', { hasText: 'Actors' }).locator('li').allTextContents();
    assert.ok(first.actors.startsWith(actors.slice(0, 3).join(', ')), `${first.actors} vs ${actors}`);
    const count = (await page.locator('.event-sources h2').textContent()).match(/\d+/)[0];
    assert.equal(first.sources, `${count} source${count === '1' ? '' : 's'}`);
    page.noProblems();
  });
}

test('density=compact gives the one-line rows, and the toggle writes it to the URL and back', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(url + '/?density=compact');
  await waitForApp(page);
  let shown = await rows(page);
  assert.deepEqual([...new Set(shown.map((r) => r.height))], [92]);
  assert.ok(shown.every((r) => r.excerpt === null && r.actors === null), 'no excerpt, no actors');
  assert.ok(await page.locator('.density input').isChecked());
  assert.equal(await page.locator('.notice').count(), 0, 'a view parameter, not an unknown one');

  await page.goto(url + '/?tag=crypto');
  await waitForApp(page);
  await page.locator('.density input').check();
  await page.waitForFunction(() => location.search === '?tag=crypto&density=compact');
  await page.waitForFunction(() => document.querySelector('.event-list .slot:not(.month-header)')?.getBoundingClientRect().height === 92);
  // A filter changed in compact rows keeps them.
  await page.locator('.sort select').selectOption('asc');
  await page.waitForFunction(() => location.search === '?tag=crypto&sort=asc&density=compact');
  await page.locator('.density input').uncheck();
  await page.waitForFunction(() => location.search === '?tag=crypto&sort=asc');
  shown = await rows(page);
  assert.ok(shown.every((r) => r.height === 144 && r.excerpt !== null));
  await page.goBack();
  await page.waitForFunction(() => location.search.endsWith('density=compact'));
  assert.ok(await page.locator('.density input').isChecked());
  page.noProblems();
});

test('a scrolled list asks for its rows\' chunks: every row comes to show its excerpt', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(url + '/');
  await waitForApp(page);
  await page.evaluate(() => scrollTo(0, 60000));
  await page.waitForFunction(() => {
    const slots = [...document.querySelectorAll('.event-list .slot:not(.month-header)')];
    return slots.length > 5 && slots.every((s) => s.querySelector('.row-excerpt:not(.pending)'));
  }, null, { timeout: 10000 });
  const shown = await rows(page);
  assert.ok(shown.filter((r) => r.excerpt.length > 0).length > shown.length / 2, 'most events have an excerpt');
  page.noProblems();
});

test('connections link the events they name, both ways, on the app\'s page and the static one', async () => {
  const page = await openPage(browser);
  await page.goto(url + `/event/${ESSAY}`);
  await waitForApp(page);
  const connections = page.locator('.connections');
  const link = connections.locator(`a[href$="event/${SENATE}"]`);
  assert.match(await link.textContent(), /1 April 2022.*Peter Thiel Provides \$15 Million/);
  // An id no event has is text, not a link.
  assert.deepEqual(await connections.locator('.connection-text').allTextContents(), ['2011-01-01--thiel-meets-vance-yale']);
  await link.click();
  await page.waitForFunction((id) => location.pathname.endsWith(id), SENATE);
  await waitForApp(page);
  const back = page.locator(`.referenced-by a[href$="event/${ESSAY}"]`);
  assert.match(await back.textContent(), /13 April 2009.*Peter Thiel Publishes Anti-Democracy Essay/);
  assert.equal(await page.locator('.referenced-by li').count(), 4);
  // The build's static page carries the same sections.
  const html = readFileSync(`${SITE}/event/${SENATE}/index.html`, 'utf8');
  assert.ok(html.includes('<h2>Referenced by</h2>') && html.includes(`href="event/${ESSAY}"`));
  page.noProblems();
});
