// Dead sources on the app's event page: a corpus whose links.json (`timeline links`) says
// two of an event's sources are dead. The page says so in words with the date checked,
// links the archived copy as the source, and offers the Wayback Machine where there is none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, copySite, openPage, waitForApp } from './support/lib.mjs';

const ID = '2019-07-08--a-source-gone';
let browser, site, url;

before(async () => {
  site = await copySite('dead-links', 'tests/e2e/support/fixtures/dead-links');
  ({ url } = site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** What the reader sees of each source: its class, main link, words, outlet and other links. */
async function sources(page) {
  return page.locator('.event-page .source').evaluateAll((items) => items.map((li) => ({
    dead: li.classList.contains('dead'),
    title: li.querySelector(':scope > a')?.textContent,
    href: li.querySelector(':scope > a')?.getAttribute('href'),
    mark: li.querySelector('.link-dead')?.textContent ?? null,
    markDate: li.querySelector('.link-dead time')?.getAttribute('datetime') ?? null,
    outlet: li.querySelector('.source-meta a.outlet')?.textContent ?? null,
    others: [...li.querySelectorAll('.source-meta a:not(.outlet)')].map((a) => [a.textContent, a.getAttribute('href')]),
  })));
}

const EXPECTED = [
  {
    dead: true,
    title: 'A report taken down',
    href: 'https://archive.example.org/2019/report',
    mark: 'Dead link, checked 3 May 2025',
    markDate: '2025-05-03',
    outlet: 'Example Gazette',
    others: [['Original address', 'https://gone.example.org/report']],
  },
  {
    dead: true,
    title: 'An interview never archived',
    href: 'https://gone.example.org/interview',
    mark: 'Dead link, checked 3 May 2025',
    markDate: '2025-05-03',
    outlet: 'Example Radio',
    others: [['Try the Wayback Machine', 'https://web.archive.org/web/20190709/https://gone.example.org/interview']],
  },
  { dead: false, title: 'An analysis still online', href: 'https://fine.example.org/analysis', mark: null, markDate: null, outlet: 'Example Review', others: [] },
];

test('the app marks a dead source in words and links its copy or the Wayback Machine', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  // Into the event page by the app's own navigation: the article is the app's.
  await page.locator(`a.event-row[href$="event/${ID}"]`).click();
  await page.waitForSelector('.event-page .event-sources');
  assert.equal(new URL(page.url()).pathname, `/event/${ID}`);
  assert.deepEqual(await sources(page), EXPECTED);
  const mark = page.locator('.link-dead').first();
  assert.ok(await mark.isVisible(), 'the mark shows');
  const { color, background } = await mark.evaluate((el) => getComputedStyle(el));
  assert.notEqual(color, background, 'its words can be read');
  page.noProblems();
});

test('the static page shows the same marks, and the app keeps them when it takes over', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${url}/event/${ID}`);
  assert.deepEqual(await sources(page), EXPECTED, 'the build writes them');
  await page.context().close();

  const app = await openPage(browser);
  await app.goto(`${url}/event/${ID}`);
  await waitForApp(app);
  assert.equal(await app.locator('#prerender').count(), 0, 'taken over');
  assert.deepEqual(await sources(app), EXPECTED);
  app.noProblems();
});
