// The officer console in Debian's Chromium, as an officer uses it: sign in by the labels, read a
// consultation's dashboard (checked against `budget-tool aggregate`), hide a comment, download the
// workbook and read it back with openpyxl, print the report to PDF, switch to Welsh, sign out; with
// the keyboard alone; axe on every page at 1366×768 and 390 px wide, and screenshots of each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, root, sample, post, toolBin } from './server_harness.mjs';
import { addOfficer, ADMIN, ANALYST } from './console_harness.mjs';
import { lookAtPage, signInByLabels } from './browser_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const shots = join(root, 'build', 'screenshots', 'console');
const DESKTOP = { width: 1366, height: 768 }, PHONE = { width: 390, height: 844 };
let server, browser;
// Twelve of them rate the bins (eight very satisfied) and say they don't know whether they trust the council.
const lines = sample(`${DISTRICT}.json`, 40, 2026).map((line, i) => {
  if (i >= 12) return line;
  const doc = JSON.parse(line);
  doc.ratings = { council: { trust: 'dont_know' }, services: { environment: i < 8 ? 'very_satisfied' : 'fairly_dissatisfied' } };
  return JSON.stringify(doc);
});

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
  addOfficer(server, ADMIN);
  addOfficer(server, ANALYST);
  for (const line of lines) assert.equal((await post(server.base, line)).status, 201);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => { await browser?.close(); await server?.stop(); });

// axe, no sideways scroll, GOV.UK body sizes and a screenshot (browser_harness.mjs).
const look = (page, name) => lookAtPage(page, shots, name);

const aggregate = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'agg-')), 'sent.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return JSON.parse(execFileSync(toolBin, ['aggregate', join(root, 'budgets', `${DISTRICT}.json`), file, '--format', 'json'])).summary;
};
// "-4.2500" (aggregate's exact decimal) as the console writes it: "−4.25%".
const asShown = (decimal) => {
  const trimmed = decimal.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const sign = trimmed.startsWith('-') ? '\u2212' : trimmed === '0' ? '' : '+';
  return `${sign}${trimmed.replace(/^-/, '')}%`;
};

// Baseline × median percentage, to the penny (halves away from zero), written as the console's short
// pounds ("+£3.7m", "-£350k", "£12.50"), worked in BigInt from aggregate's exact strings.
const poundsShort = (baselinePence, percent) => {
  const [whole, part = ''] = percent.replace('-', '').split('.');
  const tenThousandths = BigInt(whole) * 10000n + BigInt((part + '0000').slice(0, 4));
  const product = BigInt(baselinePence) * tenThousandths;  // pence × 10^6
  const pence = (product + 500000n) / 1000000n;              // the magnitude, halves up
  const negative = percent.startsWith('-') && pence > 0n;
  const group = (n) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let words;
  if (pence >= 100000000n) { const tenths = (pence + 5000000n) / 10000000n; words = `£${group(tenths / 10n)}.${tenths % 10n}m`; }
  else if (pence >= 100000n) words = `£${group((pence + 50000n) / 100000n)}k`;
  else words = `£${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
  return (negative ? '-' : pence > 0n ? '+' : '') + words;
};

test('an officer signs in by the labels, reads the dashboard (the same figures as budget-tool aggregate), and every page passes axe', async () => {
  for (const size of [DESKTOP, PHONE]) {
    const page = await browser.newPage({ viewport: size });
    await page.goto(`${server.base}/console/sign-in`);
    await look(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your name and your password.').waitFor();
    await look(page, 'sign-in-error');
    await signInByLabels(page, server.base, ADMIN);
    await look(page, 'consultations');
    await page.locator(`a[href="/console/budgets/${DISTRICT}"]`).click();
    await page.getByRole('heading', { level: 1, name: /Eastbrook District Council/ }).waitFor();
    // The council's own logo and colour (#6f3d98, 3:1 and more against the page) under the header,
    // read once the page's stylesheets and the logo have loaded (a busy machine may take a moment).
    await page.waitForLoadState('load');
    await page.waitForFunction(() => { const img = document.querySelector('.council-bar img'); return img && img.complete && img.naturalWidth > 0; });
    const bar = await page.evaluate(() => {
      const b = document.querySelector('.council-bar'), img = b.querySelector('img');
      return { edge: getComputedStyle(b).borderBottomColor, logo: img?.getAttribute('src'), shown: img?.complete && img.naturalWidth > 0, name: img?.alt };
    });
    assert.deepEqual(bar, { edge: 'rgb(111, 61, 152)', logo: '/eastbrook-logo.svg', shown: true, name: 'Eastbrook District Council' });
    const summary = aggregate();
    const figures = await page.$$eval('.headline .figure', (els) => els.map((e) => e.textContent));
    // Balancing is required to send here, so "balanced" is not a result: no headline for it.
    assert.deepEqual(figures, [String(summary.count), String(summary.with_comments)]);
    // Against the gap: the same pence as budget-tool aggregate, written as the console writes pounds.
    const pounds = (pence) => {
      const p = BigInt(pence), m = p < 0n ? -p : p;
      return `${p > 0n ? '+' : p < 0n ? '-' : ''}£${(m / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(m % 100n).padStart(2, '0')}`;
    };
    const gapRows = await page.$$eval('table:has(#gap-table) tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    const closing = summary.average_closing_pence;
    assert.deepEqual(gapRows, [['Services (cuts less increases)', pounds(closing.services)], ['Savings options (less one-off costs)', pounds(closing.savings)],
      ['Income options', pounds(closing.income)], ['Council tax', pounds(closing.council_tax)], ['All together', pounds(closing.total)]]);
    assert.match(await page.locator('h2:text("Against the gap") + p').textContent(),
      new RegExp(`^The average response (closes ${pounds(closing.total).replace(/^\+/, '').replace(/[£.$]/g, '\\$&')} of the|widens the)`));
    const rows = await page.$$eval('#services-table ~ tbody tr, table:has(#services-table) tbody tr',
      (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    const expected = summary.services.filter((s) => rows.some((r) => r[0] === s.name));
    assert.equal(expected.length, rows.length);
    for (const s of expected) {
      const row = rows.find((r) => r[0] === s.name);
      assert.deepEqual(row.slice(4, 7), [asShown(s.lower_quartile_percent), asShown(s.median_percent), asShown(s.upper_quartile_percent)], s.name);
      assert.equal(row[7], poundsShort(s.baseline_pence, s.median_percent), s.name);  // the median in pounds a year
    }
    // Residents' ratings: the same counts as budget-tool aggregate, each share with its Wilson range.
    const rated = await page.$$eval('table:has(#ratings-table) tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    const bins = summary.ratings.services.find((r) => r.id === 'environment');
    assert.equal(bins.rated, 12);
    assert.deepEqual(rated[0], ['Bins, streets and open spaces', '12', '0',
      `${bins.share_positive.percent}% (${bins.share_positive.low_percent}% to ${bins.share_positive.high_percent}%)`, 'satisfied', 'yes']);
    assert.equal(bins.share_positive.percent, '66.7');  // 8 of 12
    const trust = rated.find((r) => r[0] === 'How much do you trust the council?');
    assert.deepEqual(trust, ['How much do you trust the council?', '0', '12', '', 'a great deal or a fair amount', 'no: fewer than 10']);
    await look(page, 'dashboard');
    await page.getByLabel('Break the results down by').selectOption('area');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('table', { name: /Results by answer to:/ }).waitFor();
    await look(page, 'dashboard-by-group');
    await page.getByRole('link', { name: 'The results report for cabinet (to print)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Headline findings' }).waitFor();
    await look(page, 'report');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await look(page, 'audit-log');
    await page.getByRole('link', { name: 'Officers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Add an officer' }).waitFor();
    await look(page, 'officers');
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('What it is for').fill('weekly export');
    await page.getByLabel(/Eastbrook District Council \(eastbrook-district-2026\)/).check();
    await page.getByRole('button', { name: 'Make the token' }).click();
    await page.getByText('Copy this token now: it is shown only once.').waitFor();
    await look(page, 'tokens');
    await page.getByRole('link', { name: 'Your password' }).click();
    await page.getByLabel('Your password now').waitFor();
    await look(page, 'password');
    await page.close();
  }
});

test('an admin checks the queue: an approved comment is published on /results and consultations.html; hidden with a reason, it goes, flagged in the console and the workbook (read back with openpyxl)', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  await signInByLabels(page, server.base, ADMIN);
  await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
  const counts = async () => (await page.locator('#comment-counts').textContent()).trim();
  const before = await counts();
  const [, total] = before.match(/^Comments from every version: (\d+)\. Waiting to be checked: \1\. Published: 0\. Hidden: 0\.$/);
  await page.getByRole('link', { name: `Check the comments waiting to be published: ${total}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Comments waiting to be checked' }).waitFor();
  assert.equal(await counts(), before, 'the queue counts as the dashboard does');
  await look(page, 'comments-queue');
  const first = page.locator('li.comment').first();
  const text = (await first.locator('blockquote').textContent()).trim();
  const reference = (await first.locator('.meta').textContent()).match(/Response (\S+)/)[1];
  // The district publishes comments with its results (comments_public) once an officer approves each.
  const published = async () => (await (await fetch(`${server.base}/api/v1/budgets/${DISTRICT}/results`)).json()).comments
    .filter((c) => c.text === text).length;
  const plain = await context.newPage();
  const onPlainPage = async () => {
    await plain.goto(`${server.base}/consultations.html`);
    await plain.getByText(/residents have responded\./).first().waitFor();
    return plain.locator('blockquote').filter({ hasText: text }).count();
  };
  const until = async (want) => { for (let i = 0; i < 40 && (await published()) !== want; i++) await new Promise((r) => setTimeout(r, 100)); };
  assert.equal(await published(), 0, 'nothing is published before it is checked');
  await first.getByRole('button', { name: 'Approve and publish' }).click();
  await page.getByText('The comment is approved: it is published with the results.').waitFor();
  assert.equal(await counts(), `Comments from every version: ${total}. Waiting to be checked: ${total - 1}. Published: 1. Hidden: 0.`);
  assert.equal(await page.locator('li.comment').filter({ hasText: `Response ${reference}` }).count(), 0, 'it leaves the queue');
  await until(1);
  assert.equal(await published(), 1, 'published on /results');
  assert.equal(await onPlainPage(), 1, 'published on consultations.html');

  await page.getByLabel('Which').selectOption({ label: 'Published' });
  await page.getByRole('button', { name: 'Filter' }).click();
  const approved = page.locator('li.comment').first();
  assert.match(await approved.textContent(), /Approved by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)/);
  await approved.getByText('Hide this comment').click();
  await approved.getByLabel('Reason (kept in the audit log)').fill('Names a member of staff');
  await approved.getByRole('button', { name: 'Hide from public outputs' }).click();
  await page.getByText('The comment is hidden from public outputs.').waitFor();
  await page.getByLabel('Which').selectOption({ label: 'Hidden' });
  await page.getByRole('button', { name: 'Filter' }).click();
  assert.match(await page.locator('li.comment').first().textContent(), /Hidden by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST): Names a member of staff/);
  assert.equal(await counts(), `Comments from every version: ${total}. Waiting to be checked: ${total - 1}. Published: 0. Hidden: 1.`);
  await look(page, 'comments-moderated');
  // Gone from public outputs within a couple of seconds (the results are recounted every second).
  await until(0);
  assert.equal(await published(), 0, 'hidden from /results');
  assert.equal(await onPlainPage(), 0, 'hidden from consultations.html');
  await plain.close();

  await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the results workbook (Excel)' }).click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'results.xlsx');
  await download.saveAs(file);
  const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
summary = {r[0]: r[1] for r in wb['Summary'].iter_rows(min_row=1, max_row=8, values_only=True) if r[0]}
comments = [list(r) for r in wb['Comments'].iter_rows(min_row=2, values_only=True)]
print(json.dumps({'sheets': wb.sheetnames, 'responses': summary.get('Responses'), 'comments': comments,
                  'rows': wb['Responses'].max_row - 1}))
`, file]).toString());
  assert.deepEqual(read.sheets.slice(0, 3), ['Summary', 'Options', 'Council tax']);
  assert.deepEqual(read.sheets.slice(-2), ['Responses', 'Comments']);
  assert.equal(read.responses, lines.length);
  assert.equal(read.rows, lines.length);
  const flagged = read.comments.filter((c) => c[3] === 'yes');
  assert.equal(flagged.length, 1);
  assert.equal(flagged[0][2], text);
  assert.equal(flagged[0][4], 'Names a member of staff');
  assert.ok(read.comments.filter((c) => c[3] === 'no').length >= 1);
  // As an officer's LibreOffice opens it (Debian's libreoffice-calc-nogui): every chart kept, the
  // Summary's cells whole, shares as percentages, the histograms labelled as written.
  const lo = mkdtempSync(join(tmpdir(), 'lo-'));
  const soffice = (to) => execFileSync('soffice', [`-env:UserInstallation=file://${lo}/profile`, '--headless', '--norestore',
    '--convert-to', to, '--outdir', lo, file], { timeout: 180000, stdio: 'pipe' });
  soffice('ods');
  const charts = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import json, re, sys, zipfile
ours = sum(1 for n in zipfile.ZipFile(sys.argv[1]).namelist() if re.match(r'xl/charts/chart\\d+\\.xml$', n))
ods = zipfile.ZipFile(sys.argv[2])
theirs = sum(1 for n in ods.namelist() if re.match(r'Object \\d+/content\\.xml$', n) and b'<chart:chart' in ods.read(n))
print(json.dumps([ours, theirs]))
`, file, join(lo, 'results.ods')]).toString());
  assert.ok(charts[0] >= 10, `${charts[0]} charts written`);
  assert.equal(charts[1], charts[0], 'LibreOffice reads every chart');
  soffice('pdf');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', join(lo, 'results.pdf'), join(shots, 'workbook-in-libreoffice')]);
  const printed = execFileSync('pdftotext', ['-layout', join(lo, 'results.pdf'), '-']).toString();
  for (const words of [`${DISTRICT} v1`, 'Share of responses', 'Share choosing each option', 'Median change chosen', 'Responses'])
    assert.ok(printed.includes(words), `${words} in LibreOffice's rendering`);
  assert.match(printed, /Exported \(UTC\) +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'the time whole, not cut at its column');
  assert.match(printed, /[-+]\d+%/, 'a histogram label as a percentage');
  assert.doesNotMatch(printed, /(^|\s)-0\.\d+(\s|$)/m, 'no share written as a fraction');
  await context.close();
});

test('the results report prints to clean A4 pages with its findings, charts, tables and methods note', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInByLabels(page, server.base, ANALYST);
  await page.goto(`${server.base}/console/budgets/${DISTRICT}/report`);
  const pdf = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const pages = Number(execFileSync('pdfinfo', [pdf]).toString().match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 3 && pages <= 30, `${pages} pages`);
  assert.match(execFileSync('pdfinfo', [pdf]).toString(), /Page size:\s+595(\.\d+)? x 842/);  // A4 in points
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const words of ['Eastbrook District Council: budget consultation', 'Headline findings', new RegExp(`Responses +${lines.length}\n`),
    'Every response balanced the budget', 'How to read these results', 'not a representative sample of residents', 'Bin collections',
    'Results by answer to: Your age', 'fewer than 10', /Open for responses +From no start date to no closing date/, 'Against the gap'])
    assert.ok(typeof words === 'string' ? text.includes(words) : words.test(text), String(words));
  // The council's name (with its logo) heads the first printed page.
  assert.match(text.split('\f')[0], /^ *Eastbrook\n +District Council\n[^]*?Eastbrook District Council: budget consultation\n/);
  for (const chrome of ['Sign out', 'Skip to main content', 'Back to the results']) assert.ok(!text.includes(chrome), `${chrome} is not printed`);
  await page.close();
});

test('the console in Welsh, and signing out', async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await signInByLabels(page, server.base, ANALYST);
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ymgyngoriadau' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'cy');
  await look(page, 'consultations-cy');
  await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
  await page.getByText('ymateb gyda sylwadau').waitFor();
  await look(page, 'dashboard-cy');
  await page.getByRole('button', { name: 'Allgofnodi' }).click();
  await page.getByText('Rydych wedi allgofnodi.').waitFor();
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.goto(`${server.base}/console/`);
  assert.equal(new URL(page.url()).pathname, '/console/sign-in', 'signed out means signed out');
  await page.close();
});

test('with the keyboard alone: skip link, sign in, reach a consultation and sign out', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(`${server.base}/console/sign-in`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  const focusOn = async (selector) => {
    for (let i = 0; i < 12 && !(await page.evaluate((s) => document.activeElement.matches(s), selector)); i++) await page.keyboard.press('Tab');
    assert.ok(await page.evaluate((s) => document.activeElement.matches(s), selector), `Tab reaches ${selector}`);
  };
  await focusOn('#name');
  await page.keyboard.type(ANALYST.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ANALYST.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
  await focusOn(`a[href="/console/budgets/${DISTRICT}"]`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'the focused link shows a focus ring');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Eastbrook District Council/ }).waitFor();
  await page.keyboard.press('Shift+Tab');
  await focusOn('.who button');
  await page.keyboard.press('Enter');
  await page.getByText('You have signed out.').waitFor();
  await page.close();
});

test('an admin closes the consultation in the console: the app says so and holds Send, and the plain page says so', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInByLabels(page, server.base, ADMIN);
  await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
  await page.getByText('Change the dates').click();
  const closed = new Date(Date.now() - 3600 * 1000).toISOString().slice(0, 16);
  await page.getByLabel('Closes (UK time, GMT or BST; leave empty for no closing date)').fill(closed);
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await page.getByText('The dates are saved.').waitFor();
  assert.match(await page.textContent('main'), /Closed on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)\./);
  await look(page, 'dashboard-closed');

  // The app as a plain page (no WebGL 2), so its controls are real HTML to press.
  const appContext = await browser.newContext({ viewport: DESKTOP });
  await appContext.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  });
  const app = await appContext.newPage();
  await app.goto(`${server.base}/?budget=${DISTRICT}`);
  await app.evaluate(() => window.budgetApp.ready);
  const mirror = app.locator('#a11y-mirror');
  await mirror.getByText(/^This consultation closed on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)\. You can still try the simulator, but budgets are no longer collected\.$/).waitFor();
  await mirror.getByRole('button', { name: 'See the results' }).waitFor();  // closed, and its results are public
  await mirror.getByRole('button', { name: 'Start' }).click();
  await mirror.getByRole('button', { name: 'Review and send' }).click();
  await mirror.getByRole('button', { name: 'Send my budget to the council' }).waitFor();
  assert.equal(await mirror.getByRole('button', { name: 'Send my budget to the council' }).getAttribute('aria-disabled'), 'true');
  assert.equal(await mirror.getByText(/^This consultation closed on/).count(), 1, 'the review says why Send is held');
  await mirror.getByText(/^The council reads each comment before publishing it on this site with its results, without names\./).waitFor();
  const plain = await browser.newPage({ viewport: PHONE });
  await plain.goto(`${server.base}/consultations.html`);
  await plain.getByText(/^Closed on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)\.$/).first().waitFor();
  await plain.goto(`${server.base}/consultations.html?lang=cy`);
  await plain.getByText(/^Wedi cau ar \d{1,2} [A-Z][a-z]+ \d{4} am \d\d:\d\d (GMT|BST)\.$/).first().waitFor();
  const sent = await post(server.base, lines[0].replace(/"submission_id":"[^"]+"/, '"submission_id":"late-one-0001"'));
  assert.equal(sent.status, 403);
  assert.equal(sent.body.error.code, 'consultation.closed');

  await page.getByText('Change the dates').click();
  await page.getByRole('button', { name: 'Use the budget file\'s dates' }).click();
  await page.getByText('Dates from the budget file.').waitFor();
  for (const p of [page, plain]) await p.close();
  await appContext.close();
});
