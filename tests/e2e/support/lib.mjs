// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core,
// the built site served on 127.0.0.1, and the CLI's own figures to compare against.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { serve } from './server.mjs';
import assert from 'node:assert/strict';

export const SITE = process.env.TIMELINE_SITE || 'target/e2e/site';
export const CORPUS = process.env.TIMELINE_E2E_CORPUS || '../shared/corpus/events';
export const CLI = process.env.TIMELINE_CLI || 'target/native/timeline';

/** Runs the CLI and parses its JSON output (exit 1 = the corpus has errors, still a report). */
export function cli(...args) {
  try {
    return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch (e) {
    if (e.stdout) return JSON.parse(e.stdout);
    throw e;
  }
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function startServer(root = SITE, options = {}) {
  const server = await serve(root, 0, options);
  return { server, url: `http://127.0.0.1:${server.address().port}${options.base || ''}` };
}

/**
 * The set-up most test files share: one browser and the built site served for all of the
 * file's tests, handed to `set` ({ browser, url, server }) before the first, closed after
 * the last.
 */
export function servedSite(set, root = SITE, options = {}) {
  let browser, server;
  before(async () => {
    browser = await launch();
    const served = await startServer(root, options);
    server = served.server;
    set({ browser, url: served.url, server });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
}

/** A page that records console errors and uncaught exceptions; `check()` asserts none. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.noProblems = () => assert.deepEqual(problems, [], 'no console errors, exceptions or dialogs');
  return page;
}

/** The number in "N events" / "N of M events", as the app shows it (not the build's static copy). */
export async function shownCount(page) {
  const text = await page.evaluate(() => [...document.querySelectorAll('.count strong')]
    .find((el) => !el.closest('#prerender'))?.textContent ?? '');
  return Number(text.replace(/,/g, ''));
}

/**
 * Waits until the app has taken the page over from the build's static first screen and
 * its count equals `n` (filters apply asynchronously).
 */
export async function expectCount(page, n) {
  await page.waitForFunction((n) => {
    if (document.getElementById('prerender')) return false;
    const el = document.querySelector('.count strong');
    return el && Number(el.textContent.replace(/,/g, '')) === n;
  }, n, { timeout: 10000 }).catch(() => {});
  assert.equal(await shownCount(page), n);
}

/**
 * Waits for a route to be shown by the app with the parts it fetches (a search's shards, an
 * event's details): the build's static first screen (#prerender) taken over, or the boot
 * script's error screen beside it.
 */
export async function waitForApp(page) {
  await page.waitForSelector('.count strong, .event-page, .not-found, .cloud-page, .about-page, .graph-page, .starred-page, .screen.error', { timeout: 20000 });
  await page.waitForFunction(() => (!document.getElementById('prerender') || document.querySelector('#boot.error'))
    && !document.querySelector('.details-loading') && !/Loading/.test(document.querySelector('.search-status')?.textContent ?? ''), null, { timeout: 20000 });
}

/** For the measuring scripts: a desktop-sized page with the built site's home loaded. */
export async function openHome(site) {
  const browser = await launch();
  const { server, url } = await startServer(site);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(url + '/');
  await waitForApp(page);
  return { browser, server, page };
}

/**
 * A throwaway copy of the built site, served (`serverOptions` as `startServer`'s): the same
 * app, with the bundle (and the site's pages) rebuilt from `corpus` when one is given.
 * `close()` stops and deletes it.
 */
export async function copySite(name, corpus, serverOptions = {}) {
  const { mkdtempSync, cpSync, rmSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), `timeline-${name}-`));
  cpSync(SITE, dir, { recursive: true });
  if (corpus) execFileSync(CLI, ['build', corpus, '-o', dir], { stdio: 'ignore' });
  const { server, url } = await startServer(dir, serverOptions);
  return { dir, url, close: () => { server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** RFC 4180, strictly: quoted cells with doubled quotes, CRLF after every row, a BOM first. */
export function parseCsv(data) {
  assert.deepEqual([...data.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(data.slice(3));
  const rows = [];
  let row = [], cell = '', quoted = false, wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') { cell += '"'; i++; }
      else quoted = false;
    } else if (c === '"') {
      assert.equal(cell, '', `a quote opens a cell only at its start (row ${rows.length + 1})`);
      quoted = wasQuoted = true;
    } else if (c === ',') {
      row.push(cell); cell = ''; wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; wasQuoted = false; i++;
    } else {
      assert.ok(!wasQuoted && c !== '\n' && c !== '\r', `a bare line break or text after a quote (row ${rows.length + 1})`);
      cell += c;
    }
  }
  assert.ok(!quoted && row.length === 0 && cell === '', 'the last row ends with CRLF');
  return rows;
}
