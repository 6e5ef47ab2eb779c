// Helpers for tests in Debian's Chromium: axe-core (WCAG 2.2 A and AA), the console's page check at a
// size (axe, no sideways scroll, GOV.UK body sizes, a screenshot), and waiting for the resident app.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server_harness.mjs';

const axeSource = readFileSync(join(root, 'tests', 'node', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// axe-core through DevTools (the console's CSP rightly refuses inline script).
export async function axe(page, where) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], where);
}

// A console page at its present size: axe, nothing wider than the screen, body type at GOV.UK sizes, a screenshot.
export async function lookAtPage(page, shots, name) {
  const size = page.viewportSize();
  await axe(page, `${name} at ${size.width}px`);
  const { scroll, body } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth,
    body: parseFloat(getComputedStyle(document.querySelector('main p, main td, main label') || document.body).fontSize),
  }));
  assert.ok(scroll <= size.width, `${name} is ${scroll}px wide at ${size.width}px`);
  assert.ok(body >= (size.width <= 640 ? 16 : 19), `${name}: body text ${body}px at ${size.width}px`);
  await page.screenshot({ path: join(shots, `${name}-${size.width}.png`), fullPage: true });
}

// The resident app's state, through its read-only test hook.
export const appState = (page) => page.evaluate(() => window.budgetApp.state());

// Waits until the app has stopped drawing (it draws only while something changes).
export async function settle(page) {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const frames = (await appState(page)).frames_drawn;
    if (frames === last) return;
    last = frames;
    await page.waitForTimeout(60);
  }
}
