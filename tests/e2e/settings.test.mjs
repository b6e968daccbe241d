// Site settings (timeline.toml) reach every page: the header, the about page, the footer's
// license, attribution and "Suggest an event" link, each event's edit and report links, the
// previews and sitemap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, copySite, openPage, CLI, waitForApp } from './support/lib.mjs';

const SEED = '2017-05-10--trump-reveals-israeli-classified-intelligence-to-lavrov-kislyak-oval-office-day-after-comey-firing';
let browser, site, url, dir;

before(async () => {
  site = await copySite('settings', 'tests/e2e/support/fixtures/with-settings');
  ({ url, dir } = site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
});

test('the settings name the site, credit the data and link each event to its source file', async () => {
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  assert.equal(await page.locator('.brand').textContent(), 'Test Chronicle');
  assert.match(await page.title(), /Test Chronicle/);
  const footer = await page.locator('.site-footer').textContent();
  assert.match(footer, /CC BY-SA 4\.0/);
  assert.match(footer, /Mark Ramm and contributors/);
  // suggest_url: "Suggest an event" in the footer (the app's, as the static page's).
  const suggest = 'https://example.org/suggest?from=chronicle';
  assert.equal(await page.locator('.site-footer a', { hasText: 'Suggest an event' }).getAttribute('href'), suggest);

  await page.goto(`${url}/event/${SEED}`);
  await waitForApp(page);
  assert.equal(await page.locator('a', { hasText: 'Edit this event' }).getAttribute('href'), `https://example.org/edit/${SEED}.md`);
  assert.equal(await page.locator('a', { hasText: 'Report a problem' }).getAttribute('href'), `https://example.org/report?id=${SEED}`);

  // A file name with `?` and `#` is percent-encoded in the template, not cut short.
  await page.goto(`${url}/event/2020-02-02--what-x`);
  await waitForApp(page);
  assert.equal(await page.locator('a', { hasText: 'Edit this event' }).getAttribute('href'), 'https://example.org/edit/2020-02-02--what%3F%23x.md');

  await page.goto(`${url}/about`);
  await page.waitForSelector('.about-page');
  assert.match(await page.locator('.about-page').textContent(), /This about text comes from timeline\.toml/);
  assert.equal(await page.locator('.about-page strong', { hasText: 'about text' }).count(), 1, 'the about text is Markdown');
  assert.equal(await page.locator('.about-page a', { hasText: 'Suggest an event' }).getAttribute('href'), suggest);
  assert.equal(await page.locator('.about-page .downloads .license').textContent(), 'CC BY-SA 4.0');
  page.noProblems();
});

test('previews, canonical links and the sitemap use the canonical URL', () => {
  const eventPage = readFileSync(join(dir, 'event', SEED, 'index.html'), 'utf8');
  assert.match(eventPage, new RegExp(`<link rel="canonical" href="https://example.org/chronicle/event/${SEED}">`));
  assert.match(eventPage, /<meta property="og:site_name" content="Test Chronicle">/);
  const sitemap = readFileSync(join(dir, 'sitemap.xml'), 'utf8');
  assert.match(sitemap, new RegExp(`<loc>https://example.org/chronicle/event/${SEED}</loc>`));
  assert.match(readFileSync(join(dir, 'robots.txt'), 'utf8'), /Sitemap: https:\/\/example.org\/chronicle\/sitemap.xml/);
  assert.match(readFileSync(join(dir, 'manifest.webmanifest'), 'utf8'), /"name": "Test Chronicle"/);
});

test('an id with $, quotes, parentheses and a colon has one permalink: the app\'s link is the canonical URL', async () => {
  const id = '2020-01-01--raises-$100-million-"victory"-(pac:x)';
  const page = await openPage(browser);
  await page.goto(url + '/');
  await waitForApp(page);
  const href = await page.locator('.event-row', { hasText: 'A PAC raises' }).getAttribute('href');
  assert.equal(href, `/event/${encodeURIComponent(id)}`);
  const eventPage = readFileSync(join(dir, 'event', id, 'index.html'), 'utf8');
  const canonical = eventPage.match(/<link rel="canonical" href="([^"]*)">/)[1];
  assert.equal(canonical.replaceAll('&amp;', '&'), `https://example.org/chronicle${href}`);
  assert.match(readFileSync(join(dir, 'sitemap.xml'), 'utf8'), new RegExp(`<loc>https://example.org/chronicle${href.replace(/[$()]/g, '\\$&')}</loc>`));
  // Followed, the link opens the event (the router decodes the segment once).
  await page.locator('.event-row', { hasText: 'A PAC raises' }).click();
  await page.waitForSelector('.event-page h1');
  assert.equal(await page.locator('.event-id code').textContent(), id);
  page.noProblems();
});

test('a bad settings file fails the build with its line', () => {
  const bad = mkdtempSync(join(tmpdir(), 'timeline-bad-settings-'));
  cpSync('tests/e2e/support/fixtures/with-settings', bad, { recursive: true });
  const toml = readFileSync(join(bad, 'timeline.toml'), 'utf8').replace('license =', 'licence =');
  writeFileSync(join(bad, 'timeline.toml'), toml);
  let status = 0, stderr = '';
  try {
    // OUT beside the corpus: one inside it is refused before the check.
    execFileSync(CLI, ['build', bad, '-o', `${bad}-out`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    status = e.status;
    stderr = String(e.stderr);
  }
  rmSync(bad, { recursive: true, force: true });
  rmSync(`${bad}-out`, { recursive: true, force: true });
  assert.equal(status, 1);
  assert.match(stderr, /E017/);
  assert.match(stderr, /timeline\.toml:4:1/);
});
