// Content before the app starts: the build writes the home's first screen into index.html
// and each event's article into its page, in the app's own markup. Without JavaScript a
// reader gets the rows and the events; with it, the app takes the same markup over
// without a layout shift (the wasm held back with page.route, so that the static page
// can be measured first) and shows the same rows in the same boxes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, openPage, cli, CORPUS } from './support/lib.mjs';

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

/** A page whose app WebAssembly waits until `release()` is called. */
async function heldPage(options) {
  const page = await openPage(browser, options);
  const held = [];
  let released = false;
  await page.route(/_bg\.wasm$/, (route) => (released ? route.continue() : held.push(route)));
  // Layout shifts from the first paint on; and, at the moment the static block leaves,
  // whether the app's content was in place and shown in the same task.
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver((records, obs) => {
      if (records.some((r) => [...r.removedNodes].some((n) => n.id === 'prerender'))) {
        const app = document.querySelector('.event-row, .event-page');
        window.__takeover = {
          appShown: !!app && getComputedStyle(app).visibility === 'visible',
          covering: document.body.classList.contains('taking-over'),
        };
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  page.release = async () => {
    released = true;
    for (const r of held.splice(0)) await r.continue();
  };
  page.waitForHeld = async () => {
    for (let i = 0; i < 400 && !held.length; i++) await page.waitForTimeout(25);
    assert.ok(held.length, 'the page asked for the WebAssembly');
  };
  return page;
}

/** The boxes (rounded to a tenth of a pixel) and texts of `selector`'s first `n` matches. */
function boxes(page, selector, n = 8) {
  return page.evaluate(([selector, n]) => [...document.querySelectorAll(selector)].slice(0, n).map((el) => {
    const r = el.getBoundingClientRect();
    const round = (x) => Math.round(x * 10) / 10;
    return { box: [round(r.x), round(r.y), round(r.width), round(r.height)], text: el.textContent.trim().slice(0, 80) };
  }), [selector, n]);
}

/**
 * The inside of each of `selector`'s matches, as markup to compare: every link resolved
 * against the page, and without comments (the app's view library marks empty children
 * with one; it shows nothing).
 */
function markup(page, selector) {
  return page.evaluate((selector) => [...document.querySelectorAll(selector)].map((el) => {
    const copy = el.cloneNode(true);
    for (const a of copy.querySelectorAll('[href]')) a.setAttribute('href', a.href);
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    for (const c of comments) c.remove();
    // The citations are the app's own, after the article's end (nothing above them moves).
    for (const c of copy.querySelectorAll('#cite')) c.remove();
    return copy.innerHTML;
  }), selector);
}

const taken = (page) => page.waitForFunction(() => !document.getElementById('prerender') && window.__takeover, null, { timeout: 30000 });

test('without JavaScript the home shows its first rows and the event pages their events', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await page.goto(url + '/');
  const rows = page.locator('.event-row');
  assert.equal(await rows.count(), Math.min(20, stats.events));
  assert.ok(await rows.first().isVisible(), 'the first row is on screen');
  assert.equal(await page.locator('.count').textContent(), `${stats.events.toLocaleString('en-US')} events`);
  assert.ok(!(await page.locator('#boot').isVisible()), 'no loading screen over the content');
  assert.ok(await page.locator('.noscript-note').isVisible());
  for (const row of (await boxes(page, '.event-row', 20))) assert.match(row.text, /\d.*\w{3}/, 'a row has a date and a title');
  assert.ok((await boxes(page, '.month-header', 1))[0].text.match(/^[A-Z][a-z]+ \d{4}/), 'a month heading');

  // A row is a plain link to the event's own page, which holds the event.
  await rows.first().click();
  await page.waitForURL(/\/event\//);
  assert.ok(await page.locator('.event-page h1').isVisible());

  await page.goto(`${url}/event/${SEED}/`);
  assert.match(await page.locator('.event-page h1').textContent(), /Lavrov/);
  assert.equal(await page.locator('.event-date').textContent(), '10 May 2017');
  assert.ok((await page.locator('.event-body').textContent()).length > 100, 'the body');
  assert.equal(await page.locator('.event-sources .source').count(), 2);
  for (const href of await page.locator('.event-sources a:not(.outlet)').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /^https?:\/\//, 'only http(s) sources are links');
  }
  const outlets = await page.locator('.event-sources a.outlet').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(outlets.length > 0, 'the sources name their outlets');
  for (const href of outlets) assert.match(href, /^\.\/\?outlet=[^&]+$/, 'an outlet links to its timeline');
  assert.ok(await page.locator('.term-list a').count() > 0, 'the facets');
  // Earlier and later walk the whole timeline without JavaScript.
  const later = page.locator('.prev-next .next');
  const next = await later.locator('strong').textContent();
  await later.click();
  await page.waitForURL((u) => !u.pathname.includes(SEED));
  assert.equal(await page.locator('.event-page h1').textContent(), next);
  page.noProblems();
});

for (const width of [390, 1280]) {
  test(`at ${width} px the app takes the home over in the same boxes, with no layout shift`, async () => {
    const page = await heldPage({ viewport: { width, height: 800 } });
    await page.goto(url + '/');
    await page.waitForHeld();
    const selectors = ['.site-header', '.brand', '.search input', '.count', '.sort select', '.density', '.month-header', '.event-row', '.row-excerpt', '.site-header nav a'];
    const before = {};
    for (const s of selectors) before[s] = await boxes(page, s);
    const rows = await markup(page, '.event-row');
    // The static rows carry their excerpts; the app's takeover waits for theirs, so it
    // shows no placeholder where the text was.
    assert.ok(rows.every((r) => /<p class="row-excerpt">[^<]+/.test(r)), 'every static row has its excerpt');
    await page.release();
    await taken(page);
    assert.deepEqual(await page.evaluate(() => window.__takeover), { appShown: true, covering: false }, 'the app showed in the task that removed the static rows');
    for (const s of selectors) {
      const after = await boxes(page, s);
      assert.deepEqual(after, before[s].slice(0, after.length), `${s} stays where it was`);
    }
    // The app's rows are the static rows: the same markup, in the same order.
    const appRows = await markup(page, '.event-row');
    assert.ok(appRows.length >= 5);
    assert.deepEqual(appRows, rows.slice(0, appRows.length));
    await page.waitForTimeout(300);
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.001, `layout shift ${shift}`);
    page.noProblems();
  });

  test(`at ${width} px the app takes an event page over with the same article`, async () => {
    const page = await heldPage({ viewport: { width, height: 800 } });
    await page.goto(`${url}/event/${SEED}/`);
    await page.waitForHeld();
    const selectors = ['.event-page h1', '.event-facts', '.event-body', '.event-sources', '.event-terms', '.prev-next'];
    const before = {};
    for (const s of selectors) before[s] = await boxes(page, s);
    const article = await markup(page, '.event-page');
    await page.release();
    await taken(page);
    assert.deepEqual(await page.evaluate(() => window.__takeover), { appShown: true, covering: false });
    for (const s of selectors) assert.deepEqual(await boxes(page, s), before[s], `${s} stays where it was`);
    assert.deepEqual(await markup(page, '.event-page'), article, 'the app writes the article the build wrote');
    await page.waitForTimeout(300);
    assert.ok((await page.evaluate(() => window.__shift)) < 0.001);
    // The app's own buttons work on the markup it took over.
    await page.locator('.copy-link').click();
    assert.equal(await page.locator('.copy-link').textContent(), 'Link copied');
    page.noProblems();
  });
}

test('a reader who scrolled and typed before the app started keeps the place and the words', async () => {
  const page = await heldPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url + '/');
  await page.waitForHeld();
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => scrollY >= 600);
  const row = await boxes(page, '.event-row', 12);
  await page.release();
  await taken(page);
  assert.equal(await page.evaluate(() => scrollY), 600);
  const after = await boxes(page, '.event-row', 20);
  // The last row the reader sees whole (the app draws the rows in view and a few more).
  const seen = row.filter((r) => r.box[1] >= 0 && r.box[1] + r.box[3] <= 800).at(-1);
  assert.ok(seen, 'a row in view');
  const same = after.find((r) => r.text === seen.text);
  assert.deepEqual(same?.box, seen.box, 'a row scrolled to stays where it was');

  const typed = await heldPage();
  await typed.goto(url + '/');
  await typed.waitForHeld();
  await typed.locator('.search input').fill('lavrov');
  await typed.release();
  await taken(typed);
  await typed.waitForFunction(() => location.search === '?q=lavrov');
  assert.equal(await typed.locator('.search input').inputValue(), 'lavrov');
  assert.ok(await typed.locator('.search input').evaluate((el) => el === document.activeElement), 'the focus moved with the words');
  page.noProblems();
  typed.noProblems();
});

test('a view other than the default one never shows the default rows', async () => {
  const page = await heldPage();
  await page.addInitScript(() => {
    new MutationObserver((records, obs) => {
      if (records.some((r) => [...r.removedNodes].some((n) => n.id === 'prerender'))) {
        window.__dropped = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url + '/?tag=' + encodeURIComponent('nonexistent-tag'));
  await page.waitForHeld();
  assert.equal(await page.locator('#prerender').count(), 0);
  // On a busy machine the first paint may come after the block is gone: wait for it.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10000 });
  const [dropped, painted] = await page.evaluate(() => [window.__dropped, performance.getEntriesByName('first-contentful-paint')[0]?.startTime]);
  assert.ok(dropped < painted, `dropped at ${dropped} ms, before the first paint at ${painted} ms`);
  assert.ok(await page.locator('#boot.loading').isVisible(), 'the loading screen instead');
  await page.release();
  await page.waitForSelector('.notice');
  page.noProblems();
});

test('when the app cannot start, the error shows above the static content, which stays', async () => {
  const page = await openPage(browser);
  await page.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(url + '/');
  await page.waitForSelector('#boot.error');
  const error = (await boxes(page, '#boot', 1))[0];
  const first = (await boxes(page, '.event-row', 1))[0];
  assert.ok(error.box[1] + error.box[3] <= first.box[1], 'the error is above the rows');
  assert.ok(first.box[1] < 800, 'the first row is still on screen');
  assert.match(error.text, /could not load/);
  assert.ok(await page.locator('.prerender .event-row').first().isVisible());
});
