// The resident app's text boxes and letters: real text areas over the canvas (wrapping, paste, undo,
// the count near the limit, on a phone too), and the second font file for letters beyond Welsh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { settle, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navKey, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { startServer, root, officer, toolBin } from './server_harness.mjs';
import { app, useApp, open, openPhone, balanceDistrict, shots, axeSource, state } from './app_harness.mjs';

useApp();

test('a comment box is a real text area over the canvas: it wraps at words, takes typing, paste and undo, and counts down near the limit', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${app.server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  await clickLabel(page, 'Start');
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
  await clickLabel(page, 'comment:overall');
  const box = () => page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { key: el.dataset.key, tag: el.tagName, opacity: getComputedStyle(el).opacity, value: el.value,
             overflowsSideways: el.scrollWidth > el.clientWidth, x: r.x, y: r.y, width: r.width, height: r.height };
  });
  let b = await box();
  assert.equal(b.key, 'comment:overall');
  assert.equal(b.tag, 'TEXTAREA');
  assert.equal(b.opacity, '1');
  const drawn = await page.evaluate(() => window.budgetApp.rect('comment:overall'));
  assert.deepEqual([b.x, b.y, b.width, b.height].map(Math.round), [drawn.x, drawn.y, drawn.width, drawn.height].map(Math.round));
  await page.keyboard.type('Keep the libraries — diolch ŵ');
  await page.keyboard.press('Backspace');
  await page.evaluate(() => navigator.clipboard.writeText(' and parks'));
  await page.keyboard.press('Control+V');
  await settle(page);
  assert.equal((await state(page)).overall_comment, 'Keep the libraries — diolch  and parks');
  await page.keyboard.press('Control+Z');  // the browser's own undo
  await settle(page);
  b = await box();
  assert.notEqual(b.value, 'Keep the libraries — diolch  and parks');
  assert.equal((await state(page)).overall_comment, b.value);
  // A long comment wraps at words: nothing runs sideways out of view.
  await page.keyboard.type(' We should protect the services that residents use every day, especially for older people. '.repeat(3));
  await settle(page);
  assert.equal((await box()).overflowsSideways, false);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-comment.png') });
  // Near the limit (4,000 bytes) it says how much room is left, and it stops there.
  await page.evaluate(() => {
    const el = document.activeElement;
    el.value = 'x'.repeat(3700);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle(page);
  assert.match(await page.evaluate(() => document.getElementById('a11y-mirror').textContent), /300 characters left/);
  await page.keyboard.type('ŵ'.repeat(200));  // 2 bytes each: only 150 fit
  await settle(page);
  const kept = (await state(page)).overall_comment;
  assert.equal(Buffer.byteLength(kept), 4000);
  assert.ok(kept.endsWith('ŵ'));
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await settle(page);
  await page.keyboard.press('Escape');  // gives the keyboard back to the canvas
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  await page.reload();  // the draft kept on the device brings the comment back
  await page.evaluate(() => window.budgetApp.ready);
  assert.equal(Buffer.byteLength((await state(page)).overall_comment), 3996);
  await context.close();
});

test('on a phone the comment box is tapped into, wraps, and is hidden where the list scrolls it out of view', async () => {
  const { context, page } = await openPhone('?budget=eastbrook-district-2026');
  const tap = (label) => tapLabel(page, label);
  await tap('Start');
  await tap('Review');
  await tap('Skip ratings');
  // A swipe that starts on the box scrolls the list, as it does anywhere else.
  const box = await swipeIntoView(page, 'comment:overall');
  await swipe(page, { x: 180, y: box.y + box.height / 2 }, { x: 180, y: box.y + box.height / 2 - 150 }, { ms: 300, hold: 150 });
  await settle(page);
  const moved = box.y - (await page.evaluate(() => window.budgetApp.rect('comment:overall'))).y;
  assert.ok(moved >= 100, `a swipe on the comment box moved the list ${moved} px`);
  await swipeIntoView(page, 'comment:overall');
  await tap('comment:overall');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'comment:overall');
  await page.keyboard.type('Please keep the library in Eastbrook open on Saturdays, because families use it.');
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.scrollWidth <= document.activeElement.clientWidth), true);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-phone-comment.png') });
  // Scrolled out of the review's scrolling area, the box is not left floating over the rest.
  const r = await page.evaluate(() => window.budgetApp.rect('comment:overall'));
  await swipe(page, { x: 180, y: r.y + r.height + 20 }, { x: 180, y: 60 });
  await swipe(page, { x: 180, y: 600 }, { x: 180, y: 60 });
  await settle(page);
  const shown = await page.evaluate(() => {
    const el = document.querySelector('[data-key="comment:overall"]');
    return getComputedStyle(el).opacity !== '0' && getComputedStyle(el).clipPath === 'none';
  });
  assert.equal(shown, false);
  await context.close();
});

// The district's review screen on a desktop, typing in the overall comment, with the font files the
// page has asked for and the glyphs the main file gave.
async function commentWatchingFonts() {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const fonts = [];
  page.on('request', (r) => { if (r.url().includes('/fonts/')) fonts.push(r.url().split('/').pop()); });
  await page.goto(`${app.server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  const mainGlyphs = (await state(page)).font_glyphs;
  await clickLabel(page, 'Start');
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
  await clickLabel(page, 'comment:overall');
  return { context, page, fonts, mainGlyphs };
}

test('letters beyond English and Welsh ones (Ł, ź, ñ, ø) come in a second font file, fetched only when some text needs them', async () => {
  const { context, page, fonts, mainGlyphs } = await commentWatchingFonts();
  await page.keyboard.type('Diolch yn fawr ŵ ŷ, café naïve £5 ½');  // Welsh letters and common accents are in the main file
  await settle(page);
  assert.deepEqual(fonts, ['NotoSans-Regular.ttf']);
  assert.equal((await state(page)).font_glyphs, mainGlyphs);
  await page.keyboard.type(' — Łódź');
  await page.waitForFunction((n) => window.budgetApp.state().font_glyphs > n, mainGlyphs);
  await settle(page);
  assert.deepEqual(fonts, ['NotoSans-Regular.ttf', 'NotoSans-Extra.ttf']);
  assert.ok((await state(page)).font_glyphs >= mainGlyphs + 120 + 39, 'the rest of Latin-1 and Latin Extended-A is merged in');
  await page.screenshot({ path: join(shots, 'latin-extended-comment.png') });
  // After a reload the draft holds those letters: the second file comes when they are on screen
  // (opened without the #review fragment, which would open the review at once).
  fonts.length = 0;
  await page.goto(page.url().split('#')[0]);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  assert.deepEqual(fonts, ['NotoSans-Regular.ttf']);
  assert.equal((await state(page)).overall_comment, 'Diolch yn fawr ŵ ŷ, café naïve £5 ½ — Łódź');
  await clickLabel(page, 'Start');
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
  await page.waitForFunction((n) => window.budgetApp.state().font_glyphs > n, mainGlyphs);
  assert.deepEqual(fonts, ['NotoSans-Regular.ttf', 'NotoSans-Extra.ttf']);
  await context.close();
});

test('a Latin-1 letter outside the main file (ñ) brings the second font file too', async () => {
  const { context, page, fonts, mainGlyphs } = await commentWatchingFonts();
  await page.keyboard.type('Peña');
  await page.waitForFunction((n) => window.budgetApp.state().font_glyphs > n, mainGlyphs);
  assert.deepEqual(fonts, ['NotoSans-Regular.ttf', 'NotoSans-Extra.ttf']);
  await context.close();
});

test('every page in this file ran under its Content-Security-Policy with nothing refused', () => {
  assert.deepEqual(app.cspViolations, []);
});
