// The actor network (/graph) on the real corpus: its nodes are the actors `timeline stats`
// counts most, its shared-event counts are what the timeline finds for actors=all, the
// picture is the same every time, no two names collide, and it is used by mouse, keyboard
// and touch-like drags, embedded and from a shared URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, cli, CORPUS, expectCount, waitForApp, servedSite } from './support/lib.mjs';

let browser, url;
servedSite((s) => ({ browser, url } = s));

async function openGraph(path = '', options = {}) {
  const page = await openPage(browser, options);
  await page.goto(`${url}/graph${path}`);
  await waitForApp(page);
  await page.waitForSelector('svg.network a.node');
  // The figure settled: the first drawing can be replaced by a second layout when the page
  // measures the figure again as it settles (a slow machine), and a test that read the
  // first would wait for radii that never come back.
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = JSON.stringify(await nodes(page));
    if (now === last) break;
    last = now;
    await page.waitForTimeout(250);
  }
  return page;
}

/** Each node in the figure's order: its key, label, events, centre and radius. */
function nodes(page) {
  return page.evaluate(() => [...document.querySelectorAll('svg.network a.node')].map((a) => {
    const [, label, n] = a.getAttribute('aria-label').match(/^(.*): ([\d,]+) events?/);
    const c = a.querySelector('circle');
    return { key: a.dataset.key, label, events: Number(n.replace(/,/g, '')), cx: +c.getAttribute('cx'), cy: +c.getAttribute('cy'), r: +c.getAttribute('r'), cls: a.getAttribute('class') };
  }));
}

/** Events the CLI finds for a URL filter. */
const count = (filter) => cli('stats', CORPUS, '--format', 'json', '--filter', filter).events;

for (const filter of ['', 'tag=crypto', 'from=2024&min=7']) {
  test(`/graph?${filter}: the nodes are the actors timeline stats counts most, with its counts`, async () => {
    const expected = cli('stats', CORPUS, '--format', 'json', '--filter', filter, '--top', '50');
    const page = await openGraph(filter ? `?${filter}` : '');
    const shown = await nodes(page);
    assert.equal(shown.length, Math.min(50, expected.top_actors.length));
    assert.deepEqual(shown.map((n) => [n.key, n.events]), expected.top_actors.slice(0, shown.length).map((a) => [a.key, a.count]));
    assert.match(await page.locator('.graph-page .lede').textContent(), new RegExp(`most named in ${expected.events.toLocaleString('en-US')} event`));
    page.noProblems();
  });
}

test('the same filter gives the same picture, and no name collides with a name or a circle', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const first = await openGraph('?top=100', { viewport });
    const again = await openGraph('?top=100', { viewport });
    const a = await nodes(first);
    assert.equal(a.length, 100);
    assert.deepEqual(await nodes(again), a, 'the same layout twice');
    const boxes = await first.evaluate(() => [...document.querySelectorAll('svg.network text')].map((t) => {
      const b = t.getBBox();
      return { key: t.dataset.for, x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    assert.ok(boxes.length >= 15, `${boxes.length} names written`);
    const width = await first.evaluate(() => document.querySelector('svg.network').width.baseVal.value);
    const overlap = (p, q) => p.x < q.x + q.w - 0.5 && q.x < p.x + p.w - 0.5 && p.y < q.y + q.h - 0.5 && q.y < p.y + p.h - 0.5;
    for (const [i, p] of boxes.entries()) {
      assert.ok(p.x >= 0 && p.x + p.w <= width + 0.5, `${p.key}'s name inside the figure`);
      for (const q of boxes.slice(i + 1)) assert.ok(!overlap(p, q), `${p.key} and ${q.key}`);
      for (const n of a) {
        if (n.key === p.key) continue;
        const circle = { x: n.cx - n.r, y: n.cy - n.r, w: 2 * n.r, h: 2 * n.r };
        assert.ok(!overlap(p, circle), `${p.key}'s name covers ${n.key}`);
      }
    }
    first.noProblems();
    await first.context().close();
    await again.context().close();
  }
});

test('by keyboard: choose an actor, see its neighbours with the shared counts the timeline finds, zoom and pan', async () => {
  const page = await openGraph();
  const before = await nodes(page);
  await page.locator('.graph-figure').focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.dataset.key);
  assert.equal(focused, before[0].key, 'Tab goes to the most named actor first');
  await page.keyboard.press('Enter');
  await page.waitForSelector('svg.network a.node.pick');
  assert.deepEqual(new URL(page.url()).searchParams.getAll('pick'), [focused]);
  assert.equal(await page.locator('.graph-panel h2').textContent(), before[0].label);
  await page.waitForFunction((k) => document.activeElement?.dataset?.key === k, focused);
  // Faded: the nodes that share nothing with it; lit: its edges.
  assert.ok(await page.locator('svg.network line.hot').count() > 0);
  // A neighbour's shared count is the timeline's count of actors=all.
  const neighbour = page.locator('.neighbours > li').first();
  const shown = Number((await neighbour.locator('a.count').textContent()).replace(/[^\d]/g, ''));
  const other = new URL(await neighbour.locator('a.name').getAttribute('href'), url).searchParams.get('pick');
  assert.equal(shown, count(`actor=${focused}&actor=${other}&actors=all`));
  // Zoom in with +: the figure is drawn bigger about its middle, the focus stays.
  await page.keyboard.press('+');
  await page.waitForFunction((r) => Number(document.querySelector('svg.network a.node.pick circle').getAttribute('r')) > r, before[0].r);
  await page.waitForFunction((k) => document.activeElement?.dataset?.key === k, focused);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('0');
  await page.waitForFunction((r) => Number(document.querySelector('svg.network a.node.pick circle').getAttribute('r')) === r, before[0].r);
  assert.deepEqual((await nodes(page)).map((n) => [n.cx, n.cy]).sort(), before.map((n) => [n.cx, n.cy]).sort(), 'reset gives the picture back');
  // Enter again on the chosen node clears the choice.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('svg.network a.node.pick'));
  page.noProblems();
});

test('investigate: two actors chosen show the events they all share, which open in the timeline', async () => {
  const page = await openGraph();
  const [a] = await nodes(page);
  await page.locator(`svg.network a.node[data-key="${a.key}"] circle`).click();
  await page.waitForSelector('.neighbours');
  await page.locator('.neighbours > li a.add').first().click();
  await page.waitForSelector('.graph-panel .picks');
  const picks = new URL(page.url()).searchParams.getAll('pick');
  assert.equal(picks.length, 2);
  assert.equal(await page.locator('svg.network a.node.pick').count(), 2);
  const expected = count(`actor=${picks[0]}&actor=${picks[1]}&actors=all`);
  assert.match(await page.locator('.graph-panel a.open-shared').textContent(), new RegExp(`Open the ${expected.toLocaleString('en-US')} event`));
  assert.equal(await page.locator('.graph-panel ul.shared li').count(), Math.min(20, expected));
  // Shift-click a third actor into the investigation, then take it out again.
  const third = (await nodes(page)).find((n) => !picks.includes(n.key));
  await page.locator(`svg.network a.node[data-key="${third.key}"] circle`).click({ modifiers: ["Shift"] });
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('pick').length === 3);
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('pick').length === 2);
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('.graph-panel a.open-shared').click();
  await expectCount(page, expected);
  const params = new URL(page.url()).searchParams;
  assert.deepEqual(params.getAll('actor').sort(), [...picks].sort());
  assert.equal(params.get('actors'), 'all');
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'within the app');
  page.noProblems();
});

test('the pairs table: heaviest first or by name, each count the timeline finds', async () => {
  const page = await openGraph();
  const rows = () => page.evaluate(() => [...document.querySelectorAll('table.pairs tbody tr')].map((tr) => ({
    names: [...tr.querySelectorAll('td:first-child a')].map((a) => a.textContent),
    keys: [...tr.querySelectorAll('td:first-child a')].map((a) => new URL(a.href).searchParams.get('pick')),
    n: Number(tr.querySelector('td:last-child a').textContent.replace(/,/g, '')),
  })));
  const heavy = await rows();
  const caption = await page.locator('table.pairs caption').textContent();
  assert.equal(heavy.length, Number(caption.match(/([\d,]+) pairs/)[1].replace(/,/g, '')));
  for (let i = 1; i < heavy.length; i++) assert.ok(heavy[i - 1].n >= heavy[i].n, 'heaviest first');
  for (const row of [heavy[0], heavy[heavy.length - 1]]) {
    assert.equal(row.n, count(`actor=${row.keys[0]}&actor=${row.keys[1]}&actors=all`), row.names.join(' & '));
  }
  assert.equal(await page.locator('table.pairs th[aria-sort="descending"]').count(), 1);
  await page.locator('table.pairs th a', { hasText: 'Actors' }).click();
  await page.waitForSelector('table.pairs th[aria-sort="ascending"]');
  assert.equal(new URL(page.url()).searchParams.get('pairs'), 'name');
  const named = await rows();
  assert.equal(named.length, heavy.length);
  for (let i = 1; i < named.length; i++) assert.ok(named[i - 1].names[0] <= named[i].names[0], 'by the first name');
  page.noProblems();
});

test('fewer actors from the menu, a drag pans without choosing, the wheel zooms', async () => {
  const page = await openGraph();
  await page.locator('.graph-toolbar select').selectOption('25');
  await page.waitForFunction(() => document.querySelectorAll('svg.network a.node').length === 25);
  assert.equal(new URL(page.url()).searchParams.get('top'), '25');
  const before = await nodes(page);
  const box = await page.locator('.graph-figure').boundingBox();
  // From a node: a drag is not a click on it.
  const start = { x: box.x + before[0].cx, y: box.y + before[0].cy };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 30, start.y + 20, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((x) => Number(document.querySelector('svg.network circle').getAttribute('cx')) !== x, before[0].cx);
  const moved = await nodes(page);
  assert.ok(Math.abs(moved[0].cx - before[0].cx - 30) <= 1 && Math.abs(moved[0].cy - before[0].cy - 20) <= 1, 'panned by the drag');
  assert.equal(new URL(page.url()).searchParams.getAll('pick').length, 0, 'the drag chose nothing');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction((r) => Number(document.querySelector('svg.network circle').getAttribute('r')) > r, before[0].r);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('svg.network a.node').length === 50);
  page.noProblems();
});

test('embedded and from odd URLs: the page works and its links stay in the frame', async () => {
  const page = await openGraph('?tag=crypto&embed=1');
  assert.equal(await page.locator('.site-header').count(), 0);
  const href = await page.locator('svg.network a.node').first().getAttribute('href');
  assert.equal(new URL(href, url).searchParams.get('embed'), '1');
  assert.equal(new URL(href, url).searchParams.get('tag'), 'crypto');
  for (const query of ['?top=-3&pick=%3Cscript%3E&pairs=%22', '?top=1', '?top=99999', '?pick=' + 'x'.repeat(5000), '?q=zzzzqqqq']) {
    await page.goto(`${url}/graph${query}`);
    await waitForApp(page);
    await page.waitForSelector('.graph-page .lede');
    assert.equal(await page.locator('script:not([src])').count() <= 1, true);
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll('svg.network a.node').length), 0, 'no events, no nodes');
  await page.goto(`${url}/graph?top=1`);
  await page.waitForSelector('svg.network a.node');
  assert.equal(await page.locator('svg.network a.node').count(), 5, 'top is kept within 5 to 200');
  page.noProblems();
});
