// The statistics page (/stats) on the real corpus: every number it draws equals what
// `timeline stats --filter` counts for the same filter (both count through
// timeline_bundle::stats), and its bars open the timeline narrowed to them, within the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, cli, CORPUS, expectCount, waitForApp, servedSite } from './support/lib.mjs';

let browser, url;
servedSite((s) => ({ browser, url } = s));

/** What the page shows: the summary's numbers, each card's bars and the time columns. */
async function read(page) {
  return page.evaluate(() => {
    const n = (s) => Number(s.replace(/,/g, ''));
    const cards = {};
    for (const card of document.querySelectorAll('.stats-card')) {
      cards[card.querySelector('h2').id.replace('stats-', '')] = [...card.querySelectorAll('.stats-bar')]
        .map((bar) => [bar.querySelector('.stats-label').textContent, n(bar.querySelector('.stats-n').textContent)]);
    }
    const columns = [...document.querySelectorAll('.stats-column .visually-hidden')].map((el) => {
      const [label, count] = el.textContent.split(': ');
      return [label, n(count)];
    });
    const summary = document.querySelector('.stats-summary').textContent;
    return {
      events: n(document.querySelector('.stats-summary strong').textContent),
      sources: n(summary.match(/([\d,]+) sources/)?.[1] ?? '0'),
      heading: document.querySelector('#stats-time')?.textContent,
      cards,
      columns,
    };
  });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The events per year the columns add up to: a year, a month of it, or a span of years. */
function perYear(columns) {
  const years = {};
  for (const [label, count] of columns) {
    const span = label.match(/^(\d+)–(\d+)$/);
    if (span) {
      years[`${span[1]}–${span[2]}`] = count;
      continue;
    }
    const year = label.match(/(\d+)$/)[1];
    years[year] = (years[year] ?? 0) + count;
  }
  return years;
}

for (const filter of ['', 'tag=crypto&from=2024', 'actor=donald-trump&min=8', 'q=lavrov', 'lane=regulatory-capture&status=confirmed', 'tier=1&to=2019']) {
  test(`/stats?${filter} shows the numbers timeline stats counts`, async () => {
    const expected = cli('stats', CORPUS, '--format', 'json', '--filter', filter);
    assert.ok(expected.events > 0, 'the filter keeps events');
    const page = await openPage(browser);
    await page.goto(`${url}/stats${filter ? '?' + filter : ''}`);
    await waitForApp(page);
    await page.waitForSelector('.stats-summary');
    const shown = await read(page);
    assert.equal(shown.events, expected.events);
    assert.equal(shown.sources, expected.sources);

    const named = (list) => list.map((c) => [c.label, c.count]);
    assert.deepEqual(shown.cards.tags, named(expected.top_tags));
    assert.deepEqual(shown.cards.actors, named(expected.top_actors));
    assert.deepEqual(shown.cards.lanes, named(expected.top_lanes));
    assert.ok(expected.top_outlets.length > 0, 'the events cite outlets');
    assert.deepEqual(shown.cards.outlets, named(expected.top_outlets));
    const noStatus = expected.events - expected.statuses.reduce((s, c) => s + c.count, 0);
    assert.deepEqual(shown.cards.status, [...named(expected.statuses), ...(noStatus ? [['No status', noStatus]] : [])]);
    const tiers = Object.entries(expected.tiers).map(([t, n]) => [t === 'none' ? 'No tier given' : t, n]);
    assert.deepEqual(shown.cards.tier.map(([label, n]) => [label === 'No tier given' ? label : label.match(/^Tier (\d)/)[1], n]), tiers);
    const importance = Object.entries(expected.importance)
      .map(([i, n]) => [i === 'none' ? 'Not rated' : `Importance ${i}`, n])
      .sort((a, b) => (Number(b[0].split(' ')[1]) || 0) - (Number(a[0].split(' ')[1]) || 0));
    assert.deepEqual(shown.cards.importance, importance);
    assert.deepEqual(
      shown.cards.sources.map(([label, n]) => [label.split(' ')[0], n]),
      Object.entries(expected.sources_per_event).sort((a, b) => a[0] - b[0]),
    );

    // The columns: every event once, each year as the CLI counts it (the years before
    // the first percentile in one column).
    assert.equal(shown.columns.reduce((s, c) => s + c[1], 0), expected.events);
    for (const [year, count] of Object.entries(perYear(shown.columns))) {
      const [from, to] = year.split('–').map(Number);
      const cli = Object.entries(expected.per_year).filter(([y]) => y >= from && y <= (to ?? from)).reduce((s, [, n]) => s + n, 0);
      assert.equal(count, cli, year);
    }
    const span = Number(expected.last_date.slice(0, 4)) - Number(expected.first_date.slice(0, 4));
    assert.equal(shown.heading, span < 3 ? 'Events per month' : 'Events per year');
    if (span < 3) assert.ok(shown.columns.some(([label]) => MONTHS.includes(label.split(' ')[0])));
    page.noProblems();
  });
}

test('embedded, the page keeps the embed in its links; locked, a bar opens the full site', async () => {
  const page = await openPage(browser);
  await page.goto(`${url}/stats?tag=crypto&embed=1`);
  await waitForApp(page);
  await page.waitForSelector('.stats-summary');
  assert.equal(await page.locator('.site-header').count(), 0, 'the embed header, not the site header');
  const href = await page.locator('a.stats-bar').first().getAttribute('href');
  assert.equal(new URL(href, url).searchParams.get('embed'), '1');
  await page.goto(`${url}/stats?tag=crypto&embed=1&lock=1`);
  await waitForApp(page);
  await page.waitForSelector('.stats-summary');
  const locked = page.locator('#stats-actors ~ ol a.stats-bar').first();
  assert.equal(await locked.getAttribute('target'), '_blank');
  page.noProblems();
});

test('an outlet\'s bar opens the timeline of the events citing it, as many as timeline stats counts', async () => {
  const top = cli('stats', CORPUS, '--format', 'json', '--filter', 'from=2020').top_outlets;
  // The second outlet: not simply the first bar.
  const outlet = top[1];
  const expected = cli('stats', CORPUS, '--format', 'json', '--filter', `outlet=${outlet.key}`);
  const within = cli('stats', CORPUS, '--format', 'json', '--filter', `from=2020&outlet=${outlet.key}`);
  assert.equal(within.events, outlet.count, 'the bar\'s number is the filtered count');
  assert.ok(expected.events >= within.events && expected.events > 0);
  const page = await openPage(browser);
  await page.goto(`${url}/stats?from=2020`);
  await waitForApp(page);
  await page.waitForSelector('.stats-summary');
  const bar = page.locator('#stats-outlets ~ ol .stats-bar').nth(1);
  assert.equal(await bar.locator('.stats-label').textContent(), outlet.label);
  await bar.click();
  await expectCount(page, within.events);
  assert.deepEqual([...new URL(page.url()).searchParams], [['outlet', outlet.key], ['from', '2020']]);
  // The chip names it, and taking the date away leaves the outlet's whole timeline.
  const chip = page.locator('.chip', { hasText: outlet.label });
  assert.equal(await chip.locator('.chip-kind').textContent(), 'Outlet');
  await page.locator('.chip', { hasText: 'From' }).locator('.chip-remove').click();
  await expectCount(page, expected.events);
  // The panel's Outlets section: the chosen one first, eight in all, the rest behind
  // "Show more" and its search box.
  const section = page.locator('[aria-labelledby="facet-outlets"]');
  await section.locator('.facet-value.selected').waitFor();
  assert.equal(await section.locator('.facet-value').first().locator('.facet-label').textContent(), outlet.label);
  assert.equal(await section.locator('.facet-value').count(), 8);
  assert.equal(await section.locator('button', { hasText: 'Show more' }).count(), 1);
  assert.equal(await section.locator('.facet-search').count(), 1);
  page.noProblems();
});

test('an event page links each source\'s outlet to the events citing it', async () => {
  const outlet = cli('stats', CORPUS, '--format', 'json').top_outlets[0];
  const expected = cli('stats', CORPUS, '--format', 'json', '--filter', `outlet=${outlet.key}`);
  const page = await openPage(browser);
  await page.goto(`${url}/?outlet=${outlet.key}`);
  await waitForApp(page);
  await expectCount(page, expected.events);
  await page.locator('.event-row').first().click();
  const link = page.locator('.event-sources a.outlet', { hasText: outlet.label }).first();
  await link.waitFor();
  await link.click();
  await expectCount(page, expected.events);
  assert.equal(new URL(page.url()).search, `?outlet=${outlet.key}`);
  page.noProblems();
});

test('a bar opens the timeline narrowed to it within the app, and the header links the page', async () => {
  const expected = cli('stats', CORPUS, '--format', 'json', '--filter', 'tag=crypto');
  const page = await openPage(browser);
  await page.goto(`${url}/?tag=crypto`);
  await waitForApp(page);
  await page.evaluate(() => { window.sameDocument = true; });
  // The header's link keeps the filter.
  await page.locator('.site-header nav a', { hasText: 'Stats' }).click();
  await page.waitForSelector('.stats-summary');
  assert.equal(new URL(page.url()).search, '?tag=crypto');
  assert.equal(await page.locator('.site-header nav a[aria-current="page"]').textContent(), 'Stats');
  const actor = expected.top_actors[0];
  await page.locator('#stats-actors ~ ol .stats-bar').first().click();
  await expectCount(page, actor.count);
  assert.deepEqual([...new URL(page.url()).searchParams], [['tag', 'crypto'], ['actor', actor.key]]);
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'the router followed the link');
  // A year's column opens that year.
  await page.goBack();
  await page.waitForSelector('.stats-summary');
  const column = page.locator('a.stats-column').last();
  const [label, count] = (await column.locator('.visually-hidden').textContent()).split(': ');
  await column.click();
  await expectCount(page, Number(count.replace(/,/g, '')));
  const from = new URL(page.url()).searchParams.get('from');
  const month = MONTHS.indexOf(label.split(' ')[0]) + 1;
  assert.equal(from, month ? `${label.split(' ')[1]}-${String(month).padStart(2, '0')}` : label);
  page.noProblems();
});
