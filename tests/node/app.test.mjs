// The resident app in Debian's Chromium (headless, SwiftShader WebGL2), driven by playwright-core
// against budget-server on 127.0.0.1: WebGL2 first, then screens at phone, desktop and projector
// sizes, sending, sharing, offline, the annual report, pixel ratios and the page's headers.
// The app's other suites: app_touch, app_keyboard, app_text, app_access (they run side by side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { settle, reveal, tapLabel, clickLabel, swipe, swipeIntoView, navKey, navigateTo, axTree, find, useMirror } from './browser_harness.mjs';
import { startServer, root, officer, toolBin, sample, post } from './server_harness.mjs';
import { app, useApp, open, openPhone, balanceDistrict, shots, axeSource, state } from './app_harness.mjs';

useApp();
let sharedLink = '';  // made by the send test, opened by the shared-link test

test('WebGL2 exists in this browser', async () => {
  const page = await app.browser.newPage();
  await page.goto(`${app.server.base}/`);
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

test('a frame that would paint the same pixels is not painted again; one that changes is', async () => {
  const page = await open({ width: 1366, height: 768 });
  const counts = () => page.evaluate(() => { const s = window.budgetApp.state(); return { built: s.frames_drawn, painted: s.frames_painted }; });
  const before = await counts();
  for (let i = 0; i < 5; i++) await page.mouse.move(1360 - i, 760);  // a corner with nothing to hover
  await settle(page);
  const moved = await counts();
  assert.ok(moved.built > before.built, 'the pointer moving builds frames');
  assert.equal(moved.painted, before.painted, 'but none is painted: nothing on the canvas changed');
  await clickLabel(page, 'Start');
  const started = await counts();
  assert.ok(started.painted > moved.painted, 'a new screen is painted');
  assert.ok(started.painted < started.built, `${started.painted} painted of ${started.built} built`);
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
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/po/')) asked.push(r.url()); });
  let failing = true;
  await page.route('**/po/cy.po', (route) => (failing ? route.abort() : route.continue()));
  await page.goto(`${app.server.base}/?budget=bro-tegid-2026`);
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
  await clickLabel(page, 'Skip ratings');
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
  const jsonl = (await officer(app.server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text.trim().split('\n');
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
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(sharedLink.replace(/^https?:\/\/[^/]+/, app.server.base));
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
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${app.server.base}/?budget=eastbrook-district-2026`);
  await page.evaluate(() => window.budgetApp.ready);
  await balanceDistrict(page);
  await clickLabel(page, 'Review');
  await clickLabel(page, 'Skip ratings');
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
  const jsonl = (await officer(app.server.base, 'eastbrook-district-2026', 'submissions.jsonl')).text;
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

test('the annual report screen shows the council\'s figures, warning signs and residents\' ratings as the report page words them, in both languages', async () => {
  // Twelve residents rate adult care (eight satisfied); nobody rates children's services (no share yet).
  for (const [i, line] of sample('northmoor-county-2026.json', 12, 555).entries()) {
    const doc = { ...JSON.parse(line), ratings: { services: { adults: i < 8 ? 'very_satisfied' : 'fairly_dissatisfied' } } };
    assert.equal((await post(app.server.base, JSON.stringify(doc))).status, 201);
  }
  for (let i = 0; i < 50 && (await (await fetch(`${app.server.base}/api/v1/budgets/northmoor-county-2026/results`)).json()).count !== 12; i++)
    await new Promise((r) => setTimeout(r, 100));
  for (const lang of ['en', 'cy']) {
    // The page's signs and "at a glance" rows, as a reader sees them.
    const html = await (await fetch(`${app.server.base}/report/northmoor-county${lang === 'cy' ? '?lang=cy' : ''}`)).text();
    const plain = (h) => h.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
    const signs = [...html.matchAll(/<li class="sign [^"]*" id="sign-[^"]+">\s*<h3>[\s\S]*?<\/h3>\s*<p>([^<]+)<\/p>/g)].map((m) => plain(m[1]));
    const glance = html.slice(html.indexOf('<table class="glance">'), html.indexOf('</table>', html.indexOf('<table class="glance">')));
    const rows = [...glance.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => plain(m[1]));
    assert.ok(signs.length >= 3, `the illustrative county has signs on its page: ${signs.length}`);
    assert.ok(rows.length >= 6, `and figures at a glance: ${rows.length}`);

    const page = await open({ width: 1366, height: 768 }, `?budget=northmoor-county-2026${lang === 'cy' ? '&lang=cy' : ''}`);
    await clickLabel(page, 'Start');
    await clickLabel(page, 'Annual report');
    const text = (await page.evaluate(() => document.getElementById('a11y-mirror').textContent)).replace(/\s+/g, ' ');
    for (const words of signs) assert.ok(text.includes(words), `the app says, as the page does: ${words}`);
    for (const row of rows) assert.ok(text.includes(row), `the app has the row ${row}`);
    // Residents' share beside the council's own rating, in the page's words: a share for adult care, none yet for children.
    const residents = [...html.matchAll(/<div class="rated-group">\s*<h3>[^<]*<\/h3>\s*<p>([\s\S]*?)<\/p>/g)].map((m) => plain(m[1]));
    assert.equal(residents.length, 6);
    assert.match(residents[0], lang === 'cy' ? /^Trigolion: 67% yn fodlon/ : /^Residents: 67% satisfied \(95% range 39% to 86%; residents who rated it: 12\)$/);
    for (const words of residents.slice(0, 5)) assert.ok(text.includes(words), `the app says, as the page does: ${words}`);
    // Each compared indicator beside its similar councils, in the page's words (the core's, translated).
    const beside = [...html.matchAll(/<p id="neighbours-\d+">([\s\S]*?)<\/p>/g)].map((m) => plain(m[1]));
    assert.equal(beside.length, 5);
    for (const words of beside) assert.ok(text.includes(words), `the app says, as the page does: ${words}`);
    assert.ok(text.includes(lang === 'cy' ? 'Arwyddion rhybudd' : 'Warning signs'));
    // The full report opens in a new tab, in the resident's language.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), clickLabel(page, 'FullReport')]);
    await tab.waitForLoadState();
    assert.equal(new URL(tab.url()).pathname + new URL(tab.url()).search, `/report/northmoor-county${lang === 'cy' ? '?lang=cy' : ''}`);
    await page.screenshot({ path: join(shots, `northmoor-county-2026-annual-report-signs-${lang}.png`), fullPage: true });
    await tab.close();
    await page.close();
  }
});

test('on a phone by touch alone: the annual report\'s warning signs swiped through, and the full report opened by a tap', async () => {
  const { context, page } = await openPhone('?budget=northmoor-county-2026');
  await tapLabel(page, 'Start');
  await tapLabel(page, 'Summary');
  await tapLabel(page, 'Annual report');
  assert.equal((await state(page)).screen, 'annual_report');
  await swipeIntoView(page, 'sign:reserves.falling');
  await page.screenshot({ path: join(shots, 'northmoor-county-2026-phone-annual-report-signs.png') });
  // The button is named to the page only once it is drawn, so swipe on down the report until it is.
  for (let i = 0; i < 40 && !(await page.evaluate(() => window.budgetApp.rect('FullReport'))); i++) {
    await swipe(page, { x: 20, y: 560 }, { x: 20, y: 260 }, { ms: 300, hold: 150 });
    await settle(page);
  }
  await swipeIntoView(page, 'FullReport');
  await page.screenshot({ path: join(shots, 'northmoor-county-2026-phone-annual-report-end.png') });
  const [tab] = await Promise.all([context.waitForEvent('page'), tapLabel(page, 'FullReport')]);  // tapLabel checks 44 px
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).pathname, '/report/northmoor-county');
  await context.close();
});

// "£12.21" from the tool's exact decimal "12.21" or "11.1".
const pounds = (decimal) => {
  const [whole, part = ''] = decimal.split('.');
  assert.ok(part.length <= 2, decimal);
  return `£${whole}.${(part + '00').slice(0, 2)}`;
};

test('on a phone by touch alone: the cost a resident beside a service lever, and an indicator beside its named similar councils', async () => {
  const budgets = join(root, 'budgets');
  const bench = JSON.parse(execFileSync(toolBin, ['benchmark', join(budgets, 'councils', 'northmoor-county.json'),
                                                  join(budgets, 'northmoor-county-2026.json')]).toString());
  const profile = JSON.parse(readFileSync(join(budgets, 'councils', 'northmoor-county.json'), 'utf8'));
  const mirrorText = (page, key) => page.evaluate((k) => document.getElementById('m-' + k)?.textContent, key);
  const { context, page } = await openPhone('?budget=northmoor-county-2026');
  await tapLabel(page, 'Start');
  await tapLabel(page, 'tab:services');
  const libraries = bench.services.find((x) => x.id === 'libraries');
  await swipeIntoView(page, 'cost:libraries');
  assert.equal(await mirrorText(page, 'cost:libraries'),
               `${pounds(libraries.per_resident)} a resident; similar councils ${pounds(libraries.median)} (${libraries.year})`);
  await page.screenshot({ path: join(shots, 'northmoor-county-2026-phone-lever-cost.png') });

  await tapLabel(page, 'Summary');
  await tapLabel(page, 'Annual report');
  const satisfaction = bench.indicators.find((x) => x.id === 'satisfaction');
  await swipeIntoView(page, 'similar:satisfaction');
  const words = await mirrorText(page, 'similar:satisfaction');
  assert.ok(words.includes(`: ${satisfaction.words}. This council: 56% (${satisfaction.own_year}); their median: 59% (${satisfaction.year}).`), words);
  assert.doesNotMatch(words, /\b(rank|ranked|league|position)\b/i);
  await tapLabel(page, 'similar-figures:satisfaction');
  const figures = profile.neighbours.indicators.satisfaction;
  for (const [i, name] of profile.neighbours.councils.entries()) {
    const v = figures.values[i];
    assert.equal(await mirrorText(page, `similar-council:satisfaction:${i}`), `${name}: ${v === null ? 'not published' : `${v}%`} (${figures.year})`);
  }
  await swipeIntoView(page, 'similar-council:satisfaction:7');
  await page.screenshot({ path: join(shots, 'northmoor-county-2026-phone-similar-councils.png') });
  await context.close();
});

test('the council\'s logo is a real image over the canvas, with words', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  const logo = await page.evaluate(() => {
    const img = document.querySelector('[data-key="logo"]');
    return img && { tag: img.tagName, alt: img.alt, loaded: img.complete && img.naturalWidth > 0, opacity: getComputedStyle(img).opacity };
  });
  assert.deepEqual(logo, { tag: 'IMG', alt: 'Eastbrook District Council logo', loaded: true, opacity: '1' });
  await page.close();
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

test('the bare ImGui baseline used by bench_web.mjs starts (so the speed report stays valid)', async () => {
  const bare = await startServer({ extra: ['--site', join(root, 'build', 'web', 'bare')] });
  const page = await app.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${bare.base}/`);
  await page.evaluate(() => window.bareReady);
  assert.deepEqual(errors, []);
  await page.close();
  await bare.stop();
});

test('hi-DPI: the framebuffer is at devicePixelRatio while layout stays in CSS pixels', async () => {
  const context = await app.browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(`${app.server.base}/?budget=northmoor-county-2026`);
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

test('every page ran under its Content-Security-Policy with nothing refused', async () => {
  for (const path of ['/', '/consultations.html']) {
    const res = await fetch(`${app.server.base}${path}`);
    const policy = res.headers.get('content-security-policy');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/, path);
    assert.match(policy, /style-src 'self';/, path);
    assert.match(policy, /frame-ancestors \*$/, path);
    const html = await res.text();
    assert.match(html, /<meta name="description" content="[^"]{40,}">/, path);
    assert.match(html, /<link rel="icon" href="favicon.svg"/, path);
    if (path === '/') assert.match(html, /<meta property="og:title" content="[^"]+">\n<meta property="og:description" content="[^"]{40,}">/);
  }
  const icon = await fetch(`${app.server.base}/favicon.svg`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.deepEqual(app.cspViolations, []);
});
