// Budget authoring in Debian's Chromium, as people do it: a resident starts a budget on a phone; an
// officer downloads the budget as a workbook, uploads it with two problems and sees both by cell,
// fixes it and uploads again, previews it at a phone's size, and publishes it; the resident comes
// back, is told the budget changed with their choices kept, balances it and sends it, and the
// response is stored against the new version (after a publish scheduled and cancelled); then rolls back in one step. axe and screenshots on
// each new console page; the overview, a consultation started from it, and a close at 23:59 BST.
// On SQLite, or on PostgreSQL with AUTHORING_BACKEND=postgresql.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { appState, lookAtPage, settle, swipe, tapLabel as tapInView, signInByLabels } from './browser_harness.mjs';
import { startServer, startPostgres, root, budgetsDir, post, toolBin, queryDatabase } from './server_harness.mjs';
import { addOfficer, ADMIN, editWorkbook } from './console_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const POSTGRES = process.env.AUTHORING_BACKEND === 'postgresql';
const shots = join(root, 'build', 'screenshots', POSTGRES ? 'console-postgresql' : 'console');
const appShots = join(root, 'build', 'screenshots', POSTGRES ? 'postgresql' : '');
const DESKTOP = { width: 1366, height: 768 }, PHONE = { width: 390, height: 844 };
const work = mkdtempSync(join(tmpdir(), 'authoring-browser-'));
let server, browser, pg;
// A query of the database the server uses.
const sql = (statement) => queryDatabase(pg, server.dataDir, statement);

before(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(appShots, { recursive: true });
  if (POSTGRES) pg = await startPostgres();
  server = await startServer({ budgets: budgetsDir(), database: pg ? pg.url : '', extra: ['--site', join(root, 'build', 'web', 'site')] });
  addOfficer(server, ADMIN, pg ? ['--database', pg.url] : []);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking'],
  });
});
after(async () => { await browser?.close(); await server?.stop(); pg?.stop(); });

// The console page at this size and the other (browser_harness.mjs checks each).
async function look(page, name) {
  if (POSTGRES) return;  // the pages are the same on either database: axe and screenshots once, on SQLite
  const first = page.viewportSize();
  for (const size of [first, first.width === DESKTOP.width ? PHONE : DESKTOP]) {
    await page.setViewportSize(size);
    await lookAtPage(page, shots, name);
  }
  await page.setViewportSize(first);
}


// The resident app by touch: a tap on a labelled item (a checkbox on its box), swiped into view first.
const state = appState;
async function tapLabel(page, label) {
  for (let i = 0; i < 30; i++) {
    const r = await page.evaluate((l) => window.budgetApp.rect(l), label);
    if (!r || !r.clipped) break;
    const up = r.y > 400;
    await swipe(page, { x: 180, y: up ? 600 : 250 }, { x: 180, y: up ? 300 : 550 }, { hold: 100 });
    await settle(page);
  }
  const r = await page.evaluate((l) => window.budgetApp.rect(l), label);
  assert.ok(r && !r.clipped, `no item labelled ${label} in view`);
  await tapInView(page, label, /^(saving|income):/.test(label) ? 0.05 : 0.5);
}

test('an officer fixes a workbook by cell, previews and publishes it; a resident keeps their choices and sends against the new version', async () => {
  // A resident starts on a phone: one saving chosen, kept on the device.
  // (On PostgreSQL the resident's part is a response sent over HTTP: the app is the same on either database.)
  const resident = POSTGRES ? null : await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const app = resident && await resident.newPage();
  if (app) {
    await app.goto(`${server.base}/?budget=${DISTRICT}`);
    await app.evaluate(() => window.budgetApp.ready);
    await settle(app);
    await tapLabel(app, 'Start');
    await tapLabel(app, 'tab:savings');
    await tapLabel(app, 'saving:shared-planning');
    assert.deepEqual((await state(app)).efficiencies, ['shared-planning']);
    await app.waitForTimeout(300);  // the draft is written as the app settles
  }

  // The officer: the budget page, by its link from the consultation.
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  await signInByLabels(page, server.base, ADMIN);
  await page.locator(`a[href="/console/budgets/${DISTRICT}"]`).click();
  await page.getByRole('link', { name: 'The budget: versions, drafts and publishing' }).click();
  await page.getByRole('heading', { level: 1, name: /The budget/ }).waitFor();
  await look(page, 'budget');
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download it as a workbook (Excel) to edit' }).click()]);
  const original = join(work, 'eastbrook.xlsx');
  await download.saveAs(original);

  // Two problems, both shown by cell.
  const broken = join(work, 'eastbrook-broken.xlsx');
  editWorkbook(original, broken, [['Services', 12, 'Lowest change', 0.2], ['Services', 5, 'Net spend', 'a lot']]);
  await page.getByLabel('Upload a workbook (.xlsx) or a budget file (.json)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByRole('heading', { name: 'There are 2 problems. Nothing can be published until they are put right.' }).waitFor();
  const rows = await page.$$eval('table.problems tbody tr', (trs) => trs.map((tr) => tr.querySelector('.place').textContent));
  assert.deepEqual(rows.sort(), ['Services!E5', 'Services!F12']);
  await look(page, 'draft-problems');
  // The same in Welsh: the console's own words translated, the problems as the checks wrote them.
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { name: 'Mae 2 o broblemau. Ni ellir cyhoeddi dim nes eu cywiro.' }).waitFor();
  await look(page, 'draft-problems-cy');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'There are 2 problems. Nothing can be published until they are put right.' }).waitFor();

  // Fixed, with one real change, it is ready; the preview on a phone shows the change.
  const fixed = join(work, 'eastbrook-fixed.xlsx');
  editWorkbook(original, fixed, [['Services', 2, 'Name', 'Bins and recycling collections'], ['Savings', 2, 'Saving', 123456.78]]);
  await page.getByRole('link', { name: 'The budget', exact: true }).click();
  await page.getByLabel('Upload a workbook (.xlsx) or a budget file (.json)').setInputFiles(fixed);
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByText('This draft has no problems.').waitFor();
  await look(page, 'draft-ready');
  await page.getByRole('link', { name: 'On a phone, in English' }).click();
  const frame = await (await page.locator('iframe.preview-phone').elementHandle()).contentFrame();
  await frame.waitForFunction(() => window.budgetApp && window.budgetApp.readyAt > 0, null, { timeout: 30000 });
  const previewState = await frame.evaluate(() => window.budgetApp.state());
  assert.ok(JSON.stringify(previewState).length > 0);
  assert.equal(await frame.evaluate(() => localStorage.getItem('budget-preview-outbox')), null);
  await page.waitForTimeout(500);
  await look(page, 'preview');

  // Publish.
  await page.goBack();
  const draftUrl = page.url();
  await page.getByRole('button', { name: 'Publish as the next version' }).click();
  // First, what changes against the live version, and when: the keyboard alone picks "Now" and publishes.
  await page.getByRole('heading', { level: 1, name: /Publish draft \d+ as version 2\?/ }).waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Now' }).isChecked(), true);
  const lines = await page.$$eval('table[aria-labelledby], table', (ts) => ts.map((t) => t.innerText).join('\n'));
  assert.match(lines, /Saving option\tAmount changed\t£[\d,.]+\t£123,456\.78\t[+-]£[\d,.]+/);
  await look(page, 'publish-confirm');
  // Scheduled for 09:00 tomorrow (UK time), then cancelled: residents see nothing new meanwhile.
  await page.getByLabel('At a time (UK time, GMT or BST)').check();
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + 86400000));
  await page.getByLabel('Date and time to publish, if not now').fill(`${tomorrow}T09:00`);
  await page.getByRole('button', { name: 'Publish version 2' }).click();
  await page.getByText('The publish is scheduled. Residents see nothing new until its time.').waitFor();
  assert.match(await page.locator('main').textContent(), /at 09:00 (GMT|BST)/);
  await look(page, 'budget-scheduled');
  assert.equal((await (await fetch(`${server.base}/api/v1/budgets/${DISTRICT}`)).json()).version, 1);
  await page.getByRole('button', { name: 'Cancel the scheduled publish' }).click();
  await page.getByText('The scheduled publish is cancelled.').waitFor();
  assert.deepEqual(sql("SELECT count(*) FROM scheduled_publishes"), '0');
  await page.goto(draftUrl);
  await page.getByRole('button', { name: 'Publish as the next version' }).click();
  await page.getByRole('heading', { level: 1, name: /Publish draft \d+ as version 2\?/ }).waitFor();
  await page.getByRole('button', { name: 'Publish version 2' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Version 2 is published. Residents now see it.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Roll back to version 1' }).isVisible(), true);
  await look(page, 'budget-published');

  if (app) {
    // The resident comes back: told the budget changed, the saving kept.
    await app.reload();
    await app.evaluate(() => window.budgetApp.ready);
    await settle(app);
    const mirror = await app.evaluate(() => document.getElementById('a11y-mirror').textContent);
    assert.match(mirror, /The council has changed this budget since you started\. Your choices that still apply are kept/);
    await app.screenshot({ path: join(appShots, `${DISTRICT}-phone-budget-changed.png`) });
    assert.deepEqual((await state(app)).efficiencies, ['shared-planning']);
    // Balanced with every saving, income option and council tax at its limit, then sent from the phone.
    await tapLabel(app, 'Start');
    await tapLabel(app, 'tab:savings');
    for (const id of ['garden-waste-rounds', 'leisure-contract', 'office-move', 'digital-payments', 'temporary-accommodation']) await tapLabel(app, `saving:${id}`);
    await tapLabel(app, 'tab:income');
    for (const id of ['garden-waste-charge', 'parking-charges', 'pre-application-fees', 'commercial-property', 'bulky-waste-fee']) await tapLabel(app, `income:${id}`);
    for (const id of ['waste-collection', 'street-cleansing', 'parks', 'environmental-health']) {
      if ((await state(app)).balanced) break;
      await tapLabel(app, 'tab:services');
      const r = await app.evaluate((l) => window.budgetApp.rect(l), `service:${id}`);
      if (!r || r.clipped) continue;
      await app.touchscreen.tap(r.x + 2, r.y + r.height / 2);
      await settle(app);
    }
    if (!(await state(app)).balanced) {
      const tax = await app.evaluate(() => window.budgetApp.rect('council-tax'));
      if (tax) { await app.touchscreen.tap(tax.x + tax.width - 3, tax.y + tax.height / 2); await settle(app); }
    }
    assert.equal((await state(app)).balanced, true);
    await tapLabel(app, 'Review');
    await tapLabel(app, 'Skip ratings');
    await tapLabel(app, 'Send');
    await app.waitForFunction(() => window.budgetApp.state().send_state === 'sent', null, { timeout: 20000 });
  } else {
    // A response to version 2 as the collector serves it, sent over HTTP.
    const v2 = join(work, 'v2.json');
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    writeFileSync(v2, await (await fetch(`${server.base}/console/budgets/${DISTRICT}/budget.json`, { headers: { Cookie: cookie } })).text());
    const line = execFileSync(toolBin, ['sample', v2, '--count', '1', '--seed', '7']).toString().trim();
    assert.equal((await post(server.base, line)).status, 201);
  }
  assert.equal(sql(`SELECT budget_version FROM submissions WHERE budget_id = '${DISTRICT}'`), '2');
  // The dashboard now counts version 2, and adds version 1 in where a lever kept its meaning.
  await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
  await page.getByRole('heading', { level: 2, name: 'Across versions' }).waitFor();
  await look(page, 'dashboard-across-versions');
  await page.evaluate(() => document.getElementById('across').scrollIntoView());
  await page.screenshot({ path: join(shots, 'dashboard-across-versions-detail-1366.png') });

  // Rolled back in one step: version 3 repeats version 1, and the response keeps the version it answered.
  await page.goto(`${server.base}/console/budgets/${DISTRICT}/budget`);
  await page.getByLabel('I mean residents to see version 1 again').check();
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  await page.getByText('Rolled back: residents now see version 3, which repeats version 1.').waitFor();
  await look(page, 'budget-rolled-back');
  assert.equal((await (await fetch(`${server.base}/api/v1/budgets/${DISTRICT}`)).json()).version, 3);
  assert.equal(sql(`SELECT budget_version FROM submissions WHERE budget_id = '${DISTRICT}'`), '2');
  assert.equal(sql("SELECT detail FROM audit_log WHERE action = 'budget.rolled_back'"), 'version 3 repeats version 1 (was version 2)');
  await resident?.close();
  await context.close();
});

test("an officer fixes the council's figures by cell, previews the annual report they make, and publishes them", async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signInByLabels(page, server.base, ADMIN);
  await page.getByRole('heading', { level: 2, name: 'Annual reports' }).waitFor();
  await page.locator('a[href="/console/profiles/eastbrook-district"]').click();
  await page.getByRole('heading', { level: 1, name: /The council's figures/ }).waitFor();
  await look(page, 'profile');
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download it as a workbook (Excel) to edit' }).click()]);
  const original = join(work, 'eastbrook-profile.xlsx');
  await download.saveAs(original);

  const broken = join(work, 'eastbrook-profile-broken.xlsx');
  editWorkbook(original, broken, [['Finance', 3, 'Gross external debt', 'a lot'], ['Profile', 6, 'Value', '31/03/2025']]);
  await page.getByLabel('Upload a workbook (.xlsx) or a profile file (.json)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByRole('heading', { name: 'There are 2 problems. Nothing can be published until they are put right.' }).waitFor();
  const rows = await page.$$eval('table.problems tbody tr', (trs) => trs.map((tr) => tr.querySelector('.place').textContent));
  assert.deepEqual(rows.sort(), ['Finance!G3', 'Profile!B6']);
  await look(page, 'profile-draft-problems');

  await page.getByRole('link', { name: /the council's figures/ }).click();
  const fixed = join(work, 'eastbrook-profile-fixed.xlsx');
  editWorkbook(original, fixed, [['Profile', 6, 'Value', '2025-06-30']]);
  await page.getByLabel('Upload a workbook (.xlsx) or a profile file (.json)').setInputFiles(fixed);
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByText('This draft has no problems.').waitFor();
  await look(page, 'profile-draft-ready');
  await page.getByRole('link', { name: 'The annual report, in English' }).click();
  await page.getByText(/Preview of draft \d+\./).waitFor();
  await look(page, 'profile-draft-preview');
  await page.goBack();
  await page.getByRole('button', { name: 'Publish as the next version' }).click();
  await page.getByText('Version 1 is published. The annual report shows it now.').waitFor();
  await page.getByRole('link', { name: 'Read the annual report' }).click();
  await page.getByText('Figures as of 30 June 2025.', { exact: false }).first().waitFor();
  await context.close();
});

test('an administrator starts a consultation from the overview with the keyboard alone; a mistake keeps what was typed', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signInByLabels(page, server.base, ADMIN);
  await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
  // The overview: each consultation's state and dates, responses and pages.
  const first = await page.locator('#consultations-table').locator('..').locator('tbody tr').first().innerText();
  assert.match(first, /(Open|Not open yet|Closed)\n/);
  assert.match(first, /As residents see it/);
  await page.locator('summary', { hasText: 'Start a consultation' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Its id').focus();
  await page.keyboard.type('Riverside 2027');
  await page.getByLabel('Kind of council (for a starting budget)').selectOption('welsh-principal');
  await page.getByRole('button', { name: 'Start the consultation' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'There is a problem' }).waitFor();
  assert.equal(await page.getByLabel('Its id').inputValue(), 'Riverside 2027');
  assert.equal(await page.getByLabel('Kind of council (for a starting budget)').inputValue(), 'welsh-principal');
  await look(page, 'start-consultation-error');
  await page.getByLabel('Its id').fill('riverside-2027');
  await page.getByRole('button', { name: 'Start the consultation' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('This draft has no problems.').waitFor();
  await page.getByRole('button', { name: 'Publish as the next version' }).click();
  await page.getByRole('heading', { level: 1, name: /Publish draft \d+ as version 1\?/ }).waitFor();
  await look(page, 'publish-first-version');
  await page.goto(`${server.base}/console/`);
  await page.getByText('Draft: not published yet').waitFor();
  await look(page, 'home-overview');

  // A close at 23:59 in British Summer Time: kept as 22:59 UTC, shown back as 23:59 BST; then the file's dates again.
  await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
  await page.getByText('Change the dates').click();
  await page.getByLabel('Closes (UK time, GMT or BST; leave empty for no closing date)').fill('2027-07-20T23:59');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await page.getByText('The dates are saved.').waitFor();
  assert.match(await page.textContent('main'), /Open now; closes on 20 July 2027 at 23:59 BST\./);
  assert.equal((await (await fetch(`${server.base}/api/v1/budgets/${DISTRICT}`)).json()).closes_at, '2027-07-20T22:59:00Z');
  assert.equal(sql(`SELECT closes_at FROM consultation_windows WHERE budget_id = '${DISTRICT}'`), String(Date.UTC(2027, 6, 20, 22, 59) / 1000));
  await page.getByText('Change the dates').click();
  await page.getByRole('button', { name: 'Use the budget file\'s dates' }).click();
  await page.getByText('Dates from the budget file.').waitFor();
  await context.close();
});
