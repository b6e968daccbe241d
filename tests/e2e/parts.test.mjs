// The bundle in parts, as the reader meets it: the list from the core alone, a search that
// waits for its index's shards (and says so), an event page whose details chunk is slow,
// fails or was fetched ahead by hovering its row. Service workers are blocked, so that
// every part comes from the network, where `page.route` can hold or break it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, openPage, cli, CORPUS, expectCount, waitForApp } from './support/lib.mjs';

const SEARCH = '**/bundle/search.*.bin';
const DETAILS = '**/bundle/details.*.bin';
const SEED = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';

let browser, server, url, stats;

before(async () => {
  stats = cli('stats', CORPUS, '--format', 'json');
  browser = await launch();
  ({ server, url } = await startServer());
});

after(async () => {
  await browser?.close();
  server?.close();
});

const newPage = () => openPage(browser, { serviceWorkers: 'block' });

/** Holds every response matching `pattern` until `release()`; `requests` counts them. */
async function hold(page, pattern) {
  let release;
  const released = new Promise((r) => { release = r; });
  const held = { requests: 0, release };
  await page.route(pattern, async (route) => {
    held.requests++;
    await released;
    await route.continue().catch(() => {});
  });
  return held;
}

/** Moves to `path` within the app, as a followed link does (the router hears popstate). */
function goInApp(page, path) {
  return page.evaluate((path) => {
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Waits until `held` (or a counter) has seen a request. */
async function asked(count) {
  for (let i = 0; i < 400 && !count(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(count(), 'the part was asked for');
}

/** The search's count once the list shows it: the number of events listed. */
async function searchedCount(query) {
  const probe = await newPage();
  await probe.goto(`${url}/?q=${encodeURIComponent(query)}`);
  await probe.waitForFunction(() => /^\d[\d,]*$/.test(document.querySelector('.count strong')?.textContent ?? ''));
  const n = Number((await probe.locator('.count strong').textContent()).replace(/,/g, ''));
  await probe.context().close();
  return n;
}

test('the list, its filters and counts work while the search index is still on its way', async () => {
  const page = await newPage();
  const shards = await hold(page, SEARCH);
  await page.goto(`${url}/`);
  await expectCount(page, stats.events);
  const tag = stats.top_tags[0];
  await page.locator('.facet-value', { hasText: tag.label }).first().locator('input').check();
  await expectCount(page, tag.count);
  assert.ok(shards.requests > 0, 'the small corpus prefetches its shards after the first paint');
  shards.release();
  page.noProblems();
});

test('a query typed before its shards arrive says it waits, then answers', async () => {
  const expected = await searchedCount('lavrov kislyak');
  const page = await newPage();
  const shards = await hold(page, SEARCH);
  await page.goto(`${url}/`);
  await expectCount(page, stats.events);
  await page.locator('#search').fill('lavrov kislyak');
  const status = page.locator('.search [role="status"]');
  await page.waitForFunction(() => /Loading the search index/.test(document.querySelector('.search-status')?.textContent));
  assert.equal(await page.locator('#search').getAttribute('aria-describedby'), 'search-status');
  assert.equal(await page.locator('.count strong').textContent(), '…', 'no count is claimed while the search waits');
  assert.equal(await page.locator('.empty-state').count(), 0, '"no events match" is not said before the search could look');
  shards.release();
  await expectCount(page, expected);
  assert.equal(await status.textContent(), '');
  assert.equal(await page.locator('.event-row').first().getAttribute('href'), `/event/${encodeURIComponent(SEED)}`);
  page.noProblems();
});

test("the URL's query on first load waits for its shards, then answers", async () => {
  const expected = await searchedCount('lavrov');
  const page = await newPage();
  const shards = await hold(page, SEARCH);
  await page.goto(`${url}/?q=lavrov`);
  await page.waitForFunction(() => /Loading the search index/.test(document.querySelector('.search-status')?.textContent));
  assert.equal(await page.locator('#search').inputValue(), 'lavrov');
  shards.release();
  await expectCount(page, expected);
  assert.ok(expected > 0);
  page.noProblems();
});

test('a shard that fails says so in the search box, and Retry answers the query', async () => {
  const page = await newPage();
  await page.route(SEARCH, (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(`${url}/?q=lavrov`);
  await page.waitForFunction(() => /could not be loaded \(HTTP 503\)/.test(document.querySelector('.search-status')?.textContent));
  await page.unroute(SEARCH);
  await page.locator('.search-status button', { hasText: 'Retry' }).click();
  await page.waitForFunction(() => /^\d/.test(document.querySelector('.count strong')?.textContent));
  assert.ok(await page.locator('.event-row').count() > 0);
});

test('an event page shows the core at once, its details when the chunk arrives', async () => {
  const page = await newPage();
  await page.goto(`${url}/`);
  await waitForApp(page);
  const chunk = await hold(page, DETAILS);
  await goInApp(page, `/event/${SEED}`);
  await page.waitForSelector('.event-page h1');
  assert.match(await page.locator('h1').textContent(), /Lavrov/);
  assert.equal(await page.locator('.event-date').textContent(), '10 May 2017');
  assert.ok(await page.locator('.event-terms a', { hasText: 'Sergei Lavrov' }).count() === 1, 'facets from the core');
  assert.match(await page.locator('.details-loading[role="status"]').textContent(), /Loading/);
  assert.equal(await page.locator('.source').count(), 0);
  chunk.release();
  await page.waitForSelector('.event-sources');
  assert.equal(await page.locator('.source').count(), 2);
  assert.equal(await page.locator('.details-loading').count(), 0);
  page.noProblems();
});

test('loaded directly, an event page shows the build\'s article while its chunk is on its way', async () => {
  const page = await newPage();
  const chunk = await hold(page, DETAILS);
  await page.goto(`${url}/event/${SEED}`);
  await asked(() => chunk.requests);
  assert.match(await page.locator('#prerender h1').textContent(), /Lavrov/);
  assert.equal(await page.locator('#prerender .source').count(), 2, 'the sources, before the chunk');
  assert.equal(await page.locator('.details-loading').isVisible(), false, 'the app waits behind it');
  chunk.release();
  await waitForApp(page);
  assert.equal(await page.locator('#prerender').count(), 0);
  assert.equal(await page.locator('.source').count(), 2);
  page.noProblems();
});

test('loaded directly, an event page whose chunk fails keeps the build\'s article until the reader leaves it', async () => {
  const page = await newPage();
  let requests = 0;
  await page.route(DETAILS, (route) => { requests++; route.abort(); });
  await page.goto(`${url}/event/${SEED}`);
  await asked(() => requests);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#prerender .source').count(), 2, 'the whole event, still');
  assert.equal(await page.locator('.details-error').isVisible(), false);
  // Its links are followed by the app, which shows itself.
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('#prerender .breadcrumbs a').first().click();
  await waitForApp(page);
  await expectCount(page, stats.events);
  assert.ok(await page.evaluate(() => window.sameDocument), 'followed within the app');
});

test('a details chunk that fails shows an error with Retry in place, and Retry recovers', async () => {
  const page = await newPage();
  await page.goto(`${url}/`);
  await waitForApp(page);
  await page.route(DETAILS, (route) => route.abort());
  await goInApp(page, `/event/${SEED}`);
  const error = page.locator('.details-error[role="alert"]');
  await error.waitFor();
  assert.match(await error.textContent(), /could not be loaded/);
  assert.match(await page.locator('h1').textContent(), /Lavrov/, 'the page is not blank: the core is shown');
  assert.ok(await page.locator('.prev-next a').count() === 2);
  await page.unroute(DETAILS);
  await error.locator('button', { hasText: 'Retry' }).click();
  await page.waitForSelector('.event-sources');
  assert.equal(await page.locator('.source').count(), 2);
  assert.equal(await error.count(), 0);
});

test('the default rows need one or two chunks for their excerpts, which the app then keeps', async () => {
  const page = await newPage();
  const fetched = [];
  page.on('request', (r) => { if (/\/bundle\/details\.[0-9a-f]{16}\.bin$/.test(r.url())) fetched.push(r.url()); });
  await page.goto(`${url}/`);
  await expectCount(page, stats.events);
  await page.waitForFunction(() => document.querySelector('.event-list .row-excerpt') && !document.querySelector('.event-list .row-excerpt.pending'));
  await page.waitForTimeout(300);
  assert.ok(fetched.length >= 1 && fetched.length <= 2, `${fetched.length} chunks for the first screen`);
  assert.equal(new Set(fetched).size, fetched.length, 'each chunk once');
  const count = fetched.length;
  await page.locator('.event-row').first().hover();
  await page.locator('.event-row').first().click();
  await page.waitForSelector('.event-sources, .event-body, .event-summary');
  assert.equal(fetched.length, count, 'its page needs no other chunk');
  page.noProblems();
});

test('hovering a compact row fetches its chunk once, and its page then needs no other', async () => {
  const page = await newPage();
  const fetched = [];
  page.on('request', (r) => { if (/\/bundle\/details\.[0-9a-f]{16}\.bin$/.test(r.url())) fetched.push(r.url()); });
  await page.goto(`${url}/?density=compact`);
  await expectCount(page, stats.events);
  await page.waitForTimeout(300);
  assert.deepEqual(fetched, [], 'no details before a row asks');
  const row = page.locator('.event-row').first();
  const arrived = page.waitForResponse((r) => /\/bundle\/details\./.test(r.url()));
  await row.hover();
  await arrived;
  assert.equal(fetched.length, 1);
  await page.mouse.move(0, 0);
  await row.hover();
  await row.click();
  await page.waitForSelector('.event-sources, .event-body, .event-summary');
  assert.equal(fetched.length, 1, 'the same chunk is not fetched again: not on a second hover, not by its page');
  page.noProblems();
});

test('focusing a compact row fetches its chunk too', async () => {
  const page = await newPage();
  const fetched = [];
  page.on('request', (r) => { if (/\/bundle\/details\./.test(r.url())) fetched.push(r.url()); });
  await page.goto(`${url}/?sort=asc&density=compact`);
  await expectCount(page, stats.events);
  const arrived = page.waitForResponse((r) => /\/bundle\/details\./.test(r.url()));
  await page.locator('.event-row').first().focus();
  await arrived;
  assert.equal(fetched.length, 1);
  page.noProblems();
});
