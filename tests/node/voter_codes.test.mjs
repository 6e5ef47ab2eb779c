// One-time voter codes, against budget-server on 127.0.0.1 with SQLite and with PostgreSQL: made by the
// command and by an administrator in the console (printed as slips with QR codes), each accepted
// once (a second use 409 code.used, even when twenty arrive at once), kept only as hashes, never in
// the stored vote or response; for a ballot and for a budget that asks for them; and used by a
// resident in Chromium from a slip's link.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, startPostgres, post, budgetsDir, serverBin, root, sample } from './server_harness.mjs';
import { ADMIN, ANALYST, addOfficer, signIn, sessionOf, get, postForm, csrfOf } from './console_harness.mjs';
import { lookAtPage, appState as state, settle, tapLabel } from './browser_harness.mjs';

const ID = 'coded-fund-2027';
const BUDGET = 'coded-district-2026';  // a budget that asks for codes (and may be sent unbalanced)
const shots = join(root, 'build', 'screenshots', 'ballots');
let n = 0;
const vote = (base, code, projects = ['lakeside-path'], id = `code-vote-${++n}`) => post(base, JSON.stringify({
  format: 'pb-ballot-vote', format_version: 1, submission_id: id, ballot: { id: ID, version: 1 }, projects,
  ...(code === undefined ? {} : { voter_code: code }) }));
const errorCode = (res) => res.body.error.code;

function codedBudgets() {
  const budgets = budgetsDir();
  const fund = JSON.parse(readFileSync(join(budgets, 'ballots', 'bro-tegid-community-fund-2027.json'), 'utf8'));
  writeFileSync(join(budgets, 'ballots', `${ID}.json`), JSON.stringify({ ...fund, id: ID, codes_required: true }));
  const district = JSON.parse(readFileSync(join(budgets, 'eastbrook-district-2026.json'), 'utf8'));
  writeFileSync(join(budgets, `${BUDGET}.json`),
                JSON.stringify({ ...district, id: BUDGET, codes_required: true, balance_rule: 'may_be_unbalanced' }));
  return budgets;
}

function codesCommand(server, database, ...args) {
  const consultation = args[0] === 'for-budget' ? (args.shift(), BUDGET) : ID;
  return execFileSync(serverBin, ['codes', ...args, '--data', server.dataDir, ...(database ? ['--database', database] : []),
                                  '--consultation', consultation]).toString();
}

// What the database holds: the consultation's stored documents, then every code's hash and its use.
function storedRows(server, pg, consultation) {
  const bin = pg
    ? execFileSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', `ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1`]).toString().trim()
    : '';
  return pg
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'psql'), '-At', pg.url, '-c',
      `SELECT document FROM submissions WHERE budget_id = '${consultation}' UNION ALL SELECT code_hash || ' ' || COALESCE(used_by, '') FROM voter_codes`]).toString()
    : execFileSync('/usr/bin/python3', ['-c', `import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
for (d,) in c.execute("SELECT document FROM submissions WHERE budget_id = ?", (sys.argv[2],)): print(d)
for h, u in c.execute("SELECT code_hash, COALESCE(used_by, '') FROM voter_codes"): print(h, u)`, join(server.dataDir, 'submissions.sqlite3'), consultation]).toString();
}

for (const backend of ['sqlite', 'postgresql']) {
  describe(`voter codes on ${backend}`, () => {
    let server, pg, codes;
    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      server = await startServer({ database: pg ? pg.url : '', budgets: codedBudgets(),
                                   extra: ['--rate-per-minute', '1000000', '--public-url', 'https://vote.example.gov.uk'] });
      const csv = codesCommand(server, pg?.url, 'create', '--count', '30', '--batch', 'test', '--public-url', 'https://vote.example.gov.uk/');
      const lines = csv.trim().split('\n');
      assert.equal(lines[0], 'code,link');
      codes = lines.slice(1).map((l) => l.split(','));
      assert.equal(codes.length, 30);
      for (const [code, link] of codes) {
        assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
        assert.equal(link, `https://vote.example.gov.uk/?budget=${ID}&code=${code.replace('-', '')}`);
      }
      assert.equal(new Set(codes.map(([c]) => c)).size, 30);
    });
    after(async () => { await server?.stop(); pg?.stop(); });

    test('each code votes once; a missing, malformed or unknown code is refused with its own error', async () => {
      assert.equal(await errorCode(await vote(server.base, undefined)), 'code.missing');
      assert.equal(await errorCode(await vote(server.base, 'ABCDE-FGHI')), 'submission.bad_voter_code');
      assert.equal(await errorCode(await vote(server.base, 'ZZZZZ-ZZZZZ')), 'code.unknown');
      const [code] = codes[0];
      const first = await vote(server.base, code, ['lakeside-path'], 'code-first-vote');
      assert.equal(first.status, 201);
      const again = await vote(server.base, code.toLowerCase().replace('-', ' '));  // typed another way: the same code
      assert.equal(again.status, 409);
      assert.deepEqual(again.body.error, { code: 'code.used', message: 'this voter code has already been used' });
      // The same vote sent again (a retry from the outbox) is already stored, not refused.
      assert.equal((await vote(server.base, code, ['lakeside-path'], 'code-first-vote')).status, 200);
      const results = await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).json();
      assert.equal(results.votes, 1);
      assert.match(codesCommand(server, pg?.url, 'count'), new RegExp(`^${ID}: 30 codes made, 1 used\\n$`));
    });

    test('twenty votes with one code at once: exactly one is stored', async () => {
      const [code] = codes[1];
      const answers = await Promise.all(Array.from({ length: 20 }, () => vote(server.base, code)));
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, ...Array(19).fill(409)]);
      const results = await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).json();
      assert.equal(results.votes, 2);
    });

    test('the database holds codes only as hashes, and votes without their codes', async () => {
      const rows = storedRows(server, pg, ID);
      assert.ok(!rows.includes('voter_code'));
      for (const [code] of codes) {
        assert.ok(!rows.includes(code) && !rows.includes(code.replace('-', '')), `${code} is stored in the clear`);
      }
      assert.equal(rows.split('\n').filter((l) => /^[0-9a-f]{64} /.test(l)).length, 30);
    });

    test('an administrator makes codes in the console and prints them as slips; an analyst cannot', async () => {
      addOfficer(server, ADMIN, pg ? ['--database', pg.url] : []);
      addOfficer(server, ANALYST, pg ? ['--database', pg.url] : []);
      const admin = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, `/console/codes/${ID}`, admin);
      assert.equal(page.status, 200);
      assert.match(page.text, /<span class="figure">30<\/span> codes made/);
      const csrf = csrfOf(page.text);
      assert.equal((await postForm(server.base, `/console/codes/${ID}`, admin, { csrf, count: '0' })).status, 400);
      assert.equal((await postForm(server.base, `/console/codes/${ID}`, admin, { csrf, count: '501' })).status, 400);
      assert.equal((await postForm(server.base, `/console/codes/${ID}`, admin, { count: '5' })).status, 403);  // no CSRF token
      const slips = await postForm(server.base, `/console/codes/${ID}`, admin, { csrf, count: '6', batch: 'Library <event>' });
      assert.equal(slips.status, 201);
      assert.equal(slips.headers.get('cache-control'), 'no-store');
      const made = [...slips.text.matchAll(/<p class="slip-code">([0-9A-Z]{5}-[0-9A-Z]{5})<\/p>/g)].map((m) => m[1]);
      assert.equal(made.length, 6);
      assert.equal((slips.text.match(/<svg class="qr"/g) || []).length, 6);
      assert.ok(slips.text.includes(`aria-label="QR code: https://vote.example.gov.uk/?budget=${ID}&amp;code=${made[0].replace('-', '')}"`));
      assert.equal((await vote(server.base, made[0])).status, 201);
      const analyst = sessionOf(await signIn(server.base, ANALYST));
      const seen = await get(server.base, `/console/codes/${ID}`, analyst);
      assert.equal(seen.status, 200);
      assert.ok(seen.text.includes('Only administrators can make voter codes.'));
      assert.equal((await postForm(server.base, `/console/codes/${ID}`, analyst, { csrf: csrfOf(page.text), count: '5' })).status, 403);
      const audit = await get(server.base, '/console/audit', admin);
      assert.ok(audit.text.includes('made voter codes for coded-fund-2027. 6 codes, batch Library &lt;event&gt; <span class="hint">(codes.created)</span>'));
      assert.match(codesCommand(server, pg?.url, 'count'), /36 codes made, 3 used/);
    });

    test('a budget that asks for codes: each response needs one, each code is used once, and none is stored', async () => {
      const doc = JSON.parse(sample('eastbrook-district-2026.json', 1, 41)[0]);
      doc.budget.id = BUDGET;
      const respond = (code, id) => post(server.base, JSON.stringify({ ...doc, submission_id: id, ...(code === undefined ? {} : { voter_code: code }) }));
      const missing = await respond(undefined, 'budget-code-0');
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body.error, { code: 'code.missing', message: 'this consultation needs the voter code printed on your slip' });
      assert.equal(errorCode(await respond('ABCDE-FGHI', 'budget-code-0')), 'submission.bad_voter_code');
      const unknown = await respond('ZZZZZ-ZZZZZ', 'budget-code-0');
      assert.equal(unknown.status, 403);
      assert.deepEqual(unknown.body.error, { code: 'code.unknown', message: 'this is not a voter code for this consultation: check it against your slip' });
      // A ballot's code is not this budget's.
      assert.equal(errorCode(await respond(codes[29][0], 'budget-code-0')), 'code.unknown');
      const made = codesCommand(server, pg?.url, 'for-budget', 'create', '--count', '2').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
      assert.equal((await respond(made[0], 'budget-code-1')).status, 201);
      assert.equal((await respond(made[0], 'budget-code-1')).status, 200);  // the outbox's retry: already stored
      assert.equal(errorCode(await respond(made[0].toLowerCase(), 'budget-code-2')), 'code.used');
      assert.equal((await respond(made[1], 'budget-code-2')).status, 201);
      assert.match(codesCommand(server, pg?.url, 'for-budget', 'count'), new RegExp(`^${BUDGET}: 2 codes made, 2 used\\n$`));
      const rows = storedRows(server, pg, BUDGET);
      assert.equal(rows.split('\n').filter((l) => l.includes('"budget-code-')).length, 2);
      assert.ok(!rows.includes('voter_code'));
      for (const code of made) assert.ok(!rows.includes(code) && !rows.includes(code.replace('-', '')), `${code} is stored in the clear`);
      // The console: the budget's results page links its codes; the page says when codes are not asked for.
      const admin = sessionOf(await signIn(server.base, ADMIN));
      assert.ok((await get(server.base, `/console/budgets/${BUDGET}`, admin)).text.includes(`<a href="/console/codes/${BUDGET}">Voter codes</a>`));
      const page = await get(server.base, `/console/codes/${BUDGET}`, admin);
      assert.equal(page.status, 200);
      assert.match(page.text, /<span class="figure">2<\/span> codes made/);
      assert.match(page.text, /<span class="figure">2<\/span> used/);
      assert.ok(!page.text.includes('does not ask for voter codes'));
      assert.ok((await get(server.base, '/console/codes/eastbrook-district-2026', admin)).text.includes('This consultation does not ask for voter codes'));
      assert.equal((await get(server.base, '/console/codes/no-such-budget', admin)).status, 404);
      // Without a session: sent to sign in, nothing made; an analyst cannot make them.
      assert.equal((await get(server.base, `/console/codes/${BUDGET}`)).status, 303);
      assert.equal((await postForm(server.base, `/console/codes/${BUDGET}`, '', { csrf: 'x', count: '5' })).status, 401);
      const analyst = sessionOf(await signIn(server.base, ANALYST));
      const analystPage = await get(server.base, `/console/codes/${BUDGET}`, analyst);
      assert.equal((await postForm(server.base, `/console/codes/${BUDGET}`, analyst, { csrf: csrfOf(analystPage.text), count: '5' })).status, 403);
      assert.match(codesCommand(server, pg?.url, 'for-budget', 'count'), /2 codes made, 2 used/);
    });
  });
}

describe('voter codes in the browser', () => {
  let server, browser;
  before(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer({ budgets: codedBudgets(),
                                 extra: ['--site', join(root, 'build', 'web', 'site'), '--rate-per-minute', '1000000'] });
    addOfficer(server, ADMIN);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'] });
  });
  after(async () => { await browser?.close(); await server?.stop(); });

  test('the slips page passes axe at a phone\'s and a desktop\'s size', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/console/sign-in`);
    await page.fill('#name', ADMIN.name);
    await page.fill('#password', ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/$/);
    await page.goto(`${server.base}/console/codes/${ID}`);
    await lookAtPage(page, shots, 'console-codes');
    await page.fill('#count', '8');
    await page.getByRole('button', { name: 'Make the codes and show the slips' }).click();
    await page.locator('.slip').first().waitFor();
    assert.equal(await page.locator('.slip').count(), 8);
    await lookAtPage(page, shots, 'console-slips');
    await page.setViewportSize({ width: 1280, height: 800 });
    await lookAtPage(page, shots, 'console-slips');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(shots, 'console-slips-print.png'), fullPage: true });
    await context.close();
  });

  test('a resident votes from a slip\'s link on a phone; the same code again is refused in plain words', async () => {
    const csv = execFileSync(serverBin, ['codes', 'create', '--data', server.dataDir, '--consultation', ID, '--count', '1']).toString();
    const code = csv.trim().split('\n')[1].split(',')[0].replace('-', '');
    const resident = async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      await page.goto(`${server.base}/?budget=${ID}&code=${code}`);
      await page.evaluate(() => window.budgetApp.ready);
      await settle(page);
      const row = await page.evaluate(() => window.budgetApp.rect('Area'));
      await page.touchscreen.tap(row.x + 20, row.y + 20);
      await settle(page);
      await tapLabel(page, 'project:youth-club', 0.05);
      await tapLabel(page, 'Review');
      return { context, page };
    };
    const first = await resident();
    assert.ok('Voter code' in (await state(first.page)).items);
    await first.page.screenshot({ path: join(shots, 'app-ballot-code-review.png') });
    await tapLabel(first.page, 'Send');
    await first.page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
    await first.context.close();
    const second = await resident();
    await tapLabel(second.page, 'Send');
    await second.page.waitForFunction(() => window.budgetApp.state().send_state === 'rejected');
    await settle(second.page);
    const status = await second.page.evaluate(() => document.getElementById('m-Status')?.textContent);
    assert.equal(status, 'This voter code has already been used, so this could not be sent. Each code works once.');
    assert.ok('Check code' in (await state(second.page)).items, 'the resident is offered the code box again');
    assert.ok(!('Reference' in (await state(second.page)).items), 'no reference for a vote that was not stored');
    await second.page.screenshot({ path: join(shots, 'app-ballot-code-used.png') });
    await second.context.close();
  });

  test('a resident responds to a budget on a phone: types the code from the slip, or finds it filled in from the link; a used code is refused in plain words', async () => {
    const csv = execFileSync(serverBin, ['codes', 'create', '--data', server.dataDir, '--consultation', BUDGET, '--count', '1']).toString();
    const code = csv.trim().split('\n')[1].split(',')[0];
    const resident = async (query) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      await page.goto(`${server.base}/?budget=${BUDGET}${query}`);
      await page.evaluate(() => window.budgetApp.ready);
      await settle(page);
      await tapLabel(page, 'Start');
      await tapLabel(page, 'Review');
      await tapLabel(page, 'Skip ratings');
      return { context, page };
    };
    const problem = (page) => page.evaluate(() => document.getElementById('m-Problem')?.textContent ?? '');
    const sendDisabled = (page) => page.evaluate(() => document.getElementById('m-Send')?.getAttribute('aria-disabled') === 'true'
                                                       || document.getElementById('m-Send')?.disabled === true);
    // Typed: the code box comes first, and Send waits for a code that can be one.
    const first = await resident('');
    const st = await state(first.page);
    assert.equal(st.screen, 'review');
    assert.ok('Voter code' in st.items);
    assert.equal(await problem(first.page), 'Enter the voter code printed on your slip.');
    assert.ok(await sendDisabled(first.page));
    await tapLabel(first.page, 'Voter code');
    await first.page.keyboard.type(code.slice(0, 8));
    await settle(first.page);
    assert.equal(await problem(first.page), 'A voter code is 10 letters and digits, as printed on your slip. Check it and try again.');
    await first.page.keyboard.type(code.slice(8).toLowerCase());
    await settle(first.page);
    assert.equal(await problem(first.page), '');
    await first.page.screenshot({ path: join(shots, 'app-budget-code-review.png') });
    await tapLabel(first.page, 'Send');
    await first.page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
    await first.context.close();
    // From the slip's link, in Welsh: filled in; the code is used, so it is refused in Welsh words.
    const second = await resident(`&lang=cy&code=${code.replace('-', '')}`);
    assert.equal(await problem(second.page), '');
    await tapLabel(second.page, 'Send');
    await second.page.waitForFunction(() => window.budgetApp.state().send_state === 'rejected');
    await settle(second.page);
    const status = await second.page.evaluate(() => document.getElementById('m-Status')?.textContent);
    assert.equal(status, "Mae'r cod pleidleisio hwn eisoes wedi'i ddefnyddio, felly nid oedd modd anfon hwn. Mae pob cod yn gweithio unwaith.");
    assert.ok(!('Reference' in (await state(second.page)).items), 'no reference for a response that was not stored');
    await second.page.screenshot({ path: join(shots, 'app-budget-code-used-cy.png') });
    await tapLabel(second.page, 'Check code');
    assert.equal((await state(second.page)).screen, 'review');
    await second.context.close();
  });
});

describe('a venue behind one address', () => {
  test('votes on a ballot with codes are not held to the per-address limit; other submissions from the address still are', async () => {
    // The default limit (120 a minute, bursts of 60) that gave a venue 429 after 24 quick votes.
    const server = await startServer({ budgets: codedBudgets() });
    try {
      const codes = codesCommand(server, undefined, 'create', '--count', '150', '--batch', 'venue').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
      const statuses = [];
      for (const [i, code] of codes.entries()) statuses.push((await vote(server.base, code, ['lakeside-path'], `venue-vote-${i}`)).status);
      assert.deepEqual([...new Set(statuses)], [201], '150 coded votes from one address, one after another');
      // A ballot without codes, and budgets, from the same address: the usual limit.
      const open = [];
      for (let i = 0; i < 70; i++) {
        const res = await post(server.base, JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: `venue-open-${i}`,
                                                              ballot: { id: 'bro-tegid-community-fund-2027', version: 1 }, projects: ['youth-club'] }));
        open.push(res.status);
      }
      assert.ok(open.includes(429), open.join(','));
      const taken = open.filter((s) => s === 201).length;
      assert.ok(taken >= 60 && taken < 70, `the burst of 60 (and what refilled meanwhile), then 429: ${taken}`);
    } finally { await server.stop(); }
  });
});
