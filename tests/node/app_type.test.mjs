// The app's type and touch targets as GOV.UK sets them, in Debian's Chromium: a line of body text is
// as wide as the same words in CSS Noto Sans at the body size (19 px on a desktop, 18 on a phone,
// so the em is the em CSS means, not ImGui's line height), and every control a finger can press is
// at least 44 CSS px each way, on every screen of a budget's journey.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { settle, clickLabel } from './browser_harness.mjs';
import { startServer, root } from './server_harness.mjs';

let server, browser;
before(async () => {
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'] });
});
after(async () => { await browser?.close(); await server?.stop(); });

const sizes = [
  ['phone', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }, 18],
  ['desktop', { viewport: { width: 1366, height: 768 } }, 19],
];

// The width of an item's words as the app drew them, and as CSS draws them in Noto Sans at `px`.
const widths = async (page, key, px) => (await page.waitForSelector(`[data-key="${key}"]`, { state: 'attached', timeout: 10000 }), page.evaluate(([k, size]) => {
  const words = document.querySelector(`[data-key="${k}"]`).textContent;
  const span = document.createElement('span');
  span.textContent = words;
  span.style.font = `${size}px "Noto Sans"`;
  span.style.whiteSpace = 'pre';
  document.body.append(span);
  const css = span.getBoundingClientRect().width;
  span.remove();
  return { words, drawn: window.budgetApp.rect(k).width, css };
}, [key, px]));

// Controls (by the mirror's roles) smaller than 44 CSS px either way.
const smallTargets = (page) => page.evaluate(() => {
  const { items } = window.budgetApp.state();
  return [...document.querySelectorAll('#a11y-mirror [data-role]')]
    .filter((el) => ['button', 'tab', 'checkbox', 'slider', 'expander', 'textbox', 'select'].includes(el.dataset.role))
    .map((el) => [el.dataset.key, items[el.dataset.key]])
    .filter(([, r]) => r && !r.clipped && (r.h < 44 || r.w < 44))
    .map(([k, r]) => `${k} ${Math.round(r.w)}x${Math.round(r.h)}`);
});

for (const [name, device, px] of sizes) {
  test(`${name}: body text is ${px} CSS px Noto Sans (within 5%), and every control is at least 44 px each way`, async () => {
    const context = await browser.newContext(device);
    const page = await context.newPage();
    await page.goto(`${server.base}/?budget=eastbrook-district-2026`);
    await page.evaluate(() => window.budgetApp.ready);
    await page.evaluate(() => document.fonts.load('18px "Noto Sans"'));
    await settle(page);
    assert.deepEqual(await smallTargets(page), [], 'welcome');
    await clickLabel(page, 'Start');
    for (const tab of ['tab:overview', 'tab:services', 'tab:savings', 'tab:income']) {
      await clickLabel(page, tab);
      assert.deepEqual(await smallTargets(page), [], tab);
    }
    await clickLabel(page, 'Review');
    assert.deepEqual(await smallTargets(page), [], 'ratings');
    await clickLabel(page, 'Skip ratings');
    assert.deepEqual(await smallTargets(page), [], 'review');
    const { words, drawn, css } = await widths(page, 'review:remaining', px);
    assert.ok(words.length > 20, words);
    console.log(`${name}: "${words}" ${drawn.toFixed(1)} px on the canvas, ${css.toFixed(1)} px in CSS at ${px} px`);
    assert.ok(Math.abs(drawn - css) / css <= 0.05, `"${words}" is ${drawn.toFixed(1)} px wide on the canvas, ${css.toFixed(1)} px in CSS at ${px} px`);
    await context.close();
  });
}
