// The resident app by keyboard alone: Tab and Space, arrows into and along sliders, a journey from
// welcome to sent, no keyboard trap, and the focus ring only for keyboard users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { settle, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navKey, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { startServer, root, officer, toolBin } from './server_harness.mjs';
import { app, useApp, open, openPhone, balanceDistrict, shots, axeSource, state } from './app_harness.mjs';

useApp();

test('keyboard: Tab and Space start, arrows reach a slider, Space and arrows move it', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const press = async (...keys) => { for (const k of keys) { await page.keyboard.press(k); await settle(page); } };
  await press('Tab', 'Space');
  assert.equal((await state(page)).screen, 'simulator');
  await navigateTo(page, 'tab:services');
  await press('Space');
  const before = await state(page);
  await navigateTo(page, 'service:waste-collection');
  await press('Space', 'ArrowLeft', 'ArrowLeft', 'Space');
  const after = await state(page);
  const moved = Object.entries(after.services_bp).filter(([, v]) => v !== 0);
  assert.equal(moved.length, 1, JSON.stringify(moved));
  assert.ok(moved[0][1] < 0);
  assert.ok(after.remaining_gap_pence < before.remaining_gap_pence);
  await page.close();
});

test('keyboard alone, welcome to sent: every saving, fee and council tax, service cuts, a comment, send', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const press = async (...keys) => { for (const k of keys) { await page.keyboard.press(k); await settle(page); } };
  const use = async (target) => { await navigateTo(page, target); await press('Space'); };
  await press('Tab');  // the first key shows where the keyboard is (on Start)
  await use('Start');
  await use('tab:savings');
  for (const id of ['garden-waste-rounds', 'shared-planning', 'leisure-contract', 'office-move', 'digital-payments', 'temporary-accommodation'])
    await use(`saving:${id}`);
  await use('tab:income');
  await use('council-tax');  // Space takes the slider, the arrows move it, Space lets it go
  await press(...Array(8).fill('ArrowRight'), 'Space');
  for (const id of ['garden-waste-charge', 'parking-charges', 'pre-application-fees', 'commercial-property', 'bulky-waste-fee'])
    await use(`income:${id}`);
  await use('tab:services');
  for (const id of ['waste-collection', 'street-cleansing', 'parks', 'environmental-health']) {
    if ((await state(page)).balanced) break;
    await use(`service:${id}`);
    await press(...Array(50).fill('ArrowLeft'), 'Space');
  }
  assert.equal((await state(page)).balanced, true);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-keyboard-balanced.png') });
  await use('Review');
  // How are we doing?: a radio group is one Tab stop ("No answer"), the arrows move along it, Space chooses.
  assert.equal((await state(page)).screen, 'ratings');
  // Tab goes from group to group, landing on each one's "No answer".
  const tabTo = async (key) => {
    for (let i = 0; i < 30 && (await navKey(page)) !== key; i++) await press('Tab');
    assert.equal(await navKey(page), key);
  };
  await tabTo('rate:environment');
  await press('ArrowRight', 'ArrowRight', 'Space');  // No answer > Very satisfied > Fairly satisfied
  await tabTo('rate:trust');
  await press('ArrowRight', 'Space');                // A great deal
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-keyboard-ratings.png') });
  await use('Continue');
  assert.equal((await state(page)).screen, 'review');
  const rated = await page.evaluate(() => document.getElementById('m-answer:ratings').textContent);
  assert.match(rated, /Bins, streets and open spaces: Fairly satisfied/);
  assert.match(rated, /How much do you trust the council\? A great deal/);
  await use('comment:overall');  // the real text area takes the keyboard
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'comment:overall');
  await page.keyboard.type('Sent by keyboard alone.');
  await press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  await use('Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  const sent = await state(page);
  assert.equal(sent.overall_comment, 'Sent by keyboard alone.');
  await settle(page);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-keyboard-sent.png') });
  const stored = (await officer(app.server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text.split('\n').filter((l) => l.includes(sent.submission_id));
  assert.equal(stored.length, 1);
  assert.equal(JSON.parse(stored[0]).comments.overall, 'Sent by keyboard alone.');
  assert.deepEqual(JSON.parse(stored[0]).ratings, { council: { trust: 'a_great_deal' }, services: { environment: 'fairly_satisfied' } });
  await page.close();
});

test('keyboard: Escape leaves the canvas for the page (no keyboard trap)', async () => {
  const page = await open({ width: 1366, height: 768 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'after-app');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  await page.close();
});

test('the focus ring is for the keyboard only, and only a device with a mouse or trackpad hears about keys', async () => {
  const outline = (page) => page.evaluate(() => getComputedStyle(document.getElementById('canvas')).outlineStyle);
  const mirrorText = (page) => page.evaluate(() => document.getElementById('a11y-mirror').textContent);
  for (const [name, options, keys] of [['phone', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }, false],
    ['desktop', { viewport: { width: 1366, height: 768 } }, true]]) {
    const context = await app.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${app.server.base}/?budget=eastbrook-district-2026`);
    await page.evaluate(() => window.budgetApp.ready);
    await settle(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas', name);
    assert.equal(await outline(page), 'none', `${name}: a ring before any key`);
    assert.equal((await mirrorText(page)).includes('Escape leaves the simulator'), keys, name);
    await page.keyboard.press('Tab');
    assert.equal(await outline(page), 'solid', `${name}: no ring for the keyboard`);
    const start = await page.evaluate(() => window.budgetApp.rect('Start'));
    await page.mouse.click(start.x + start.width / 2, start.y + start.height / 2);
    await settle(page);
    assert.equal(await outline(page), 'none', `${name}: the ring stays after a click`);
    await context.close();
  }
});

test('every page in this file ran under its Content-Security-Policy with nothing refused', () => {
  assert.deepEqual(app.cspViolations, []);
});
