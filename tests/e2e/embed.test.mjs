// Embedding from another origin: one host page uses the real pym.js parent (from npm),
// one uses our embed.js. The frame renders the filtered view, is sized to its content as
// the content changes, and clicks work, inside a sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, openPage, cli, CORPUS } from './support/lib.mjs';

let browser, site, host, hostDir, stats, tag;

before(async () => {
  stats = cli('stats', CORPUS, '--format', 'json', '--top', '5');
  tag = stats.top_tags[2];
  browser = await launch();
  site = await startServer();
  hostDir = mkdtempSync(join(tmpdir(), 'timeline-host-'));
  copyFileSync('node_modules/pym.js/dist/pym.v1.min.js', join(hostDir, 'pym.v1.min.js'));
  writeFileSync(join(hostDir, 'index.html'), '<!doctype html><title>Host</title>');
  const view = `${site.url}/?tag=${tag.key}&embed=1`;
  writeFileSync(join(hostDir, 'pym.html'), `<!doctype html><html><head><title>Host (pym.js)</title></head><body>
    <h1>A newsroom page</h1><div id="timeline"></div>
    <script src="pym.v1.min.js"></script>
    <script>window.pymParent = new pym.Parent('timeline', ${JSON.stringify(view)}, { sandbox: 'allow-scripts allow-same-origin allow-popups', title: 'Timeline' });</script>
    <p>After the embed.</p></body></html>`);
  writeFileSync(join(hostDir, 'script.html'), `<!doctype html><html><head><title>Host (embed.js)</title></head><body>
    <h1>A blog post</h1><div data-timeline-src=${JSON.stringify(view + '&open=site')} data-title="Timeline"></div>
    <script src="${site.url}/embed.js" async></script></body></html>`);
  host = await startServer(hostDir);
  assert.notEqual(new URL(host.url).origin, new URL(site.url).origin, 'the host is another origin');
});

after(async () => {
  await browser?.close();
  site?.server.close();
  host?.server.close();
  rmSync(hostDir, { recursive: true, force: true });
});

async function frameHeight(page) {
  return page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height);
}

async function contentHeight(frame) {
  return frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
}

for (const kind of ['pym', 'script']) {
  test(`a ${kind} host embeds a filtered view that sizes itself and responds to clicks`, async () => {
    const page = await openPage(browser);
    await page.goto(`${host.url}/${kind}.html`);
    const iframe = page.locator('iframe');
    assert.match(await iframe.getAttribute('sandbox'), /allow-scripts/);
    const frame = page.frameLocator('iframe');
    await frame.locator('.count strong').waitFor({ timeout: 20000 });
    assert.equal(Number((await frame.locator('.count strong').textContent()).replace(/,/g, '')), tag.count);
    assert.equal(await frame.locator('.site-header').count(), 0, 'compact chrome');

    const handle = await (await iframe.elementHandle()).contentFrame();
    await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 300);
    const tall = await frameHeight(page);
    assert.ok(Math.abs(tall - (await contentHeight(handle))) <= 2, `frame ${tall}px fits its content`);

    // Narrow the content: the frame shrinks with it.
    await frame.locator('#search').fill('zzzzqqq');
    await frame.locator('.empty-state').waitFor();
    await page.waitForFunction((tall) => document.querySelector('iframe').getBoundingClientRect().height < tall - 100, tall);
    assert.ok(Math.abs((await frameHeight(page)) - (await contentHeight(handle))) <= 2);
    await frame.locator('#search').fill('');
    await frame.locator('.event-row').first().waitFor();

    if (kind === 'pym') {
      // Events open in the frame.
      await frame.locator('.event-row').first().click();
      await frame.locator('.event-page h1').waitFor();
      assert.match(handle.url(), /embed=1/, 'links stay in embed mode');
    } else {
      // open=site: events open on the full site, in a new tab.
      const [popup] = await Promise.all([page.waitForEvent('popup'), frame.locator('.event-row').first().click()]);
      await popup.waitForLoadState();
      assert.match(popup.url(), /\/event\//);
      assert.doesNotMatch(popup.url(), /embed=1/);
    }
    page.noProblems();
  });
}

test('"Embed this view" gives snippets for the current filters', async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/?tag=${tag.key}&min=8`);
  await page.locator('.embed-button').click();
  const snippet = await page.locator('.snippet-script').textContent();
  assert.match(snippet, new RegExp(`data-timeline-src="${site.url}/\\?tag=${tag.key}&amp;min=8&amp;embed=1"|data-timeline-src="${site.url}/\\?tag=${tag.key}&min=8&embed=1"`));
  assert.match(snippet, /embed\.js/);
  assert.match(await page.locator('.snippet-pym').textContent(), /new pym\.Parent/);
  // Two copy buttons, each named for what it copies; a copy is said inside the dialog (the
  // modal makes the rest of the page inert).
  const script = page.getByRole('button', { name: 'Copy the script code' });
  const pym = page.getByRole('button', { name: 'Copy the pym.js code' });
  assert.equal(await script.count(), 1);
  assert.equal(await pym.count(), 1);
  await pym.click();
  const status = page.locator('.embed-dialog [role="status"]');
  await page.waitForFunction(() => document.querySelector('.embed-dialog [role="status"]')?.textContent !== '');
  assert.equal(await status.textContent(), 'Copied the pym.js code.');
  await script.click();
  await page.waitForFunction(() => document.querySelector('.embed-dialog [role="status"]')?.textContent === 'Copied the script code.');
  page.noProblems();
});

test('the embed\'s link to the full site says that it opens a new tab', async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/?embed=1`);
  await page.locator('.embed-header a').waitFor();
  const link = page.locator('.embed-header a');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await page.getByRole('link', { name: 'Open the full timeline ↗ (opens in a new tab)' }).count(), 1);
  page.noProblems();
});

test('a locked embed keeps its filter: no filter controls, search within it', async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/?tag=${tag.key}&embed=1&lock=1`);
  await page.locator('.count strong').waitFor();
  assert.equal(Number((await page.locator('.count strong').textContent()).replace(/,/g, '')), tag.count);
  assert.equal(await page.locator('.filters').count(), 0);
  assert.equal(await page.locator('.chips').count(), 0);
  await page.locator('#search').fill('zzzzqqq');
  await page.locator('.empty-state').waitFor();
  assert.equal(await page.locator('.empty-state button', { hasText: 'Clear all filters' }).count(), 0);
  await page.locator('.empty-state button', { hasText: 'Clear the search' }).click();
  await page.waitForFunction((n) => document.querySelector('.count strong')?.textContent.replace(/,/g, '') === String(n), tag.count);
  assert.match(page.url(), new RegExp(`tag=${tag.key}.*embed=1.*lock=1`));

  // An event page inside the lock: its links keep the lock's filter or leave the frame.
  await page.locator('.event-row').nth(2).click();
  await page.waitForSelector('.event-page h1');
  const crumb = await page.locator('.breadcrumbs a').first().getAttribute('href');
  assert.match(crumb, new RegExp(`[?&]tag=${tag.key}(&|$).*lock=1`), 'the breadcrumb returns to the locked view');
  const year = page.locator('.breadcrumbs a').nth(1);
  assert.equal(await year.getAttribute('target'), '_blank', 'another filter opens on the full site');
  assert.doesNotMatch(await year.getAttribute('href'), /embed=1|lock=1/);
  for (const a of await page.locator('.term-list a').all()) {
    assert.equal(await a.getAttribute('target'), '_blank');
  }
  // Earlier and later stay within the locked filter.
  for (let step = 0; step < 3; step++) {
    const later = page.locator('.prev-next a.next');
    if (await later.count() === 0) break;
    await later.click();
    await page.waitForFunction(() => document.querySelector('.event-page h1'));
    await page.waitForTimeout(100);
    const tags = await page.locator('.event-terms .term-list').first().locator('a').allTextContents();
    assert.ok(tags.includes(tag.label), `${await page.locator('h1').textContent()} has the locked tag`);
  }
  await page.locator('.breadcrumbs a').first().click();
  await page.locator('.count strong').waitFor();
  assert.equal(Number((await page.locator('.count strong').textContent()).replace(/,/g, '')), tag.count);
  page.noProblems();
});
