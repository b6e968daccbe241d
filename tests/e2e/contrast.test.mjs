// Colour contrast that axe cannot see: text on coloured fills (the importance badges) and the
// palette's secondary text on each of the page's backgrounds, in the light and the dark
// theme, computed from the stylesheet as the browser applies it (WCAG 2.2 AA: 4.5:1 for
// text of this size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForApp, servedSite } from './support/lib.mjs';

let browser, url;
servedSite((s) => ({ browser, url } = s));

/** Every pair's contrast ratio, measured in the page: [label, ratio]. */
function measure() {
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const box = document.createElement('div');
  document.body.append(box);
  const out = [];
  for (let n = 1; n <= 10; n++) {
    const badge = document.createElement('span');
    badge.className = `importance imp-${n}`;
    badge.textContent = String(n);
    box.append(badge);
    const s = getComputedStyle(badge);
    out.push([`importance ${n} badge`, ratio(s.color, s.backgroundColor)]);
  }
  for (const text of ['--text-2', '--text-3', '--accent', '--tier-1']) {
    for (const bg of ['--bg', '--surface', '--surface-2']) {
      const on = document.createElement('div');
      on.style.background = `var(${bg})`;
      const span = document.createElement('span');
      span.style.color = `var(${text})`;
      span.textContent = 'text';
      on.append(span);
      box.append(on);
      out.push([`${text} on ${bg}`, ratio(getComputedStyle(span).color, getComputedStyle(on).backgroundColor)]);
    }
  }
  box.remove();
  return out;
}

for (const theme of ['light', 'dark']) {
  test(`${theme} theme: every importance badge and the secondary text reach 4.5:1`, async () => {
    const page = await openPage(browser, { colorScheme: theme });
    await page.goto(`${url}/`);
    await waitForApp(page);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor === 'rgb(247, 245, 240)'), theme === 'light', 'the theme asked for');
    const low = (await page.evaluate(measure)).filter(([, r]) => r < 4.5).map(([label, r]) => `${label}: ${r.toFixed(2)}:1`);
    assert.deepEqual(low, [], 'under 4.5:1');
    page.noProblems();
  });
}
