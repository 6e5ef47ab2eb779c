// The resident app for every resident: screen readers, axe-core, the plain HTML page where WebGL2 is
// missing or the loader fails, 12 cold starts of the phone page (COLD_STARTS=100 for a soak), and a lost WebGL context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { settle, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navKey, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { startServer, root, officer, toolBin } from './server_harness.mjs';
import { app, useApp, open, openPhone, balanceDistrict, shots, axeSource, state } from './app_harness.mjs';

useApp();

// What assistive technology sees: Chromium's own accessibility tree, through the DevTools protocol.

test('screen readers: each screen is in the accessibility tree with roles, names and values, and works from there', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=northmoor-county-2026');
  let tree = await axTree(page);
  assert.equal(find(tree, 'heading', 'Northmoor County Council')?.level, 1);
  assert.ok(find(tree, 'StaticText', 'Next year the council needs to close a gap of £30.0m.'));
  assert.ok(find(tree, 'button', 'Start'));
  assert.equal(await page.evaluate(() => document.title), 'Welcome – Northmoor County Council');

  await useMirror(page, 'Start', 'Enter');
  assert.equal((await state(page)).screen, 'simulator');
  assert.equal(await page.evaluate(() => document.title), 'Balance the budget – Northmoor County Council');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'screen-title');  // not lost with the old screen
  await useMirror(page, 'tab:services', 'Enter');  // the simulator opens on its overview
  tree = await axTree(page);
  assert.equal(find(tree, 'heading', 'Balance the budget')?.level, 1);
  // Chromium's protocol does not report aria-valuetext, so the words are checked on the element.
  const valueWords = (key) => page.evaluate((k) => document.getElementById('m-' + k).getAttribute('aria-valuetext'), key);
  const slider = find(tree, 'slider', 'Care for older people');
  assert.equal(slider?.value, 10);
  assert.equal(await valueWords('service:older-people-care'), '0% (£186.4m)');
  assert.equal(find(tree, 'button', 'Adult social care')?.expanded, true);
  assert.equal(find(tree, 'button', 'Services')?.pressed, 'true');

  await useMirror(page, 'service:older-people-care', 'ArrowLeft', 'ArrowLeft');
  assert.equal((await state(page)).services_bp['older-people-care'], -200);
  assert.equal(find(await axTree(page), 'slider', 'Care for older people')?.value, 8);
  assert.equal(await valueWords('service:older-people-care'), '-2% = -£3.7m a year (£182.7m)');
  await page.waitForFunction(() => document.getElementById('announce').textContent === 'Gap still to close: £26.3m of £30.0m');

  await page.evaluate(() => document.querySelector('#m-band input:checked').focus());  // a radio group: on the chosen one
  await page.keyboard.press('ArrowDown');
  await settle(page);
  assert.equal((await state(page)).receipt_band, 'E');
  await useMirror(page, 'tab:savings', 'Enter');
  const saving = (await state(page)).efficiencies.length;
  const first = await page.evaluate(() => document.querySelector('#a11y-mirror input[type=checkbox]').dataset.key);
  await useMirror(page, first, 'Space');
  assert.equal((await state(page)).efficiencies.length, saving + 1);
  assert.equal(find(await axTree(page), 'checkbox', await page.evaluate((k) => document.getElementById('m-' + k).getAttribute('aria-label'), first))?.checked, 'true');

  // While the canvas itself has the keyboard, it points assistive technology at ImGui's focused item.
  await page.focus('#canvas');
  await page.keyboard.press('Tab');
  await settle(page);
  const active = await page.evaluate(() => document.getElementById('canvas').getAttribute('aria-activedescendant'));
  assert.ok(active && await page.evaluate((id) => !!document.getElementById(id), active), `aria-activedescendant ${active}`);

  await useMirror(page, 'Review', 'Enter');
  await useMirror(page, 'Skip ratings', 'Enter');
  await useMirror(page, 'comment:overall');
  await page.keyboard.type('Keep the gritters out');
  await settle(page);
  assert.equal((await state(page)).overall_comment, 'Keep the gritters out');
  await page.screenshot({ path: join(shots, 'screen-reader-review.png') });
  await page.close();
});

test('screen readers: the Welsh interface is marked as Welsh', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=bro-tegid-2026&lang=cy');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.ok(find(await axTree(page), 'button', 'Dechrau'));
  await page.close();
});

test('axe-core finds no WCAG 2.2 A or AA problem (nor best-practice one) on any screen or the plain-HTML page', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const check = async (where) => {
    await page.evaluate(axeSource);  // through DevTools: the page's CSP rightly refuses an inline script tag
    const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
    assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], where);
  };
  await check('welcome');
  await useMirror(page, 'Start', 'Enter');
  await check('simulator');
  await useMirror(page, 'Annual report', 'Enter');
  await check('annual report');
  await useMirror(page, 'Back', 'Enter');
  await useMirror(page, 'Review', 'Enter');
  await useMirror(page, 'Skip ratings', 'Enter');
  await useMirror(page, 'Consent', 'Space');
  await check('review');
  await page.goto(`${app.server.base}/consultations.html`);
  await page.waitForFunction(() => !/Loading/.test(document.getElementById('status').textContent));
  await check('consultations');
  await page.close();
});

test('when the program\'s loader cannot be downloaded the page says so, in the resident\'s language', async () => {
  for (const [query, words] of [['', 'The simulator could not be downloaded. Please check your connection and reload the page.'],
                                ['?lang=cy', 'Nid oedd modd llwytho\'r efelychydd i lawr. Gwiriwch eich cysylltiad ac ail-lwythwch y dudalen.']]) {
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.route('**/budget-app.js', (route) => route.abort());
    await page.goto(`${app.server.base}/${query}`);
    await assert.rejects(page.evaluate(() => window.budgetApp.ready), new RegExp(words.replace(/[.?]/g, '\\$&')));
    assert.equal(await page.evaluate(() => document.getElementById('problem').textContent), words);
    assert.equal(await page.evaluate(() => document.getElementById('problem').hidden), false);
    await page.close();
  }
});

test('without WebGL2 the page says so, in the resident\'s language, and links to the consultations', async () => {
  for (const [query, words, link] of [['', 'This browser cannot draw the simulator', 'consultations.html'],
                                      ['?lang=cy', 'Ni all y porwr hwn ddangos yr efelychydd', 'consultations.html?lang=cy']]) {
    const context = await app.browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript(() => {  // a browser with no WebGL 2
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
    });
    const page = await context.newPage();
    await page.goto(`${app.server.base}/${query}`);
    await page.evaluate(() => window.budgetApp.ready);
    const notice = await page.evaluate(() => ({ text: document.getElementById('html-notice').textContent,
      href: document.querySelector('#html-notice a').getAttribute('href'), lang: document.documentElement.lang }));
    assert.ok(notice.text.startsWith(words), notice.text);
    assert.equal(notice.href, link);
    assert.equal(notice.lang, query ? 'cy' : 'en');
    assert.ok(await page.locator('#a11y-mirror').getByRole('button', { name: query ? 'Dechrau' : 'Start' }).isVisible());
    await page.screenshot({ path: join(shots, `no-webgl2${query ? '-cy' : ''}-phone.png`), fullPage: true });
    await context.close();
  }
});

test('without WebGL2 the same app runs as a plain HTML page: balance, send, stored, and axe finds nothing', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {  // a browser with no WebGL 2
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  });
  const page = await context.newPage();
  await page.goto(`${app.server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  assert.equal(await page.evaluate(() => document.getElementById('canvas').hidden), true);
  assert.match(await page.locator('#html-notice').textContent(), /shown as a plain page/);
  const axeCheck = async (where) => {
    await page.evaluate(axeSource);  // through DevTools: the page's CSP rightly refuses an inline script tag
    const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
    assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], where);
  };
  await axeCheck('plain welcome');
  const mirror = page.locator('#a11y-mirror');
  const act = async (locator, how) => { await how(locator); await settle(page); };
  await act(mirror.getByRole('button', { name: 'Start' }), (l) => l.click());
  assert.equal((await state(page)).screen, 'simulator');
  await act(mirror.getByRole('button', { name: 'Savings' }), (l) => l.click());
  for (const box of await mirror.getByRole('checkbox').all()) await act(box, (l) => l.check());
  assert.equal((await state(page)).efficiencies.length, 6);
  await act(mirror.getByRole('button', { name: 'Income' }), (l) => l.click());
  for (const box of await mirror.getByRole('checkbox').all()) await act(box, (l) => l.check());
  await act(mirror.getByRole('slider', { name: 'Council tax' }), async (l) => { await l.focus(); await page.keyboard.press('End'); });
  await act(mirror.getByRole('button', { name: 'Services' }), (l) => l.click());
  for (const id of ['waste-collection', 'street-cleansing', 'parks', 'environmental-health']) {
    if ((await state(page)).balanced) break;
    await act(page.locator(`#m-service\\:${id} input`), async (l) => { await l.focus(); await page.keyboard.press('Home'); });
  }
  const balanced = await state(page);
  assert.equal(balanced.balanced, true, JSON.stringify(balanced));
  await axeCheck('plain simulator');
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-plain-simulator.png'), fullPage: true });
  await act(mirror.getByRole('button', { name: 'Review and send' }), (l) => l.click());
  // How are we doing?, as radio groups on the plain page.
  assert.equal((await state(page)).screen, 'ratings');
  await act(mirror.getByRole('group', { name: 'Bins, streets and open spaces' }).getByRole('radio', { name: 'Very satisfied' }), (l) => l.check());
  await act(mirror.getByRole('group', { name: 'To what extent do you agree or disagree that the council provides value for money?' })
    .getByRole('radio', { name: "Don't know" }), (l) => l.check());
  await axeCheck('plain ratings');
  await act(mirror.getByRole('button', { name: 'Continue to check your answers' }), (l) => l.click());
  await act(mirror.getByRole('textbox', { name: 'Anything else you want the council to know' }), (l) => l.fill('Sent without WebGL'));
  assert.equal((await state(page)).overall_comment, 'Sent without WebGL');
  await axeCheck('plain review');
  await act(mirror.getByRole('button', { name: 'Send my budget to the council' }), (l) => l.click());
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  const id = (await state(page)).submission_id;
  const jsonl = (await officer(app.server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text.trim().split('\n');
  const stored = jsonl.filter((l) => l.includes(id));
  assert.equal(stored.length, 1);
  assert.equal(JSON.parse(stored[0]).comments.overall, 'Sent without WebGL');
  assert.deepEqual(JSON.parse(stored[0]).ratings, { council: { value_for_money: 'dont_know' }, services: { environment: 'very_satisfied' } });
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-plain-confirmation.png'), fullPage: true });
  await context.close();
});

test('the plain-HTML page in Welsh, checked by axe-core too', async () => {
  const page = await app.browser.newPage();
  await page.goto(`${app.server.base}/consultations.html?lang=cy`);
  await page.waitForFunction(() => !/llwytho/.test(document.getElementById('status').textContent));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.equal(await page.evaluate(() => document.querySelector('h1').textContent), 'Ymgynghoriadau ar y gyllideb');
  assert.match(await page.evaluate(() => document.getElementById('status').textContent), /ymgynghoriad ar y gweinydd hwn/);
  await page.evaluate(axeSource);  // through DevTools: the page's CSP rightly refuses an inline script tag
  const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  assert.deepEqual(r.violations.map((v) => v.id), []);
  await page.screenshot({ path: join(shots, 'consultations-cy.png'), fullPage: true });
  await page.close();
});

const COLD_STARTS = Number(process.env.COLD_STARTS || 12);
test(`${COLD_STARTS} cold starts of the phone page (DPR 2, touch): each draws, and the first tap on Start is never lost`, async () => {
  const context = await app.browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const problems = [];
  for (let run = 0; run < COLD_STARTS; run++) {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`run ${run}: ${e.message}`));
    await page.goto(`${app.server.base}/?budget=eastbrook-district-2026&run=${run}`);
    await page.evaluate(() => window.budgetApp.ready);
    const lost = await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost());
    if (lost) problems.push(`run ${run}: the context was lost at start`);
    const r = await page.evaluate(() => window.budgetApp.rect('Start'));
    await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);  // at once, with no settling first
    await page.waitForFunction(() => window.budgetApp.state().screen === 'simulator', null, { timeout: 3000 })
      .catch(() => problems.push(`run ${run}: the tap on Start was lost`));
    await page.close();
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test('a lost WebGL context: the app keeps working, says so after 5 s, and draws the same again once restored', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  // The share of the screen in the page's background grey: the same before and after, if it draws again.
  const background = async () => {
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png' });
    return page.evaluate(async (png) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(image.width, image.height).getContext('2d');
      c.drawImage(image, 0, 0);
      const px = c.getImageData(0, 0, image.width, image.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] === 245 && px[i + 1] === 245 && px[i + 2] === 245) n++;
      return n / (px.length / 4);
    }, shot.data);
  };
  await clickLabel(page, 'Start');
  const before = await background();
  await page.evaluate(() => {
    window.loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.loseContext.loseContext();
  });
  await page.waitForFunction(() => document.getElementById('canvas').getContext('webgl2').isContextLost());
  // The app still runs (and its mirror with it) while nothing can be drawn.
  await clickLabel(page, 'tab:savings');
  assert.ok(await page.evaluate(() => window.budgetApp.rect('saving:shared-planning')));
  await clickLabel(page, 'tab:overview');  // back where it was before the loss
  // Not back within 5 s: the page says so, with the plain pages to turn to.
  await page.waitForFunction(() => !document.getElementById('html-notice').hidden, null, { timeout: 8000 });
  assert.equal(await page.evaluate(() => document.getElementById('html-notice').getAttribute('role')), 'alert');
  assert.match(await page.evaluate(() => document.getElementById('html-notice').textContent), /stopped drawing.*plain pages/);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-context-lost.png') });
  await page.evaluate(() => window.loseContext.restoreContext());
  await page.waitForFunction(() => !document.getElementById('canvas').getContext('webgl2').isContextLost());
  await settle(page);
  await page.mouse.move(10, 10);
  await settle(page);
  const after = await background();
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-context-restored.png') });
  assert.ok(before > 0.3 && Math.abs(after - before) < 0.02, `background share ${before} before, ${after} after`);
  assert.equal(await page.evaluate(() => document.getElementById('html-notice').hidden), true);
  await clickLabel(page, 'tab:savings');
  assert.ok(await page.evaluate(() => window.budgetApp.rect('saving:shared-planning')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('every page in this file ran under its Content-Security-Policy with nothing refused', () => {
  assert.deepEqual(app.cspViolations, []);
});
