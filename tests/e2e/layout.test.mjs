// Long unbroken strings (a 500-letter word in every text field, a long URL as link text, a
// wide table, code) never push a page wider than the screen: on a phone (390 px) and a
// desktop (1280 px), every route of a corpus made of them fits its width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, copySite, openPage, waitForApp } from './support/lib.mjs';

const ID = '2021-03-04--long-strings';
let browser, site;

before(async () => {
  site = await copySite('long-strings', 'tests/e2e/support/fixtures/long-strings');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

for (const width of [390, 1280]) {
  test(`at ${width} px no route is wider than the screen`, async () => {
    const page = await openPage(browser, { viewport: { width, height: 800 } });
    const problems = [];
    for (const route of ['/', '/?q=supercali', `/event/${ID}`, '/tags', '/actors', '/stats', '/stats?tag=crypto', '/about', '/no-such-page']) {
      await page.goto(site.url + route);
      await waitForApp(page);
      if (route.startsWith('/event/')) await page.locator('.event-extra summary').click();
      const wide = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > limit + 1 && !el.closest('[hidden], .visually-hidden'))
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { scroll: document.documentElement.scrollWidth, limit, over: [...new Set(over)].slice(0, 8) };
      });
      if (wide.scroll > wide.limit) problems.push(`${route} is ${wide.scroll} px wide: ${wide.over.join(', ')}`);
    }
    assert.deepEqual(problems, [], `at ${width} px`);
    page.noProblems();
  });
}
