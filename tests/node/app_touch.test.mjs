// The resident app on a touch phone: taps, swipes with momentum, sliders dragged sideways, and a
// journey by touch alone from welcome to sent on every example budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { settle, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navKey, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { startServer, root, officer, toolBin } from './server_harness.mjs';
import { app, useApp, open, openPhone, balanceDistrict, shots, axeSource, state } from './app_harness.mjs';

useApp();

test('touch: taps on a phone move through the app and set a slider', async () => {
  const { context, page } = await openPhone('?budget=bro-tegid-2026');
  const tap = (label, fx) => tapLabel(page, label, fx);
  await tap('Start');
  assert.equal((await state(page)).screen, 'simulator');
  await tap('tab:services');
  await tap('service:school-transport', 0.02);
  assert.equal((await state(page)).services_bp['school-transport'], -1500);
  await page.screenshot({ path: join(shots, 'bro-tegid-2026-phone-touch.png') });
  await context.close();
});

test('touch: a vertical swipe scrolls the list with momentum, even from a slider; a sideways drag moves a slider; zoom is never locked', async () => {
  const { context, page } = await openPhone('?budget=northmoor-county-2026', 2);
  const rect = (l) => page.evaluate((label) => window.budgetApp.rect(label), l);
  await tapLabel(page, 'Start');
  await tapLabel(page, 'tab:services');
  const tabs = await rect('tab:services');
  const slider = await rect('service:older-people-care');
  const before = await state(page);
  // Up by 250 px, starting on a slider: the list moves, no slider does.
  await swipe(page, { x: slider.x + slider.width / 2, y: slider.y + slider.height / 2 + 300 }, { x: slider.x + slider.width / 2, y: slider.y + slider.height / 2 + 50 });
  const justAfter = (await rect('service:older-people-care')).y;
  await settle(page);
  const after = await rect('service:older-people-care');
  const moved = slider.y - (after ? after.y : -Infinity);
  assert.ok(moved >= 250, `the list scrolled ${moved} px for a 250 px swipe`);
  assert.ok(!after || after.y < justAfter, 'it kept moving after the finger left (momentum)');
  assert.deepEqual((await state(page)).services_bp, before.services_bp);
  assert.deepEqual(await rect('tab:services'), tabs, 'the lever tabs stay where they are');
  assert.ok(await rect('Review'), 'the actions stay in reach');
  await page.screenshot({ path: join(shots, 'northmoor-county-2026-phone-scrolled.png') });
  // A swipe that starts on a slider and runs down scrolls back; then a sideways drag moves that slider.
  for (let i = 0; i < 3; i++) await swipe(page, { x: 180, y: 250 }, { x: 180, y: 700 });
  await settle(page);
  const s2 = await rect('service:older-people-care');
  assert.ok(Math.abs(s2.y - slider.y) < 2, `scrolled back to the top (${s2.y} vs ${slider.y})`);
  await swipe(page, { x: s2.x + s2.width / 2, y: s2.y + s2.height / 2 }, { x: s2.x + 10, y: s2.y + s2.height / 2 + 4 });
  await settle(page);
  assert.ok((await state(page)).services_bp['older-people-care'] < 0, 'a sideways drag moves the slider');
  // The page may always be zoomed: no viewport lock, and the canvas leaves pinching to the app.browser.
  assert.doesNotMatch(await page.evaluate(() => document.querySelector('meta[name=viewport]').content), /user-scalable|maximum-scale/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('canvas')).touchAction), 'pinch-zoom');
  await context.close();
});

// A phone journey by touch alone: swipes bring each control into view (slowly, so nothing flings
// past it), taps choose, and a tap at a slider's left end cuts it; from welcome to sent.
async function touchJourney(page, budget) {
  const view = page.viewportSize();
  const rect = (l) => page.evaluate((label) => window.budgetApp.rect(label), l);
  const reveal = async (label) => {
    let r = await rect(label);
    for (let i = 0; r && r.clipped && i < 40; i++) {
      const down = r.y > view.height / 2;  // below: move the list up
      await swipe(page, { x: 20, y: down ? 560 : 330 }, { x: 20, y: down ? 380 : 510 }, { ms: 300, hold: 150 });
      await settle(page);
      r = await rect(label);
    }
    assert.ok(r && !r.clipped, `${budget}: cannot bring ${label} into view`);
    return r;
  };
  const tap = async (label, fx = 0.5) => {
    const r = await reveal(label);
    await page.touchscreen.tap(r.x + r.width * fx, r.y + r.height / 2);
    await settle(page);
  };
  const keys = async (prefix) => Object.keys((await state(page)).items).filter((k) => k.startsWith(prefix));
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-welcome.png`) });
  await tap('Start');
  await tap('tab:overview');
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-overview.png`) });
  await tap('tab:savings');
  for (const k of await keys('saving:')) await tap(k, 0.05);
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-savings.png`) });
  await tap('tab:income');
  await tap('council-tax', 0.99);
  for (const k of await keys('income:')) await tap(k, 0.05);
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-income.png`) });
  await tap('tab:services');
  for (const k of await keys('service:')) {
    if ((await state(page)).balanced) break;
    await tap(k, 0.01);
  }
  const st = await state(page);
  assert.equal(st.balanced, true, `${budget}: not balanced by touch (${st.remaining_gap_pence})`);
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-balanced.png`) });
  await tap('Summary');
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-summary.png`) });
  await tap('Summary');
  await tap('Review');
  await tap('Skip ratings');
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-review.png`) });
  await tap('Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  await settle(page);
  await page.screenshot({ path: join(shots, `${budget}-phone-journey-sent.png`) });
  return state(page);
}

for (const budget of ['northmoor-county-2026', 'eastbrook-district-2026', 'bro-tegid-2026']) {
  test(`${budget}: a phone journey by touch alone, welcome to sent (swipes, taps, sliders)`, async () => {
    const { context, page } = await openPhone(`?budget=${budget}`, 2);
    const sent = await touchJourney(page, budget);
    assert.equal(sent.screen, 'confirmation');
    const stored = (await officer(app.server.base, budget, 'submissions.jsonl')).text.split('\n').filter((l) => l.includes(sent.submission_id));
    assert.equal(stored.length, 1, `${budget}: stored once`);
    await context.close();
  });
}

test('every page in this file ran under its Content-Security-Policy with nothing refused', () => {
  assert.deepEqual(app.cspViolations, []);
});
