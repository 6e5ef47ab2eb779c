// The resident app behaving as a web page and a GOV.UK service would, in Debian's Chromium: each
// screen and tab a history entry (Back and Forward, deep links, each tab's own scroll), the keyboard
// as WAI-ARIA expects (arrows move a slider at once, the first focus on the open tab, Reset asks, a
// radio group one Tab stop), "check your answers" with Change links before the one Send, a
// confirmation panel, and words that say what they mean (money with thousands separators, each
// lever's £ change, indicator changes from the figures shown, Welsh without a referendum limit and
// a share link that keeps Welsh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { appState, settle, reveal, clickLabel, navKey, navigateTo, swipe } from './browser_harness.mjs';
import { startServer, budgetsDir, root } from './server_harness.mjs';

const shots = join(root, 'build', 'screenshots', 'journey');
const TEGID = 'tegid-unbalanced-2026';
let server, browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  const budgets = budgetsDir();
  const tegid = JSON.parse(readFileSync(join(root, 'budgets', 'bro-tegid-2026.json'), 'utf8'));
  writeFileSync(join(budgets, `${TEGID}.json`), JSON.stringify({ ...tegid, id: TEGID, balance_rule: 'may_be_unbalanced' }));
  server = await startServer({ budgets, extra: ['--site', join(root, 'build', 'web', 'site'), '--rate-per-minute', '1000000'] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'] });
});
after(async () => { await browser?.close(); await server?.stop(); });

const DESKTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

async function open(device, query) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  await page.goto(`${server.base}/${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  return { context, page };
}
const words = (page, key) => page.evaluate((k) => {
  const el = document.querySelector(`[data-key="${k}"]`);
  return el?.getAttribute('aria-valuetext') ?? el?.textContent;
}, key);
const mirrorText = (page) => page.evaluate(() => document.getElementById('a11y-mirror').textContent);
const where = async (page) => { const s = await appState(page); return `${s.screen} ${new URL(page.url()).hash}`; };
const press = async (page, ...keys) => { for (const k of keys) { await page.keyboard.press(k); await settle(page); } };

test('Back and Forward move between screens and tabs inside the app and keep the choices; a fragment opens its screen', async () => {
  const { context, page } = await open(DESKTOP, '?budget=northmoor-county-2026');
  assert.equal(await where(page), 'welcome #welcome');
  await clickLabel(page, 'Start');
  assert.equal(await where(page), 'simulator #overview', 'the simulator opens on its overview');
  await clickLabel(page, 'tab:services');
  const r = await reveal(page, 'service:older-people-care');
  await page.mouse.click(r.x + r.width * 0.8, r.y + r.height / 2);
  await settle(page);
  const chosen = (await appState(page)).services_bp;
  await clickLabel(page, 'Annual report');
  assert.equal(await where(page), 'annual_report #report');
  await page.goBack();
  await settle(page);
  assert.equal(await where(page), 'simulator #services', 'Back from the report stays in the app');
  await page.goBack();
  await settle(page);
  assert.equal(await where(page), 'simulator #overview');
  await page.goForward();
  await settle(page);
  assert.equal(await where(page), 'simulator #services');
  assert.deepEqual((await appState(page)).services_bp, chosen, 'the choices are kept');
  // Nothing to confirm before sending: a made-up fragment leaves the resident where they are.
  await page.evaluate(() => { location.hash = '#sent'; });
  await settle(page);
  assert.equal(await where(page), 'simulator #services');
  await context.close();
  for (const [fragment, screen] of [['report', 'annual_report'], ['income', 'simulator'], ['review', 'review']]) {
    const deep = await open(DESKTOP, `?budget=northmoor-county-2026#${fragment}`);
    assert.equal(await where(deep.page), `${screen} #${fragment}`);
    await deep.context.close();
  }
});

test('each tab keeps its own scroll position', async () => {
  const { context, page } = await open(PHONE, '?budget=northmoor-county-2026');
  await clickLabel(page, 'Start');
  await clickLabel(page, 'tab:services');
  const first = await page.evaluate(() => window.budgetApp.rect('service:older-people-care'));
  await swipe(page, { x: 20, y: 700 }, { x: 20, y: 400 }, { ms: 300, hold: 150 });
  await settle(page);
  const scrolled = await page.evaluate(() => window.budgetApp.rect('service:older-people-care'));
  assert.ok(scrolled.y < first.y - 200, `the list scrolled (${first.y} to ${scrolled.y})`);
  await clickLabel(page, 'tab:savings');
  await clickLabel(page, 'tab:services');
  assert.equal((await page.evaluate(() => window.budgetApp.rect('service:older-people-care'))).y, scrolled.y);
  await context.close();
});

test('keyboard: the first focus is the open tab, arrows move a slider at once, a radio group is one Tab stop, and Reset asks first', async () => {
  const { context, page } = await open(DESKTOP, '?budget=eastbrook-district-2026');
  await press(page, 'Tab', 'Space');
  assert.equal((await appState(page)).screen, 'simulator');
  assert.equal(await navKey(page), 'tab:overview', 'the keyboard starts on the open tab, not on Reset');
  // A radio group (the council tax band) is one Tab stop; the arrows move inside it.
  const stops = [];
  for (let i = 0; i < 30; i++) { await press(page, 'Tab'); stops.push(await navKey(page)); }
  // Tab goes round the screen: the band's eight options are one stop each time round, never eight in a row.
  assert.ok(stops.includes('band'), stops.join(' '));
  assert.ok(stops.every((k, i) => !(k === 'band' && stops[i + 1] === 'band')), stops.join(' '));
  const tabTo = async (key) => {
    for (let i = 0; i < 40 && (await navKey(page)) !== key; i++) await press(page, 'Tab');
    assert.equal(await navKey(page), key);
  };
  await tabTo('band');
  await press(page, 'ArrowRight', 'Space');
  assert.equal((await appState(page)).receipt_band, 'E');
  await page.screenshot({ path: join(shots, 'keyboard-band.png') });
  // A slider moves with the arrow keys as soon as the keyboard is on it.
  await tabTo('tab:services');
  await press(page, 'Space');
  await navigateTo(page, 'service:waste-collection');
  await press(page, 'ArrowLeft', 'ArrowLeft');
  assert.equal((await appState(page)).services_bp['waste-collection'], -200);
  await press(page, 'ArrowRight');
  assert.equal((await appState(page)).services_bp['waste-collection'], -100);
  await page.screenshot({ path: join(shots, 'keyboard-slider-focus.png') });
  // Reset asks; No keeps every change, Yes clears them.
  await clickLabel(page, 'Reset');
  assert.match(await words(page, 'Reset question'), /Every change you made will be cleared/);
  assert.equal((await appState(page)).services_bp['waste-collection'], -100);
  await page.screenshot({ path: join(shots, 'reset-question.png') });
  await clickLabel(page, 'Reset no');
  assert.equal((await appState(page)).services_bp['waste-collection'], -100);
  await clickLabel(page, 'Reset');
  await clickLabel(page, 'Reset yes');
  assert.equal((await appState(page)).services_bp['waste-collection'], 0);
  await context.close();
});

test('check your answers: each choice with a Change link, the privacy notice and questions before the one Send, then a confirmation panel', async () => {
  const { context, page } = await open(PHONE, '?budget=eastbrook-district-2026');
  await clickLabel(page, 'Start');
  // Words that say what they mean: thousands separators, each lever's money as it moves.
  await clickLabel(page, 'tab:services');
  const r = await reveal(page, 'service:waste-collection');
  await page.touchscreen.tap(r.x + 4, r.y + r.height / 2);
  await settle(page);
  const lever = await words(page, 'service:waste-collection');
  assert.match(lever, /^-\d+% = -£[\d,.]+[mk] a year \(£[\d,.]+[mk]\)$/, lever);
  await clickLabel(page, 'Summary');
  const shown = (await mirrorText(page)).match(/(Red|Amber|Green): [^()]+ to [^()]+ \(([^)]*)\)/g) || [];
  assert.ok(shown.length > 0, 'some indicator moved');
  for (const line of shown) assert.match(line, /\((about the same|[+-][\d.,£]+[^,]*, (better|worse))\)$/, line);
  await clickLabel(page, 'Summary');
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
  const st = await appState(page);
  assert.equal(st.screen, 'review');
  assert.match(await words(page, 'answer:services'), /^-\d+% Bin collections \(-£[\d,.]+[mk] a year\)$/);
  assert.equal(await words(page, 'answer:savings'), 'None chosen');
  for (const k of ['change:services', 'change:savings', 'change:income', 'change:council-tax']) assert.ok(k in st.items, k);
  const names = await page.evaluate(() => [...document.querySelectorAll('[data-key^="change:"]')].map((b) => b.textContent));
  assert.deepEqual(names, ['Change Services', 'Change Savings', 'Change Fees, charges and other income', 'Change Council tax', 'Change How are we doing?']);
  await page.screenshot({ path: join(shots, 'phone-check-answers.png') });
  await clickLabel(page, 'change:savings');
  assert.equal(await where(page), 'simulator #savings');
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
  // The privacy notice and the questions come before Send, which is the last control.
  await clickLabel(page, 'Consent');
  const order = await page.evaluate(() => [...document.querySelectorAll('#a11y-mirror [data-key]')].map((e) => e.dataset.key));
  const at = (k) => order.indexOf(k);
  assert.ok(at('Privacy notice') > at('comment:overall') && at('Consent') > at('Privacy notice'));
  assert.ok(order.filter((k) => k.startsWith('demographic:')).every((k) => at(k) < at('Send')));
  assert.equal(order.filter((k) => k === 'Send').length, 1);
  assert.match(await words(page, 'Problem'), /^The council must set a balanced budget/);
  assert.ok(at('Problem') < at('Send'));
  await context.close();
});

test('Welsh: no referendum limit where Wales has none; the confirmation panel; the share link keeps Welsh', async () => {
  const { context, page } = await open(PHONE, `?budget=${TEGID}&lang=cy`);
  const welcome = await mirrorText(page);
  assert.ok(!welcome.includes('terfyn cyfreithiol'), 'Wales has no referendum limit');
  assert.ok(welcome.includes('a gosodwch y dreth gyngor. Fe welwch'));
  await clickLabel(page, 'Start');
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
  await clickLabel(page, 'Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  await settle(page);
  assert.equal(await where(page), 'confirmation #sent');
  assert.match(await mirrorText(page), /Cyllideb wedi'i hanfon/);
  assert.match(await words(page, 'Reference'), /^Eich cyfeirnod: [0-9A-F]{4}-[0-9A-F]{4}$/);
  const link = new URL(await words(page, 'Link'));
  assert.equal(link.searchParams.get('lang'), 'cy');
  assert.equal(link.searchParams.get('budget'), TEGID);
  await page.screenshot({ path: join(shots, 'phone-confirmation-cy.png') });
  await context.close();
});

test('the overview says a county\'s budget with thousands separators', async () => {
  const { context, page } = await open(DESKTOP, '?budget=northmoor-county-2026');
  await clickLabel(page, 'Start');
  assert.match(await mirrorText(page), /net budget: £1,296\.7m/);
  await page.screenshot({ path: join(shots, 'desktop-overview.png') });
  await context.close();
});
