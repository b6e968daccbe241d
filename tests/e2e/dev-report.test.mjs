// The development server's build (scripts/serve): Trunk's post-build hook with
// TIMELINE_DEV_REPORT=1 publishes the valid events of a corpus with errors, prints its
// problems, and writes them into the page as a banner that lists each one and can be
// dismissed; without it (a release build) the same corpus is refused. The hook is run
// directly on a copy of the built site, as Trunk runs it: driving `trunk serve` itself
// here would rebuild the app (minutes on a loaded machine) for nothing the hook does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, openPage, startServer, expectCount, SITE, CLI } from './support/lib.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>.md';
let browser, dir, corpus, server, url;

/** Runs the hook as Trunk does, on `dir`, with `env` added; returns its exit code and output. */
function hook(env) {
  const run = spawnSync('bash', ['scripts/trunk-post-build'], {
    encoding: 'utf8',
    env: {
      ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: process.cwd(),
      TIMELINE_CORPUS: corpus, TIMELINE_CLI: resolve(CLI), NO_COLOR: '1', ...env,
    },
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

before(async () => {
  const root = mkdtempSync(join(tmpdir(), 'timeline-dev-report-'));
  corpus = join(root, 'events');
  dir = join(root, 'site');
  mkdirSync(corpus);
  cpSync(SITE, dir, { recursive: true });
  writeFileSync(join(corpus, '2020-01-01--first.md'), '---\ntitle: First\ndate: 2020-01-01\nimportance: 5\n---\nBody\n');
  writeFileSync(join(corpus, '2020-02-01--second.md'), '---\ntitle: Second\ndate: 2020-02-01\nimportance: 5\nstatus: "<b>rumour</b>"\n---\n');
  writeFileSync(join(corpus, HOSTILE), '---\nid: hostile\ndate: 2020-03-01\nimportance: 5\n---\n');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

test('a release build refuses the corpus and leaves the site as it was', () => {
  const before = readFileSync(join(dir, 'index.html'), 'utf8');
  const { code, out } = hook({});
  assert.equal(code, 1, out);
  assert.match(out, /build failed: 1 errors/);
  assert.equal(readFileSync(join(dir, 'index.html'), 'utf8'), before);
});

test('the development build publishes the valid events and prints the problems, no backtrace', () => {
  const { code, out } = hook({ TIMELINE_DEV_REPORT: '1' });
  assert.equal(code, 0, out);
  assert.match(out, /<img src=x onerror=alert\(1\)>\.md:\d+: error\[E013\/missing-title\]/);
  assert.match(out, /3 files: 2 events in the bundle, 1 rejected, 0 skipped/);
  assert.doesNotMatch(out, /backtrace|panicked/i);
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.match(index, /<!-- \/timeline:prerender -->.*<!-- timeline:dev-report --><aside class="dev-report"/s);
  assert.doesNotMatch(index, /<img src=x/, 'the file name is escaped');
});

test('the page shows the banner, lists the rejected file and dismisses it', async () => {
  ({ server, url } = await startServer(dir));
  const page = await openPage(browser);
  await page.goto(url + '/');
  const banner = page.locator('aside.dev-report');
  await banner.waitFor();
  assert.equal(await banner.locator('h2').textContent(), '1 file rejected, 2 warnings');
  await expectCount(page, 2);
  assert.ok(await banner.isVisible(), 'the app leaves it in place');
  await banner.locator('summary').click();
  const items = await banner.locator('li').allTextContents();
  assert.equal(items[0], `${HOSTILE}:1 E013 the event has no \`title\``);
  assert.ok(items.some((t) => t.includes('W001 unknown status `<b>rumour</b>`')), items.join('\n'));
  assert.equal(await page.locator('img[src=x], b').count(), 0, 'no markup from the corpus');
  await banner.locator('button', { hasText: 'Dismiss' }).click();
  assert.equal(await page.locator('aside.dev-report').count(), 0);
  page.noProblems();
});
