// The resident app in Debian's Chromium (headless, SwiftShader WebGL2), driven by playwright-core
// against budget-server on 127.0.0.1: WebGL2 first, then screens at phone, desktop and projector
// sizes, clicking by label through the read-only hook window.budgetApp.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { appState, settle, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navKey, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startServer, root, officer, toolBin } from './server_harness.mjs';

const shots = join(root, 'build', 'screenshots');
const axeSource = readFileSync(join(root, 'tests', 'node', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let server, browser;
let sharedLink = '';  // made by the send test, opened by the shared-link test
// Everything the pages' Content-Security-Policy refused, from every page of every test (Chromium
// says so on the console); the last test checks that there was nothing.
const cspViolations = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const watch = (page) => page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  const newPage = browser.newPage.bind(browser), newContext = browser.newContext.bind(browser);
  browser.newPage = async (...options) => { const page = await newPage(...options); watch(page); return page; };
  browser.newContext = async (...options) => { const context = await newContext(...options); context.on('page', watch); return context; };
});
after(async () => { await browser?.close(); await server?.stop(); });

async function open(size, query = '') {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${server.base}/${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  return page;
}

const state = appState;

// Closes the district's gap through the UI: every saving, every fee, council tax to its limit,
// then the first services cut to their minimum until the budget balances.
async function balanceDistrict(page) {
  await clickLabel(page, 'Start');
  await clickLabel(page, 'tab:savings');
  for (const id of ['garden-waste-rounds', 'shared-planning', 'leisure-contract', 'office-move', 'digital-payments', 'temporary-accommodation'])
    await clickLabel(page, `saving:${id}`);
  await clickLabel(page, 'tab:income');
  const tax = await reveal(page, 'council-tax');
  await page.mouse.click(tax.x + tax.width - 3, tax.y + tax.height / 2);
  await settle(page);
  for (const id of ['garden-waste-charge', 'parking-charges', 'pre-application-fees', 'commercial-property', 'bulky-waste-fee'])
    await clickLabel(page, `income:${id}`);
  await clickLabel(page, 'tab:services');
  for (const id of ['waste-collection', 'street-cleansing', 'parks', 'environmental-health']) {
    if ((await state(page)).balanced) break;
    const r = await reveal(page, `service:${id}`);
    await page.mouse.click(r.x + 2, r.y + r.height / 2);
    await settle(page);
  }
  return state(page);
}

// A phone (360 x 740, touch) on the app, ready; `ratio` is its devicePixelRatio.
async function openPhone(query, ratio = 1) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: ratio, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${server.base}/${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  return { context, page };
}


test('WebGL2 exists in this browser', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/`);
  assert.equal(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2')), true);
  await page.close();
});

for (const budget of ['northmoor-county-2026', 'eastbrook-district-2026', 'bro-tegid-2026']) {
  for (const [name, size, mode] of [['phone', { width: 360, height: 740 }, ''], ['desktop', { width: 1366, height: 768 }, ''],
                                    ['projector', { width: 1920, height: 1080 }, '&mode=projector']]) {
    test(`${budget} at ${name}: welcome, then the simulator`, async () => {
      const page = await open(size, `?budget=${budget}${mode}`);
      let state = await page.evaluate(() => window.budgetApp.state());
      assert.equal(state.budget, budget);
      assert.equal(state.screen, 'welcome');
      await page.screenshot({ path: join(shots, `${budget}-${name}-welcome.png`) });
      await clickLabel(page, 'Start');
      state = await page.evaluate(() => window.budgetApp.state());
      assert.equal(state.screen, 'simulator');
      await page.screenshot({ path: join(shots, `${budget}-${name}-simulator.png`) });
      await page.close();
    });
  }
}

test('a slider moved with the mouse changes the budget, and undo restores it', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  await clickLabel(page, 'Start');
  await clickLabel(page, 'tab:services');  // the simulator opens on its overview
  const before = await page.evaluate(() => window.budgetApp.state());
  const r = await page.evaluate(() => window.budgetApp.rect('service:waste-collection'));
  await page.mouse.click(r.x + r.width * 0.05, r.y + r.height / 2);  // near the left: a deep cut
  await settle(page);
  const after = await page.evaluate(() => window.budgetApp.state());
  assert.ok(after.services_bp['waste-collection'] < 0, JSON.stringify(after.services_bp));
  assert.ok(after.remaining_gap_pence < before.remaining_gap_pence);
  await clickLabel(page, 'Undo');
  const undone = await page.evaluate(() => window.budgetApp.state());
  assert.equal(undone.services_bp['waste-collection'], 0);
  await page.close();
});

test('no frames are drawn while idle', async () => {
  const page = await open({ width: 1366, height: 768 });
  await page.waitForTimeout(300);
  const start = await page.evaluate(() => window.budgetApp.state().frames_drawn);
  await page.waitForTimeout(2000);
  const end = await page.evaluate(() => window.budgetApp.state().frames_drawn);
  assert.equal(end - start, 0);
  await page.close();
});

test('Welsh: ?lang=cy shows the Welsh budget', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=bro-tegid-2026&lang=cy');
  assert.equal((await page.evaluate(() => window.budgetApp.state())).language, 'cy');
  assert.match(await page.evaluate(() => document.getElementById('a11y-mirror').textContent), /Dechrau/);  // the app's own words too
  await page.screenshot({ path: join(shots, 'bro-tegid-2026-cy-welcome.png') });
  await page.close();
});

// The Welsh words (po/cy.po) come only to a page that asks for them: with ?lang=cy, or when the
// resident chooses Cymraeg; a failed download is said in both languages and can be tried again.
test('Welsh words are downloaded only when chosen, and a failed download can be tried again', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/po/')) asked.push(r.url()); });
  let failing = true;
  await page.route('**/po/cy.po', (route) => (failing ? route.abort() : route.continue()));
  await page.goto(`${server.base}/?budget=bro-tegid-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  assert.deepEqual(asked, [], 'an English page downloads no Welsh');
  const words = () => page.evaluate(() => document.getElementById('a11y-mirror')?.textContent || '');
  await clickLabel(page, 'Language');
  await page.waitForFunction(() => /could not be downloaded/.test(document.getElementById('a11y-mirror')?.textContent || ''));
  assert.equal((await state(page)).language, 'en');
  assert.match(await words(), /Welsh could not be downloaded: check your connection and try again\. \/ Nid oedd modd llwytho'r Gymraeg i lawr/);
  failing = false;
  await clickLabel(page, 'Language');
  await page.waitForFunction(() => window.budgetApp.state().language === 'cy');
  await settle(page);
  assert.equal(asked.length, 2);
  assert.match(await words(), /Dechrau/);
  assert.doesNotMatch(await words(), /could not be downloaded|Loading Welsh/);
  await clickLabel(page, 'Language');  // back to English at once, and to Welsh again with no download
  assert.equal((await state(page)).language, 'en');
  await clickLabel(page, 'Language');
  assert.equal((await state(page)).language, 'cy');
  assert.equal(asked.length, 2);
  await context.close();
});

test('reach a balanced budget, send it, and the server stores a document the core validates', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const balanced = await balanceDistrict(page);
  assert.equal(balanced.balanced, true, JSON.stringify(balanced));
  assert.equal(balanced.efficiencies.length, 6);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-balanced.png') });
  await clickLabel(page, 'Review');
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-review.png') });
  await clickLabel(page, 'Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  const sent = await state(page);
  assert.match(sent.submission_id, /^s-[0-9a-f-]{36}$/);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-confirmation.png') });
  await page.setViewportSize({ width: 360, height: 740 });  // the same screen on a phone: the link wraps
  await settle(page);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-phone-confirmation.png') });
  const link = await page.evaluate(() => window.budgetApp.rect('Link'));
  assert.ok(link.x >= 0 && link.x + link.width <= 360, JSON.stringify(link));
  // A short reference to quote, what was sent (with its money), and "copied" after copying.
  const words = (key) => page.evaluate((k) => document.querySelector(`[data-key="${k}"]`)?.textContent, key);
  const hex = sent.submission_id.slice(2, 10).toUpperCase();
  assert.match(await words('Reference'), new RegExp(`${hex.slice(0, 4)}-${hex.slice(4)}`));
  assert.match(await page.evaluate(() => document.getElementById('a11y-mirror').textContent), /What you sent.*How the gap closes.*(Surplus|Gap remaining)/s);
  await clickLabel(page, 'Copy link');
  assert.equal(await words('Copy link'), 'Copied');
  assert.equal(await words('Copied'), 'The link has been copied.');
  sharedLink = await words('Link');
  const jsonl = (await officer(server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text.trim().split('\n');
  const stored = jsonl.filter((l) => l.includes(sent.submission_id));
  assert.equal(stored.length, 1);
  const file = join(root, 'build', 'screenshots', 'received.json');
  writeFileSync(file, stored[0]);
  const check = execFileSync(toolBin, ['check-submission', join(root, 'budgets', 'eastbrook-district-2026.json'), file]).toString();
  assert.match(check, /ok/);
  await page.close();
});

test('a shared link opens on a page that says so, and starts from those choices or from the council\'s budget', async () => {
  assert.ok(sharedLink, 'the send test made a link');
  const sentChoices = new URL(sharedLink).searchParams.get('choices');
  for (const [button, theirs] of [['Start shared', true], ['Start', false]]) {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(sharedLink.replace(/^https?:\/\/[^/]+/, server.base));
    await page.evaluate(() => window.budgetApp.ready);
    await settle(page);
    assert.match(await page.evaluate(() => document.getElementById('a11y-mirror').textContent), /Someone shared their budget with you/);
    assert.equal((await state(page)).screen, 'welcome');
    await page.screenshot({ path: join(shots, `eastbrook-district-2026-phone-shared-${theirs ? 'theirs' : 'council'}.png`) });
    await clickLabel(page, button);
    const st = await state(page);
    assert.equal(st.screen, 'simulator');
    assert.equal(st.balanced, theirs, `${button}: ${JSON.stringify(st.services_bp)}`);
    await page.close();
  }
  assert.ok(sentChoices.length > 0);
});

test('the overview\'s figures are the core\'s: the same as budget-tool simulate for the same choices, on every example budget', async () => {
  for (const budget of ['northmoor-county-2026', 'eastbrook-district-2026', 'bro-tegid-2026']) {
    const page = await open({ width: 1366, height: 768 }, `?budget=${budget}`);
    await clickLabel(page, 'Start');
    await clickLabel(page, 'tab:savings');
    const firstSaving = Object.keys((await state(page)).items).find((k) => k.startsWith('saving:'));
    await clickLabel(page, firstSaving);
    await clickLabel(page, 'tab:income');
    const firstIncome = Object.keys((await state(page)).items).find((k) => k.startsWith('income:'));
    await clickLabel(page, firstIncome);
    const tax = await reveal(page, 'council-tax');
    await page.mouse.click(tax.x + tax.width * 0.8, tax.y + tax.height / 2);
    await settle(page);
    await clickLabel(page, 'tab:services');
    const firstService = Object.keys((await state(page)).items).find((k) => k.startsWith('service:'));
    const r = await reveal(page, firstService);
    await page.mouse.click(r.x + 3, r.y + r.height / 2);
    await settle(page);
    await clickLabel(page, 'tab:overview');
    await page.screenshot({ path: join(shots, `${budget}-desktop-overview.png`) });
    const st = await state(page);
    const choices = { services: st.services_bp, efficiencies: st.efficiencies, income: st.income, council_tax_bp: st.council_tax_bp };
    const file = join(root, 'build', 'screenshots', `${budget}-choices.json`);
    writeFileSync(file, JSON.stringify({ choices }));
    const sim = JSON.parse(execFileSync(toolBin, ['simulate', join(root, 'budgets', `${budget}.json`), file]).toString());
    assert.equal(st.overview.net_budget_pence, sim.overview.net_budget_pence, budget);
    assert.equal(st.overview.per_resident_pence, sim.overview.per_resident_pence, budget);
    assert.equal(st.overview.per_band_d_pence, sim.overview.per_band_d_pence, budget);
    assert.equal(st.overview.council_tax_pence, sim.overview.council_tax_pence, budget);
    assert.deepEqual(st.overview.groups_pence, sim.overview.groups.map((g) => g.spend_pence), budget);
    assert.equal(st.remaining_gap_pence, sim.totals.remaining_gap_pence, budget);
    // What is shown says the same, in pounds.
    const pounds = (p) => '£' + (p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const text = await page.evaluate(() => document.getElementById('a11y-mirror').textContent);
    assert.ok(text.includes(pounds(sim.overview.per_resident_pence)), `${budget}: ${pounds(sim.overview.per_resident_pence)} not shown`);
    assert.ok(text.includes(pounds(sim.overview.per_band_d_pence)), `${budget}: ${pounds(sim.overview.per_band_d_pence)} not shown`);
    assert.ok(text.includes(pounds(sim.council_tax.bills_pence.D)), `${budget}: the Band D bill is not shown`);
    await page.close();
  }
});

test('offline: the submission waits, survives a reload, and is delivered exactly once', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await balanceDistrict(page);
  await clickLabel(page, 'Review');
  await context.setOffline(true);
  await clickLabel(page, 'Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'waiting');
  const id = (await state(page)).submission_id;
  assert.deepEqual(await page.evaluate(() => window.budgetApp.outbox()), [id]);
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-desktop-waiting.png') });
  await context.setOffline(false);
  await page.reload();
  await page.evaluate(() => window.budgetApp.ready);
  await page.waitForFunction(() => window.budgetApp.outbox().length === 0, null, { timeout: 15000 });
  // The reload kept the resident's choices too.
  assert.equal((await state(page)).balanced, true);
  const jsonl = (await officer(server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text;
  assert.equal(jsonl.split('\n').filter((l) => l.includes(id)).length, 1);
  await context.close();
});

test('annual report and projector mode', async () => {
  for (const [name, size, query] of [['desktop', { width: 1366, height: 768 }, ''], ['projector', { width: 1920, height: 1080 }, '&mode=projector'],
                                     ['phone', { width: 360, height: 740 }, '']]) {
    const page = await open(size, `?budget=northmoor-county-2026${query}`);
    await page.screenshot({ path: join(shots, `northmoor-county-2026-${name}-welcome-mode.png`) });
    await clickLabel(page, 'Start');
    if (name === 'projector') await page.screenshot({ path: join(shots, 'northmoor-county-2026-projector-simulator.png') });
    if (name === 'phone') await clickLabel(page, 'Summary');  // a phone keeps it in the summary
    await clickLabel(page, 'Annual report');
    assert.equal((await state(page)).screen, 'annual_report');
    // Each chart's scale is said (and drawn), and each comparison says which way is better.
    const text = await page.evaluate(() => document.getElementById('a11y-mirror').textContent);
    assert.match(text, /The chart's scale runs from [^.]+ to /);
    assert.match(text, /This council is (better|worse) than (three quarters|half) of similar councils/);
    assert.doesNotMatch(text, /in the (best|second|third|worst) quarter/);
    await page.screenshot({ path: join(shots, `northmoor-county-2026-${name}-annual-report.png`) });
    await page.close();
  }
});

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
  // The page may always be zoomed: no viewport lock, and the canvas leaves pinching to the browser.
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
    const stored = (await officer(server.base, budget, 'submissions.jsonl')).text.split('\n').filter((l) => l.includes(sent.submission_id));
    assert.equal(stored.length, 1, `${budget}: stored once`);
    await context.close();
  });
}

test('the council\'s logo is a real image over the canvas, with words', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const logo = await page.evaluate(() => {
    const img = document.querySelector('[data-key="logo"]');
    return img && { tag: img.tagName, alt: img.alt, loaded: img.complete && img.naturalWidth > 0, opacity: getComputedStyle(img).opacity };
  });
  assert.deepEqual(logo, { tag: 'IMG', alt: 'Eastbrook District Council logo', loaded: true, opacity: '1' });
  await page.close();
});


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
  const stored = (await officer(server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text.split('\n').filter((l) => l.includes(sent.submission_id));
  assert.equal(stored.length, 1);
  assert.equal(JSON.parse(stored[0]).comments.overall, 'Sent by keyboard alone.');
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

test('a comment box is a real text area over the canvas: it wraps at words, takes typing, paste and undo, and counts down near the limit', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  await clickLabel(page, 'Start');
  await clickLabel(page, 'Review');
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
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const fonts = [];
  page.on('request', (r) => { if (r.url().includes('/fonts/')) fonts.push(r.url().split('/').pop()); });
  await page.goto(`${server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  const mainGlyphs = (await state(page)).font_glyphs;
  await clickLabel(page, 'Start');
  await clickLabel(page, 'Review');
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

test('the shadowed GL state the renderer reads back matches what WebGL really holds', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=northmoor-county-2026');
  await clickLabel(page, 'Start');
  await clickLabel(page, 'tab:savings');
  const seen = await page.evaluate(() => {
    const gl = document.getElementById('canvas').getContext('webgl2');  // the app's own context
    const real = WebGL2RenderingContext.prototype.getParameter;
    return ['SCISSOR_BOX', 'BLEND_SRC_RGB', 'BLEND_DST_RGB', 'BLEND_SRC_ALPHA', 'BLEND_DST_ALPHA', 'BLEND_EQUATION_RGB',
            'BLEND_EQUATION_ALPHA'].map((name) => [name, String(gl.getParameter(gl[name])), String(real.call(gl, gl[name]))]);
  });
  for (const [name, shadow, actual] of seen) assert.equal(shadow, actual, name);
  await page.close();
});

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
  await useMirror(page, 'Consent', 'Space');
  await check('review');
  await page.goto(`${server.base}/consultations.html`);
  await page.waitForFunction(() => !/Loading/.test(document.getElementById('status').textContent));
  await check('consultations');
  await page.close();
});

test('when the program\'s loader cannot be downloaded the page says so, in the resident\'s language', async () => {
  for (const [query, words] of [['', 'The simulator could not be downloaded. Please check your connection and reload the page.'],
                                ['?lang=cy', 'Nid oedd modd llwytho\'r efelychydd i lawr. Gwiriwch eich cysylltiad ac ail-lwythwch y dudalen.']]) {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.route('**/budget-app.js', (route) => route.abort());
    await page.goto(`${server.base}/${query}`);
    await assert.rejects(page.evaluate(() => window.budgetApp.ready), new RegExp(words.replace(/[.?]/g, '\\$&')));
    assert.equal(await page.evaluate(() => document.getElementById('problem').textContent), words);
    assert.equal(await page.evaluate(() => document.getElementById('problem').hidden), false);
    await page.close();
  }
});

test('without WebGL2 the page says so, in the resident\'s language, and links to the consultations', async () => {
  for (const [query, words, link] of [['', 'This browser cannot draw the simulator', 'consultations.html'],
                                      ['?lang=cy', 'Ni all y porwr hwn ddangos yr efelychydd', 'consultations.html?lang=cy']]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript(() => {  // a browser with no WebGL 2
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
    });
    const page = await context.newPage();
    await page.goto(`${server.base}/${query}`);
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
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {  // a browser with no WebGL 2
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=eastbrook-district-2026`);
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
  await act(mirror.getByRole('textbox', { name: 'Anything else you want the council to know' }), (l) => l.fill('Sent without WebGL'));
  assert.equal((await state(page)).overall_comment, 'Sent without WebGL');
  await axeCheck('plain review');
  await act(mirror.getByRole('button', { name: 'Send my budget to the council' }), (l) => l.click());
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  const id = (await state(page)).submission_id;
  const jsonl = (await officer(server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text.trim().split('\n');
  const stored = jsonl.filter((l) => l.includes(id));
  assert.equal(stored.length, 1);
  assert.equal(JSON.parse(stored[0]).comments.overall, 'Sent without WebGL');
  await page.screenshot({ path: join(shots, 'eastbrook-district-2026-plain-confirmation.png'), fullPage: true });
  await context.close();
});

test('the plain-HTML page in Welsh, checked by axe-core too', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/consultations.html?lang=cy`);
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

test('the bare ImGui baseline used by bench_web.mjs starts (so the speed report stays valid)', async () => {
  const bare = await startServer({ extra: ['--site', join(root, 'build', 'web', 'bare')] });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${bare.base}/`);
  await page.evaluate(() => window.bareReady);
  assert.deepEqual(errors, []);
  await page.close();
  await bare.stop();
});

test('hi-DPI: the framebuffer is at devicePixelRatio while layout stays in CSS pixels', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=northmoor-county-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth, c.clientHeight]; });
  assert.deepEqual(size, [1600, 1200, 800, 600]);
  const start = await page.evaluate(() => window.budgetApp.rect('Start'));
  assert.ok(start.width <= 800, `the Start button is laid out in CSS pixels (${start.width})`);
  await page.screenshot({ path: join(shots, 'northmoor-county-2026-dpr2-welcome.png') });
  assert.equal((await state(page)).font_px, 52);  // a 26 CSS px line (19 px em on a desktop) at a ratio of 2
  await context.close();
});

test('browser zoom: a new pixel ratio resizes the framebuffer and rasterises the font again, layout unchanged', async () => {
  const page = await open({ width: 800, height: 600 }, '?budget=northmoor-county-2026');
  assert.equal((await state(page)).font_px, 26);  // a desktop's 19 CSS px em is a 26 px line
  const before = await page.evaluate(() => window.budgetApp.rect('Start'));
  const cdp = await page.context().newCDPSession(page);
  // What zooming an 800 x 600 window to 150% does to a page: the ratio becomes 1.5 and the CSS
  // viewport shrinks to 534 x 400.
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 534, height: 400, deviceScaleFactor: 1.5, mobile: false });
  await page.waitForFunction(() => window.devicePixelRatio === 1.5);
  await settle(page);
  assert.equal((await state(page)).font_px, 37);  // 534 CSS px is a phone's width: an 18 px em, a 25 px line, at 1.5 (ImGui keeps whole pixels)
  const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth, c.clientHeight]; });
  assert.deepEqual(size, [801, 600, 534, 400]);
  const after = await page.evaluate(() => window.budgetApp.rect('Start'));
  assert.equal(after.height, before.height);  // the same size in CSS pixels, so larger on the screen
  assert.ok(after.width <= 534, `the Start button fits the narrower viewport (${after.width})`);
  // Through the protocol: playwright's own screenshot would put its viewport back first.
  const shot = await cdp.send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(shots, 'northmoor-county-2026-zoom150-welcome.png'), Buffer.from(shot.data, 'base64'));
  // The screen really shows the app (a missing font texture once turned every fill black).
  const dark = await page.evaluate(async (png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));  // no fetch: connect-src is the site's own
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(image.width, image.height).getContext('2d');
    c.drawImage(image, 0, 0);
    const px = c.getImageData(0, 0, image.width, image.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 60) n++;
    return n / (px.length / 4);
  }, shot.data);
  assert.ok(dark < 0.2, `${(dark * 100).toFixed(0)}% of the screen is black`);
  await cdp.detach();
  await page.close();
});

test('the focus ring is for the keyboard only, and only a device with a mouse or trackpad hears about keys', async () => {
  const outline = (page) => page.evaluate(() => getComputedStyle(document.getElementById('canvas')).outlineStyle);
  const mirrorText = (page) => page.evaluate(() => document.getElementById('a11y-mirror').textContent);
  for (const [name, options, keys] of [['phone', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }, false],
    ['desktop', { viewport: { width: 1366, height: 768 } }, true]]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.base}/?budget=eastbrook-district-2026`);
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

test('30 cold starts of the phone page (DPR 2, touch): each draws, and the first tap on Start is never lost', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const problems = [];
  for (let run = 0; run < 30; run++) {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`run ${run}: ${e.message}`));
    await page.goto(`${server.base}/?budget=eastbrook-district-2026&run=${run}`);
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

test('every page ran under its Content-Security-Policy with nothing refused', async () => {
  for (const path of ['/', '/consultations.html']) {
    const res = await fetch(`${server.base}${path}`);
    const policy = res.headers.get('content-security-policy');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/, path);
    assert.match(policy, /style-src 'self';/, path);
    assert.match(policy, /frame-ancestors \*$/, path);
    const html = await res.text();
    assert.match(html, /<meta name="description" content="[^"]{40,}">/, path);
    assert.match(html, /<link rel="icon" href="favicon.svg"/, path);
    if (path === '/') assert.match(html, /<meta property="og:title" content="[^"]+">\n<meta property="og:description" content="[^"]{40,}">/);
  }
  const icon = await fetch(`${server.base}/favicon.svg`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.deepEqual(cspViolations, []);
});
