// `actors=all` (like `tags=all`): the timeline keeps the events every chosen actor shares,
// the count `timeline stats --filter` gives for the same URL, and the panel says "all".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, cli, CORPUS, expectCount, waitForApp, servedSite } from './support/lib.mjs';

let browser, url;
servedSite((s) => ({ browser, url } = s));

test('actors=all keeps the events the chosen actors all share', async () => {
  const [a, b] = cli('stats', CORPUS, '--format', 'json').top_actors;
  const any = `actor=${a.key}&actor=${b.key}`;
  const shared = cli('stats', CORPUS, '--format', 'json', '--filter', `${any}&actors=all`).events;
  const either = cli('stats', CORPUS, '--format', 'json', '--filter', any).events;
  assert.ok(shared > 0 && shared < Math.min(a.count, b.count) && either > Math.max(a.count, b.count), `${shared} shared, ${either} either`);
  const page = await openPage(browser);
  await page.goto(`${url}/?${any}&actors=all`);
  await waitForApp(page);
  await expectCount(page, shared);
  await page.goto(`${url}/?${any}`);
  await waitForApp(page);
  await expectCount(page, either);
  page.noProblems();
});
