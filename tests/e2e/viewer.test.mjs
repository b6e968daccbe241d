// End-to-end tests of the viewer in headless Chromium, on a release build of the real
// corpus. The expected numbers come from the CLI's own stats of the same corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, openPage, cli, CORPUS, expectCount, shownCount, waitForApp } from './support/lib.mjs';

let browser, server, url, stats, report;

before(async () => {
  stats = cli('stats', CORPUS, '--format', 'json', '--top', '1000');
  report = cli('check', CORPUS, '--format', 'json');
  browser = await launch();
  ({ server, url } = await startServer());
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(path) {
  const page = await openPage(browser);
  await page.goto(url + path);
  await waitForApp(page);
  return page;
}

test('first load shows every event of the bundle', async () => {
  const page = await open('/');
  await expectCount(page, stats.events);
  assert.equal(report.events, stats.events);
  assert.ok(await page.locator('.event-row').count() > 5, 'rows are rendered');
  assert.ok(await page.locator('.event-row').count() < 200, 'only the rows near the viewport are rendered');
  page.noProblems();
});

test('each filter kind gives the count the CLI computes', async () => {
  const page = await open('/');
  const tag = stats.top_tags[0];
  await page.goto(`${url}/?tag=${encodeURIComponent(tag.key)}`);
  await expectCount(page, tag.count);

  const actor = stats.top_actors[1];
  await page.goto(`${url}/?actor=${encodeURIComponent(actor.key)}`);
  await expectCount(page, actor.count);

  const lane = stats.top_lanes[0];
  await page.goto(`${url}/?lane=${encodeURIComponent(lane.key)}`);
  await expectCount(page, lane.count);

  const status = stats.statuses.find((s) => s.key === 'confirmed');
  await page.goto(`${url}/?status=confirmed`);
  await expectCount(page, status.count);

  await page.goto(`${url}/?tier=1`);
  await expectCount(page, stats.tiers['1']);

  const outlet = stats.top_outlets[2];
  await page.goto(`${url}/?outlet=${encodeURIComponent(outlet.key)}`);
  await expectCount(page, outlet.count);

  const atLeast8 = Object.entries(stats.importance).filter(([k]) => Number(k) >= 8).reduce((a, [, v]) => a + v, 0);
  await page.goto(`${url}/?min=8`);
  await expectCount(page, atLeast8);

  await page.goto(`${url}/?from=2020&to=2020`);
  await expectCount(page, stats.per_year['2020']);
  page.noProblems();
});

test('filters combine, and clicking a facet narrows the list and the URL', async () => {
  const page = await open('/');
  const tag = stats.top_tags[0];
  await page.locator('.facet', { hasText: 'Tags' }).locator('.facet-value', { hasText: tag.label }).first().click();
  await expectCount(page, tag.count);
  assert.match(page.url(), new RegExp(`tag=${tag.key}`));
  await page.locator('.segmented button', { hasText: '9+' }).click();
  const both = await shownCount(page);
  assert.ok(both > 0 && both < tag.count, `tag and importance combine (${both} of ${tag.count})`);
  assert.match(page.url(), /min=9/);
  assert.equal(await page.locator('.chip').count(), 2);
  await page.locator('.clear-all').click();
  await expectCount(page, stats.events);
  page.noProblems();
});

test('search finds a known event, ranked, highlighted, accent- and case-insensitive', async () => {
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
  const page = await open('/');
  await page.locator('#search').fill('lavrov kislyak');
  await waitForApp(page);
  await page.waitForFunction(() => document.querySelector('.event-row'));
  await page.waitForTimeout(200);
  const first = page.locator('.event-row').first();
  assert.equal(await first.getAttribute('href'), `/event/${encodeURIComponent(seed)}`);
  assert.ok(await first.locator('mark').count() >= 1, 'matches are highlighted');
  assert.match(page.url(), /q=lavrov\+kislyak/);
  // The panel's counts follow the search (a frame after the list): no value counts more
  // events than are listed, and the best-source tiers add up to at most the list.
  const listed = await shownCount(page);
  await page.waitForFunction((n) => {
    const counts = [...document.querySelectorAll('.facet-count')].map((c) => Number(c.textContent));
    return counts.length > 0 && counts.every((c) => c <= n);
  }, listed, { timeout: 5000 });
  const tiers = await page.locator('[aria-labelledby="facet-best-source"] .facet-count').allTextContents();
  assert.ok(tiers.length > 0, 'the best-source section is found');
  assert.ok(tiers.reduce((a, c) => a + Number(c), 0) <= listed);
  await page.goto(`${url}/?q=LAVRÓV`);
  await waitForApp(page);
  assert.ok(await shownCount(page) >= 1);
  page.noProblems();
});

test('keyboard: / focuses search, Esc clears it, arrows and Enter open an event', async () => {
  const page = await open('/');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.type('snap');
  await page.waitForFunction(() => location.search.includes('q=snap'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !location.search.includes('q='));
  await expectCount(page, stats.events);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.event-row.selected').getAttribute('data-position'), '1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-page h1');
  // A facet value checked from the keyboard moves to the top of its list; the focus goes
  // with it.
  await page.goBack();
  await page.waitForSelector('.event-row');
  const value = page.locator('[aria-labelledby="facet-tags"] .facet-value').nth(3);
  const label = await value.locator('.facet-label').textContent();
  await value.locator('input').focus();
  await page.keyboard.press(' ');
  await page.waitForFunction(() => location.search.includes('tag='));
  await page.waitForFunction((label) => {
    const el = document.activeElement;
    return el?.checked && el.closest('.facet-value')?.querySelector('.facet-label')?.textContent === label;
  }, label, { timeout: 5000 });
  page.noProblems();
});

test('permalinks load directly, including ids with $, quotes, parentheses and colons', async () => {
  const odd = report.ids.filter((id) => /[$"():']/.test(id));
  assert.ok(odd.some((id) => id.includes('$')), 'the corpus has an id with $');
  assert.ok(odd.some((id) => id.includes('"')), 'the corpus has an id with a double quote');
  const page = await openPage(browser);
  for (const id of odd.slice(0, 12)) {
    await page.goto(`${url}/event/${encodeURIComponent(id)}`);
    await waitForApp(page);
    assert.equal(await page.locator('.event-id code').textContent(), id, `permalink of ${id}`);
  }
  page.noProblems();
});

test('an event page shows its facts, sources and links to filtered views', async () => {
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
  const page = await open(`/event/${seed}`);
  assert.match(await page.locator('h1').textContent(), /Lavrov/);
  assert.equal(await page.locator('.event-date').textContent(), '10 May 2017');
  await page.waitForSelector('.event-sources');
  assert.equal(await page.locator('.source').count(), 2);
  assert.ok(await page.locator('.prev-next a').count() === 2);
  assert.match(await page.title(), /Lavrov/);
  await page.locator('.term-list a', { hasText: 'Sergei Lavrov' }).click();
  await page.waitForSelector('.count strong');
  assert.match(page.url(), /actor=sergei-lavrov/);
  page.noProblems();
});

test('an unknown id shows a helpful not-found page with search', async () => {
  const page = await open('/event/no-such-event--lavrov');
  assert.match(await page.locator('h1').textContent(), /No event/);
  await page.locator('.standalone-search button').click();
  await page.waitForSelector('.count strong');
  assert.match(page.url(), /q=lavrov/);
  page.noProblems();
});

test('back and forward walk through filter changes', async () => {
  const page = await open('/');
  await page.locator('.segmented button', { hasText: '10' }).click();
  await page.waitForFunction(() => location.search.includes('min=10'));
  const ten = await shownCount(page);
  await page.locator('.segmented button', { hasText: '9+' }).click();
  await page.waitForFunction(() => location.search.includes('min=9'));
  await page.goBack();
  await page.waitForFunction(() => location.search.includes('min=10'));
  await expectCount(page, ten);
  await page.goBack();
  await expectCount(page, stats.events);
  await page.goForward();
  await expectCount(page, ten);
  // Typing rewrites one history entry (the URL follows the view right after it paints);
  // following a result and coming back restores the whole search.
  await page.goBack();
  await expectCount(page, stats.events);
  const entries = await page.evaluate(() => history.length);
  await page.locator('#search').pressSequentially('lavrov', { delay: 30 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'lavrov');
  assert.equal(await page.evaluate(() => history.length), entries);
  await page.locator('.event-row').first().click();
  await page.waitForSelector('.event-page');
  await page.goBack();
  await page.waitForSelector('.event-row');
  assert.equal(await page.locator('#search').inputValue(), 'lavrov');
  assert.match(page.url(), /[?&]q=lavrov/);
  page.noProblems();
});

test('bad URL parameters are ignored with a visible notice, never a crash', async () => {
  const page = await open('/?min=99&from=2023-02-30&tag=no-such-tag&sort=sideways&tier=x&%3Cscript%3E=1&q=%00%FF');
  await waitForApp(page);
  const notice = await page.locator('.notice').textContent();
  for (const param of ['min', 'from', 'tag', 'sort', 'tier']) assert.match(notice, new RegExp(param));
  assert.ok(await shownCount(page) >= 0);
  const garbage = await open('/event/%E0%A4%A');
  assert.ok(await garbage.locator('.not-found').count() === 1);
  page.noProblems();
  garbage.noProblems();
});

test('tag and actor clouds weigh terms within the filter and link to the timeline', async () => {
  const page = await open('/tags');
  assert.ok(await page.locator('.cloud-term').count() > 50);
  await page.goto(`${url}/actors?tag=${stats.top_tags[0].key}`);
  await waitForApp(page);
  const lede = await page.locator('.lede').textContent();
  assert.match(lede, new RegExp(`across ${stats.top_tags[0].count.toLocaleString('en-US')} events`));
  await page.locator('.segmented button', { hasText: 'List' }).click();
  assert.ok(await page.locator('.term-table tbody tr').count() > 5);
  await page.locator('.term-table tbody a').first().click();
  await page.waitForSelector('.count strong');
  assert.match(page.url(), /actor=/);
  page.noProblems();
});

test('the home page has an identity: the site\'s name as its one h1 and what it holds, in the static page too', async () => {
  const page = await open('/');
  assert.deepEqual(await page.locator('h1').allTextContents(), ['Timeline'], 'no settings file: the default name');
  const line = await page.locator('.intro p').textContent();
  const years = await page.locator('.histogram .year-hit').evaluateAll((b) => [b[0], b.at(-1)].map((x) => x.getAttribute('aria-label').match(/^\d+/)[0]));
  assert.equal(line, `${stats.events.toLocaleString('en-US')} events, from ${years[0]} to ${years[1]}.`);
  // The same markup before the app starts (and for a reader without JavaScript).
  const html = await (await fetch(`${url}/`)).text();
  assert.ok(html.includes(`<div class="intro"><h1>Timeline</h1><p>${line}</p></div>`), 'in index.html');
  page.noProblems();
});

test('the histogram\'s axis names its first bar as the years before the rest', async () => {
  const page = await open('/');
  const axis = await page.locator('.histogram-axis span').allTextContents();
  const bars = await page.locator('.histogram .year-hit').evaluateAll((b) => b.map((x) => x.getAttribute('aria-label')));
  // The real corpus has a few very old events (the first in 1142): they share one bar.
  const [, from, to] = bars[0].match(/^(\d+)–(\d+): set the date range$/);
  assert.equal(axis[0], `Before ${Number(to) + 1}`, `not "${from}…${Number(to) + 1}"`);
  assert.match(bars[1], new RegExp(`^${Number(to) + 1}: set the date range$`));
  assert.equal(axis[2], bars.at(-1).split(':')[0], 'the last year');
  page.noProblems();
});

test('the skip link moves the focus to the content and leaves the address alone', async () => {
  const page = await open('/');
  const first = await page.locator('.event-row').first().getAttribute('href');
  await page.goto(url + '/' + first.replace(/^\//, ''));
  await waitForApp(page);
  const before = page.url();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(page.url(), before, 'the same address (below <base href>, #main would be the home page\'s)');
  assert.equal(await page.locator('.event-page h1').count(), 1, 'still the event');
  page.noProblems();
});

test('copying an event\'s link is announced', async () => {
  const page = await openPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(url + '/');
  await waitForApp(page);
  await page.locator('.event-row').first().click();
  await waitForApp(page);
  await page.locator('.event-page .copy-link').click();
  const region = page.locator('#announcer');
  assert.equal(await region.getAttribute('role'), 'status');
  await page.waitForFunction(() => document.getElementById('announcer').textContent === 'Link copied');
  page.noProblems();
});

test('the theme toggle is a named toggle button, and remembered', async () => {
  const page = await open('/');
  const before = await page.evaluate(() => document.documentElement.dataset.theme || '');
  // One name, announced with its state (not its glyph, nor a literal `attr:` attribute).
  const toggle = page.getByRole('button', { name: 'Dark theme', exact: true });
  assert.equal(await toggle.count(), 1);
  assert.equal(await toggle.evaluate((b) => [...b.attributes].some((a) => a.name.includes(':'))), false);
  const pressed = await toggle.getAttribute('aria-pressed');
  assert.ok(pressed === 'true' || pressed === 'false', `aria-pressed is ${pressed}`);
  await toggle.click();
  const after = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.ok(after === 'dark' || after === 'light');
  assert.notEqual(after, before);
  assert.equal(await toggle.getAttribute('aria-pressed'), after === 'dark' ? 'true' : 'false', 'pressed in the dark theme');
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), after, 'remembered');
  assert.equal(await page.locator('.theme-toggle').getAttribute('aria-pressed'), after === 'dark' ? 'true' : 'false');
  page.noProblems();
});

test('no console warning on load, on the home, an event page and the statistics', async () => {
  const page = await openPage(browser);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(url + '/');
  await waitForApp(page);
  const event = await page.locator('.event-row').first().getAttribute('href');
  for (const path of ['/' + event.replace(/^\//, ''), '/stats']) {
    await page.goto(url + path);
    await waitForApp(page);
  }
  // Chromium's warnings come with the load; a moment for the last page's.
  await page.waitForTimeout(300);
  assert.deepEqual(warnings, []);
  page.noProblems();
});

test('with reduced motion the phone\'s filter drawer opens without sliding', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const page = await openPage(browser, { viewport: { width: 390, height: 800 }, reducedMotion });
    await page.goto(url + '/');
    await waitForApp(page);
    const duration = await page.locator('.filters').evaluate((el) => getComputedStyle(el).transitionDuration);
    if (reducedMotion === 'reduce') assert.equal(duration, '0s', 'no slide');
    else assert.notEqual(duration, '0s', 'the slide, where motion is welcome');
    page.noProblems();
    await page.context().close();
  }
});

test('the phone\'s filter drawer is a modal: focus in, the page behind inert, Esc and the backdrop close it, focus returns', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 800 }, reducedMotion: 'reduce' });
  await page.goto(url + '/');
  await waitForApp(page);
  const opener = page.locator('.open-filters');
  const active = () => page.evaluate(() => document.activeElement?.className ?? '');
  // By keyboard: the Filters button, Enter.
  await opener.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('close-filters'));
  assert.equal(await opener.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await page.evaluate(() => ['.site-header', '.results', '.site-footer'].map((s) => document.querySelector(s).inert)), [true, true, true], 'the page behind is inert');
  // Tab stays in the drawer: it never reaches the inert page.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const inDrawer = await page.evaluate(() => !document.activeElement || document.activeElement === document.body || !!document.activeElement.closest('.filters'));
    assert.ok(inDrawer, `Tab ${i + 1} left the drawer for ${await active()}`);
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.timeline-page').classList.contains('panel-open'));
  await page.waitForFunction(() => document.activeElement?.classList.contains('open-filters'));
  assert.equal(await page.evaluate(() => document.querySelector('.results').inert), false, 'the page is back');
  // A tap on the dimmed page closes the drawer and opens nothing underneath.
  await opener.click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('close-filters'));
  const before = page.url();
  await page.mouse.click(370, 500);
  await page.waitForFunction(() => !document.querySelector('.timeline-page').classList.contains('panel-open'));
  assert.equal(page.url(), before, 'no event opened');
  page.noProblems();
});

test('a 360 px phone gets the whole page without sideways scrolling, filters in a drawer', async () => {
  const page = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(url + '/');
  await waitForApp(page);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
  assert.equal(await page.locator('.filters').isVisible(), false);
  await page.locator('.open-filters').click();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.filters').isVisible(), true);
  page.noProblems();
});

test('a bundle that fails to load shows an error screen with a retry', async () => {
  const page = await openPage(browser);
  await page.route('**/bundle/core.*.bin', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(url + '/');
  await page.waitForSelector('.screen.error');
  assert.match(await page.locator('.screen.error').textContent(), /could not load/i);
  await page.unroute('**/bundle/core.*.bin');
  await page.locator('.screen.error button').click();
  await page.waitForSelector('.count strong');
});

test('a damaged bundle with a valid header shows the damaged-data screen, not a crash', async () => {
  // The real core with its oldest event's month set to 13: the header and the shape are
  // valid, so only the decoder's own checks can catch it (the list would otherwise try to
  // name month 13 when sorted oldest first).
  const page = await openPage(browser);
  const name = await (await fetch(`${url}/`)).text().then((html) => html.match(/name="timeline-bundle" content="([^"]+)"/)[1]);
  assert.match(name, /^bundle\/core\.[0-9a-f]{16}\.bin$/);
  const bytes = new Uint8Array(await (await fetch(`${url}/${name}`)).arrayBuffer());
  let at = 7; // magic, version, kind
  const varint = () => { let v = 0, shift = 0, b; do { b = bytes[at++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return v; };
  const skipText = () => { const length = varint(); at += length; };
  const skipList = (item) => { for (let n = varint(); n > 0; n--) item(); };
  for (let field = 0; field < 9; field++) skipText(); // the site's nine texts (title … report_url, suggest_url)
  for (let terms = 0; terms < 5; terms++) skipList(() => { skipText(); varint(); }); // tags, actors, lanes, statuses, outlets: label, count (the key is made on decode)
  skipList(() => { skipText(); varint(); }); // the search shards: first term, hash
  skipList(() => { varint(); varint(); }); // the details chunks: first event, hash
  varint(); // how many events
  skipText(); // the first event's id
  varint(); // its year (a zigzag varint)
  assert.ok(bytes[at] <= 12 && bytes[at + 1] <= 31, 'found the month and day bytes');
  bytes[at] = 13;
  await page.route('**/bundle/core.*.bin', (route) => route.fulfill({ status: 200, body: Buffer.from(bytes), contentType: 'application/octet-stream' }));
  await page.goto(url + '/?sort=asc');
  await page.waitForSelector('.screen.error');
  assert.match(await page.locator('.screen.error').textContent(), /damaged: event .* impossible date/);
});
