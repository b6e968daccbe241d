// The boot script the build writes in place of Trunk's inline one: when the app's
// WebAssembly or its JavaScript is missing or damaged, the page shows the error screen
// with Retry (not "Loading the timeline…" forever), Retry loads the app once the files are
// back, and a slow load says that it is still loading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, copySite, waitForApp } from './support/lib.mjs';

let browser, site, url, dir, wasm, glue;

before(async () => {
  // A host without rewrite rules: a missing file is a real 404.
  site = await copySite('boot', undefined, { fallback: '404.html' });
  ({ url, dir } = site);
  const files = readdirSync(dir);
  wasm = files.find((f) => f.startsWith('timeline-viewer-') && f.endsWith('_bg.wasm'));
  glue = files.find((f) => f.startsWith('timeline-viewer-') && f.endsWith('.js'));
  assert.ok(wasm && glue, `the app's files are in ${files}`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** A fresh page (no worker yet) that records uncaught exceptions. */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.uncaught = [];
  page.on('pageerror', (e) => page.uncaught.push(e.message));
  return page;
}

const missing = (file) => () => {
  renameSync(join(dir, file), join(dir, file + '.away'));
  return () => renameSync(join(dir, file + '.away'), join(dir, file));
};

const damaged = (file) => () => {
  const bytes = readFileSync(join(dir, file));
  writeFileSync(join(dir, file), Buffer.from('\0asm garbage, not WebAssembly at all '.repeat(50)));
  return () => writeFileSync(join(dir, file), bytes);
};

for (const [what, breakIt] of [
  ['the WebAssembly is missing (404)', () => missing(wasm)()],
  ['the WebAssembly is garbage bytes', () => damaged(wasm)()],
  ['the JavaScript glue is missing (404)', () => missing(glue)()],
]) {
  test(`${what}: the error screen with Retry, and Retry loads the app once it is back`, async () => {
    const restore = breakIt();
    const page = await freshPage();
    try {
      await page.goto(url + '/');
      await page.waitForSelector('#boot.screen.error', { timeout: 20000 });
      const boot = page.locator('#boot');
      assert.equal(await boot.getAttribute('role'), 'alert');
      assert.equal(await boot.locator('h1').textContent(), 'The timeline could not load');
      assert.match(await boot.locator('p').textContent(), /could not be loaded or started .*Check the connection, then retry\./s);
      assert.equal(await page.locator('.spinner').count(), 0, 'no spinner left');
      assert.deepEqual(page.uncaught, [], 'the failure is caught, not thrown');
    } finally {
      restore();
    }
    await page.locator('#boot button', { hasText: 'Retry' }).click();
    await waitForApp(page);
    await page.waitForSelector('.count strong');
    assert.equal(await page.locator('#boot').count(), 0, 'the app took over');
    assert.deepEqual(page.uncaught, []);
    await page.context().close();
  });
}

test('a load that takes long says it is still loading', async () => {
  const page = await freshPage();
  await page.clock.install();
  // The WebAssembly never arrives.
  await page.route(`**/${wasm}`, () => {});
  await page.goto(url + '/tags');
  await page.waitForSelector('#boot.loading');
  assert.match(await page.locator('#boot p').first().textContent(), /^Loading the timeline…$/);
  await page.clock.fastForward(25000);
  await page.waitForFunction(() => /Still loading the timeline…/.test(document.querySelector('#boot p')?.textContent));
  assert.equal(await page.locator('#boot.loading .spinner').count(), 1, 'still the loading screen');
  await page.context().close();
});

test('over the static first screen, a slow load says so in a bar that moves nothing', async () => {
  const page = await freshPage();
  await page.clock.install();
  await page.route(`**/${wasm}`, () => {});
  await page.goto(url + '/');
  await page.waitForSelector('#prerender .event-row');
  assert.equal(await page.locator('#boot').isVisible(), false, 'no loading screen over the content');
  const row = await page.locator('.event-row').first().boundingBox();
  await page.clock.fastForward(25000);
  await page.waitForSelector('#boot.slow');
  assert.match(await page.locator('#boot p').textContent(), /Still loading the timeline…/);
  const bar = await page.locator('#boot').boundingBox();
  assert.equal(bar.y + bar.height, 900, 'at the bottom of the window');
  assert.deepEqual(await page.locator('.event-row').first().boundingBox(), row, 'the rows stay where they were');
  await page.context().close();
});
