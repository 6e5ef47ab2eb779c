// Helpers for tests in Debian's Chromium: axe-core (WCAG 2.2 A and AA), the console's page check at a
// size (axe, no sideways scroll, GOV.UK body sizes, a screenshot), and waiting for the resident app.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server_harness.mjs';

const axeSource = readFileSync(join(root, 'tests', 'node', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// The console's sign-in form, by its labels, as `who`; waits for the consultations page.
export async function signInByLabels(page, base, who) {
  await page.goto(`${base}/console/`);
  assert.equal(new URL(page.url()).pathname, '/console/sign-in');
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
}

// axe-core through DevTools (the console's CSP rightly refuses inline script).
export async function axe(page, where) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], where);
}

// A console page at its present size: axe, nothing wider than the screen, body type at GOV.UK sizes, a screenshot.
export async function lookAtPage(page, shots, name) {
  const size = page.viewportSize();
  await page.waitForLoadState('load');  // its stylesheet applied: a heading can be found before it is
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

// Waits until the app has stopped drawing (it draws only while something changes): no new frame
// over three of the browser's animation frames in a row and for at least 100 ms, watched inside the
// page. (Frames that paint nothing new are quick, so three animation frames alone can pass before a
// busy machine has delivered the input that the test just sent.)
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const frames = window.budgetApp.frames;
    let last = frames(), still = 0, ticks = 0, since = performance.now();
    const tick = () => {
      const now = frames();
      if (now === last) ++still;
      else { still = 0; since = performance.now(); }
      last = now;
      if ((still >= 3 && performance.now() - since >= 100) || ++ticks >= 400) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
}

// The item's rectangle, scrolled wholly into view with the mouse wheel first if its list hides it.
export async function reveal(page, label) {
  let r = await page.evaluate((l) => window.budgetApp.rect(l), label);
  const view = page.viewportSize();
  for (let i = 0; r && r.clipped && i < 20; i++) {
    await page.mouse.move(r.x + r.width / 2, Math.min(Math.max(r.y, 150), view.height - 100));
    await page.mouse.wheel(0, r.y < 150 ? -120 : 120);
    await settle(page);
    r = await page.evaluate((l) => window.budgetApp.rect(l), label);
  }
  return r;
}

// A tap on a labelled item, `fx` of the way across it, swiped wholly into view first (a tap on what
// its list hides would land on something else); touch targets are checked for 44 px.
export async function tapLabel(page, label, fx = 0.5) {
  let r = await page.evaluate((l) => window.budgetApp.rect(l), label);
  assert.ok(r, `no item labelled ${label}`);
  if (r.clipped) r = await swipeIntoView(page, label);
  assert.ok(r.height >= 44, `${label} is ${r.height}px tall; touch targets need 44`);
  await page.touchscreen.tap(r.x + r.width * fx, r.y + r.height / 2);
  await settle(page);
}

export async function clickLabel(page, label) {
  const r = await reveal(page, label);
  assert.ok(r, `no item labelled ${label}`);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await settle(page);
}

// A one-finger swipe through CDP touch events, `steps` moves over `ms`, lifted at the end. The moves
// are paced here and not each awaited, so the page sees them at the pace of a finger (awaiting each
// round trip would look like a finger that keeps stopping).
export async function swipe(page, from, to, { steps = 12, ms = 120, hold = 0 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  const sent = [cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) })];
  for (let i = 1; i <= steps; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms / steps));
    const t = i / steps;
    sent.push(cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point({ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }) }));
  }
  if (hold) await new Promise((resolve) => setTimeout(resolve, hold));  // a finger that stops before lifting: no fling
  sent.push(cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }));
  await Promise.all(sent);
  await cdp.detach();
}

// Brings a labelled item wholly into view by touch alone: slow swipes (no fling) at the left edge.
export async function swipeIntoView(page, label) {
  const view = page.viewportSize();
  const rect = () => page.evaluate((l) => window.budgetApp.rect(l), label);
  let r = await rect();
  for (let i = 0; r && r.clipped && i < 40; i++) {
    const down = r.y > view.height / 2;  // below: move the list up
    await swipe(page, { x: 20, y: down ? 560 : 330 }, { x: 20, y: down ? 380 : 510 }, { ms: 300, hold: 150 });
    await settle(page);
    r = await rect();
  }
  assert.ok(r && !r.clipped, `cannot bring ${label} into view`);
  return r;
}

// The item ImGui's keyboard navigation is on, by its key (the canvas names it for screen readers).
export const navKey = (page) => page.evaluate(() => {
  const id = document.getElementById('canvas').getAttribute('aria-activedescendant');
  const el = id && document.getElementById(id);
  return el ? el.dataset.key : '';
});

// Moves the keyboard's navigation to `target` with the arrow keys, as a person would: down or up
// towards it, then along its row.
export async function navigateTo(page, target, tries = 80) {
  const path = [], pressed = [];
  for (let i = 0; i < tries; i++) {
    const current = await navKey(page);
    if (current === target) return;
    path.push(current);
    const { items } = await appState(page);
    const c = items[current], t = items[target];
    assert.ok(t, `no item labelled ${target}`);
    let key = 'ArrowDown';
    if (t.clipped) key = t.y > page.viewportSize().height / 2 ? 'PageDown' : 'PageUp';  // scroll it into view first
    else if (c) {  // into the target's column first (left edges far apart), then up or down it, then along its row
      const dy = (t.y + t.h / 2) - (c.y + c.h / 2);
      const otherColumn = Math.abs(t.x - c.x) > page.viewportSize().width / 4;
      if (!otherColumn && Math.abs(dy) > Math.min(c.h, t.h) / 2) key = dy > 0 ? 'ArrowDown' : 'ArrowUp';
      else key = t.x > c.x ? 'ArrowRight' : 'ArrowLeft';
    }
    pressed.push(key);
    await page.keyboard.press(key);
    await settle(page);
  }
  const { items } = await appState(page);
  const focused = await page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id}`);
  assert.fail(`the arrow keys never reached ${target} (last on ${await navKey(page)}; went ${[...new Set(path)].join(' > ')}; ` +
    `pressed ${[...new Set(pressed)].join(', ')}; page focus on ${focused}; target ${JSON.stringify(items[target])})`);
}

export async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role?.value, name: n.name?.value, value: n.value?.value,
    level: prop(n, 'level'), checked: prop(n, 'checked'), expanded: prop(n, 'expanded'), pressed: prop(n, 'pressed') }));
}
export const find = (tree, role, name) => tree.find((n) => n.role === role && n.name === name);
// Works a mirror control as a screen reader in focus mode does: focus it, then keys.
export async function useMirror(page, key, ...keys) {
  await page.evaluate((k) => document.getElementById('m-' + k.replace(/[^A-Za-z0-9_:-]/g, (c) => '_' + c.charCodeAt(0).toString(16))).focus(), key);
  for (const k of keys) await page.keyboard.press(k);
  await settle(page);
}

