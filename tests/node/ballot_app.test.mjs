// Voting on a ballot in the resident app, in Debian's Chromium against budget-server on 127.0.0.1: on
// a phone by touch, on a desktop by the keyboard alone, through the screen-reader mirror, as a plain
// page without WebGL2, and in Welsh; a choice that breaks the rule is said plainly and cannot be
// sent; a draft survives a reload; each vote sent is stored once and counted; axe on every screen;
// screenshots at phone, desktop and projector sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { appState as state, settle, axe, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { startServer, root } from './server_harness.mjs';

const ID = 'bro-tegid-community-fund-2027';
const shots = join(root, 'build', 'screenshots', 'ballots');
let server, browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site'), '--rate-per-minute', '1000000'] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run'] });
});
after(async () => { await browser?.close(); await server?.stop(); });

async function openBallot(contextOptions, query = '', init = null) {
  const context = await browser.newContext(contextOptions);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=${ID}${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  return { context, page };
}

const results = async () => (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).json();
const approvals = (r, id) => r.areas.flatMap((a) => a.projects).find((p) => p.id === id).approvals;

// The first option of a row of option buttons (a select), by its place: the row's left end.
async function tapFirstOption(page, key) {
  const r = await page.evaluate((k) => window.budgetApp.rect(k), key);
  await page.touchscreen.tap(r.x + 20, r.y + 20);
  await settle(page);
}

test('a phone by touch: area, projects, a fourth refused in plain words, check, send; stored once and counted', async () => {
  const { context, page } = await openBallot({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  let s = await state(page);
  assert.equal(s.kind, 'ballot');
  assert.equal(s.screen, 'ballot');
  assert.equal(s.ballot.problem, 'Choose your area.');
  await page.screenshot({ path: join(shots, 'app-ballot-phone-start.png') });
  await tapFirstOption(page, 'Area');
  s = await state(page);
  assert.equal(s.ballot.area, 'bala');
  assert.equal(s.ballot.budget_pence, 15000000);
  const before = await results();
  // Four projects, scrolled into view by swiping the list: the rule allows three.
  const ids = ['lakeside-path', 'youth-club', 'town-benches', 'play-area'];
  const tapProject = async (id) => {  // a card partly under the bar that stays in view is swiped up first
    for (let i = 0; i < 10 && (await page.evaluate((k) => window.budgetApp.rect(k), `project:${id}`)).clipped; i++)
      await swipe(page, { x: 180, y: 500 }, { x: 180, y: 300 }, { hold: 100 });
    await settle(page);
    await tapLabel(page, `project:${id}`, 0.05);
  };
  for (const id of ids) await tapProject(id);
  s = await state(page);
  assert.deepEqual(s.ballot.chosen, ids);
  assert.equal(s.ballot.problem, 'You have chosen 4: the most you can choose is 3. Remove one to send your vote.');
  await page.screenshot({ path: join(shots, 'app-ballot-phone-too-many.png') });
  await tapLabel(page, 'Review');
  assert.equal((await state(page)).screen, 'ballot', 'Review is refused while the choice breaks the rule');
  await tapProject('play-area');
  s = await state(page);
  assert.equal(s.ballot.problem, '');
  assert.equal(s.ballot.spent_pence, 11525000);
  await page.screenshot({ path: join(shots, 'app-ballot-phone-chosen.png') });
  await tapLabel(page, 'Review');
  assert.equal((await state(page)).screen, 'ballot_review');
  await page.screenshot({ path: join(shots, 'app-ballot-phone-review.png') });
  await axe(page, 'ballot review on a phone');
  await tapLabel(page, 'Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  await settle(page);
  await page.screenshot({ path: join(shots, 'app-ballot-phone-sent.png') });
  await axe(page, 'ballot sent on a phone');
  const after = await results();
  assert.equal(after.votes, before.votes + 1);
  for (const id of ids.slice(0, 3)) assert.equal(approvals(after, id), approvals(before, id) + 1, id);
  assert.equal(approvals(after, 'play-area'), approvals(before, 'play-area'));
  // The outbox is empty: sent once, not again on the next start.
  assert.deepEqual(await page.evaluate(() => window.budgetApp.outbox()), []);
  await context.close();
});

test('a desktop by the keyboard alone: Tab, arrows and Space choose, check and send', async () => {
  const { context, page } = await openBallot({ viewport: { width: 1366, height: 768 } });
  const press = async (...keys) => { for (const k of keys) { await page.keyboard.press(k); await settle(page); } };
  const use = async (target) => { await navigateTo(page, target); await press('Space'); };
  await press('Tab');
  await navigateTo(page, 'Area');
  await press('ArrowRight', 'Space');  // the second area
  assert.equal((await state(page)).ballot.area, 'uplands');
  for (const id of ['defibrillators', 'community-bus']) await use(`project:${id}`);
  const s = await state(page);
  assert.deepEqual(s.ballot.chosen, ['defibrillators', 'community-bus']);
  await page.screenshot({ path: join(shots, 'app-ballot-desktop-keyboard.png') });
  await use('Review');
  assert.equal((await state(page)).screen, 'ballot_review');
  await use('Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  await settle(page);
  await page.screenshot({ path: join(shots, 'app-ballot-desktop-sent.png') });
  await axe(page, 'ballot sent on a desktop');
  await context.close();
});

test('a screen reader works the ballot from the mirror: title, rule, checkboxes with names, the bar in words', async () => {
  const { context, page } = await openBallot({ viewport: { width: 1366, height: 768 } });
  assert.equal(await page.evaluate(() => document.title), 'Choose projects – Community fund 2027: choose the projects');
  let tree = await axTree(page);
  assert.equal(find(tree, 'heading', 'Community fund 2027: choose the projects')?.level, 1);
  assert.ok(find(tree, 'StaticText', 'Choose your area first: each area has its own budget, and you vote for projects in one area. Choose up to 3 projects.'));
  await page.evaluate(() => document.querySelector('#a11y-mirror [role="radio"], #a11y-mirror input[type="radio"]').focus());
  await page.keyboard.press('Space');
  await settle(page);
  assert.equal((await state(page)).ballot.area, 'bala');
  await useMirror(page, 'project:youth-club', 'Space');
  tree = await axTree(page);
  assert.equal(find(tree, 'checkbox', 'Choose Youth club evenings')?.checked, 'true');
  assert.ok(find(tree, 'StaticText', '1 of 3 projects chosen, costing £38,500'));
  await axe(page, 'ballot with the mirror');
  await context.close();
});

test('a draft survives a reload; changing area clears the other area\'s choices', async () => {
  const { context, page } = await openBallot({ viewport: { width: 1280, height: 800 } });
  await clickLabel(page, 'Area');  // the middle of the row: its first option at this width
  const area = (await state(page)).ballot.area;
  assert.ok(area, 'an area is chosen');
  const first = Object.keys((await state(page)).items).find((k) => k.startsWith('project:'));
  await clickLabel(page, first);
  await page.reload();
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  const s = await state(page);
  assert.equal(s.ballot.area, area);
  assert.deepEqual(s.ballot.chosen, [first.slice('project:'.length)]);
  // The other area (the row's right end): its own projects, the first area's choice let go.
  const row = await page.evaluate(() => window.budgetApp.rect('Area'));
  await page.mouse.click(row.x + row.width - 20, row.y + row.height / 2);
  await settle(page);
  const other = await state(page);
  assert.notEqual(other.ballot.area, area);
  assert.deepEqual(other.ballot.chosen, []);
  await context.close();
});

test('Welsh: the rule, the bar and the messages in Welsh, and the projector\'s large type', async () => {
  const { context, page } = await openBallot({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }, '&lang=cy');
  const s = await state(page);
  assert.equal(s.ballot.problem, 'Dewiswch eich ardal.');
  const tree = await axTree(page);
  assert.ok(find(tree, 'StaticText', 'Dewiswch eich ardal yn gyntaf: mae gan bob ardal ei chyllideb ei hun, ac rydych yn pleidleisio dros brosiectau mewn un ardal. Dewiswch hyd at 3 prosiect.'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  await tapFirstOption(page, 'Area');
  await tapLabel(page, 'project:lakeside-path', 0.05);
  await page.screenshot({ path: join(shots, 'app-ballot-phone-cy.png') });
  await axe(page, 'Welsh ballot');
  await context.close();
  const projector = await openBallot({ viewport: { width: 1920, height: 1080 } }, '&mode=projector');
  await clickLabel(projector.page, 'Area');
  await projector.page.screenshot({ path: join(shots, 'app-ballot-projector.png') });
  assert.equal((await state(projector.page)).projector, true);
  await projector.context.close();
});

test('without WebGL2 the ballot is a plain page: choose, check, send, stored; axe finds nothing', async () => {
  const noWebgl2 = () => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  };
  const { context, page } = await openBallot({ viewport: { width: 390, height: 844 } }, '', noWebgl2);
  assert.equal(await page.evaluate(() => document.getElementById('canvas').hidden), true);
  await axe(page, 'plain ballot');
  const mirror = page.locator('#a11y-mirror');
  const act = async (locator, how) => { await how(locator); await settle(page); };
  await act(mirror.getByRole('radio', { name: 'Upland villages (£100,000)' }), (l) => l.check());
  assert.equal((await state(page)).ballot.area, 'uplands');
  const before = await results();
  await act(mirror.getByRole('checkbox', { name: 'Choose Village hall heating' }), (l) => l.check());
  await act(mirror.getByRole('button', { name: 'Check and send your vote' }), (l) => l.click());
  assert.equal((await state(page)).screen, 'ballot_review');
  await axe(page, 'plain ballot review');
  await page.screenshot({ path: join(shots, 'app-ballot-plain-review.png'), fullPage: true });
  await act(mirror.getByRole('button', { name: 'Send my vote' }), (l) => l.click());
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  const after = await results();
  assert.equal(approvals(after, 'village-hall'), approvals(before, 'village-hall') + 1);
  await context.close();
});

// --- Kiosks (?mode=kiosk): three residents on one tablet, the venue's network cut for two of them. ---
const tablet = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true };

async function voteOnKiosk(page, areaAtRight, project) {
  const row = await page.evaluate(() => window.budgetApp.rect('Area'));
  await page.touchscreen.tap(areaAtRight ? row.x + row.width - 20 : row.x + 20, row.y + row.height / 2);
  await settle(page);
  await tapLabel(page, `project:${project}`, 0.05);
  await tapLabel(page, 'Review');
  await tapLabel(page, 'Send');
}

const nothingLeft = (s) => s.screen === 'ballot' && s.ballot.area === '' && s.ballot.chosen.length === 0 && s.submission_id === '' &&
  s.send_state === 'not_sent' && !Object.keys(s.items).some((k) => k.startsWith('vote:') || k === 'Reference');

test('a kiosk session of three residents: each starts clean, and votes cast offline are delivered exactly once', async () => {
  const { context, page } = await openBallot(tablet, '&mode=kiosk&idle=60');
  const before = await results();
  // The first resident votes online and starts the kiosk again for the next.
  await voteOnKiosk(page, false, 'lakeside-path');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  await page.waitForFunction(() => 'Kiosk next' in window.budgetApp.state().items, null, { timeout: 5000 });
  await settle(page);
  await page.screenshot({ path: join(shots, 'app-ballot-kiosk-sent.png') });
  await axe(page, 'kiosk countdown after a vote');
  await tapLabel(page, 'Kiosk next');
  assert.ok(nothingLeft(await state(page)), JSON.stringify((await state(page)).ballot));
  // The network goes. The second resident's vote waits; the kiosk starts again by itself.
  await context.setOffline(true);
  await voteOnKiosk(page, true, 'defibrillators');
  assert.equal((await state(page)).send_state, 'waiting');
  const started = Date.now();
  await page.waitForFunction(() => window.budgetApp.state().screen === 'ballot', null, { timeout: 30000 });
  console.log(`kiosk: started again ${((Date.now() - started) / 1000).toFixed(1)} s after the vote`);
  await settle(page);
  assert.ok(nothingLeft(await state(page)));
  // The third resident, still offline.
  await voteOnKiosk(page, false, 'youth-club');
  assert.equal((await state(page)).send_state, 'waiting');
  await page.waitForFunction(() => 'Kiosk next' in window.budgetApp.state().items, null, { timeout: 5000 });
  await settle(page);
  await tapLabel(page, 'Kiosk next');
  assert.ok(nothingLeft(await state(page)));
  assert.equal((await page.evaluate(() => window.budgetApp.outbox())).length, 2);
  assert.equal((await results()).votes, before.votes + 1);
  // The network comes back: both are delivered, once each, and a reload sends nothing again.
  await context.setOffline(false);
  await page.waitForFunction(() => window.budgetApp.outbox().length === 0, null, { timeout: 15000 });
  await page.reload();
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  assert.ok(nothingLeft(await state(page)));
  const after = await results();
  assert.equal(after.votes, before.votes + 3);
  for (const id of ['lakeside-path', 'defibrillators', 'youth-club']) assert.equal(approvals(after, id), approvals(before, id) + 1, id);
  await context.close();
});

test('a kiosk left alone counts down where it can be seen, keeps going for a resident still there, then clears', async () => {
  const { context, page } = await openBallot(tablet, '&mode=kiosk&idle=20');
  await tapFirstOption(page, 'Area');
  await swipeIntoView(page, 'project:town-benches');
  await tapLabel(page, 'project:town-benches', 0.05);
  await page.waitForFunction(() => 'Kiosk stay' in window.budgetApp.state().items, null, { timeout: 15000 });
  await settle(page);
  const tree = await axTree(page);
  assert.ok(tree.some((n) => n.role === 'StaticText' && /^Are you still there\? This screen starts again for the next person in \d+ seconds/.test(n.name)));
  await page.screenshot({ path: join(shots, 'app-ballot-kiosk-idle.png') });
  await tapLabel(page, 'Kiosk stay');  // still here: the countdown goes, the choice stays
  let s = await state(page);
  assert.ok(!('Kiosk stay' in s.items));
  assert.deepEqual(s.ballot.chosen, ['town-benches']);
  await page.waitForFunction(() => window.budgetApp.state().ballot.chosen.length === 0, null, { timeout: 30000 });
  assert.ok(nothingLeft(await state(page)));
  await page.reload();  // nor is the draft kept for the next person
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  assert.ok(nothingLeft(await state(page)));
  await context.close();
});

test('a budget on a kiosk left alone goes back to its welcome screen with every choice undone', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=eastbrook-district-2026&mode=kiosk&idle=20`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  await clickLabel(page, 'Start');
  await clickLabel(page, 'tab:savings');
  await clickLabel(page, 'saving:office-move');
  assert.deepEqual((await state(page)).efficiencies, ['office-move']);
  await page.waitForFunction(() => window.budgetApp.state().screen === 'welcome', null, { timeout: 30000 });
  const s = await state(page);
  assert.deepEqual(s.efficiencies, []);
  assert.equal(s.undo_steps, 0);
  await context.close();
});
