// Paper ballots in the officer console, against budget-server on 127.0.0.1: one paper entered by a
// form, many imported from a CSV file, each with its polling station and checked by the ballot's own
// rule (a bad paper or line adds nothing), counted once however often the form or file is sent,
// counted with the online votes and shown by station, audited, refused to analysts; axe and
// screenshots of the page at a phone's and a desktop's size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, post, root } from './server_harness.mjs';
import { ADMIN, ANALYST, addOfficer, signIn, sessionOf, get, postForm, csrfOf } from './console_harness.mjs';
import { lookAtPage } from './browser_harness.mjs';

const FUND = 'bro-tegid-community-fund-2027';
const shots = join(root, 'build', 'screenshots', 'ballots');
let server, admin;

before(async () => {
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site'), '--rate-per-minute', '1000000'] });
  addOfficer(server, ADMIN);
  addOfficer(server, ANALYST);
  admin = sessionOf(await signIn(server.base, ADMIN));
  // One online vote, so the station table has both kinds.
  assert.equal((await post(server.base, JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: 'online-vote-1',
    ballot: { id: FUND, version: 1 }, projects: ['play-area'] }))).status, 201);
});
after(async () => { await server?.stop(); });

const results = async () => (await fetch(`${server.base}/api/v1/budgets/${FUND}/results`)).json();
const entryOf = (html) => html.match(/name="entry" value="([0-9a-f]{32})"/)[1];

async function importFile(session, csrf, station, text, filename = 'papers.csv') {
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('station', station);
  form.append('file', new Blob([text], { type: 'text/csv' }), filename);
  const res = await fetch(`${server.base}/console/paper/${FUND}/import`, { method: 'POST', redirect: 'manual', body: form,
    headers: { Cookie: `console_session=${session}`, Origin: server.base, 'Sec-Fetch-Site': 'same-origin' } });
  return { status: res.status, text: await res.text() };
}

test('a paper entered by the form is checked by the rule, stored with its station, and counted once', async () => {
  const page = await get(server.base, `/console/paper/${FUND}`, admin);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('<input id="p-lakeside-path" name="project" type="checkbox" value="lakeside-path">'));
  const csrf = csrfOf(page.text), entry = entryOf(page.text);
  const fields = (projects, more = {}) => [['csrf', csrf], ['entry', entry], ['station', ' Llyfrgell y Bala '], ...projects.map((p) => ['project', p]),
                                           ...Object.entries(more)];
  const tooMany = await postForm(server.base, `/console/paper/${FUND}`, admin, fields(['lakeside-path', 'youth-club', 'town-benches', 'play-area']));
  assert.equal(tooMany.status, 400);
  assert.ok(tooMany.text.includes('choose at most 3 projects [vote.too_many]'));
  const mixed = await postForm(server.base, `/console/paper/${FUND}`, admin, fields(['lakeside-path', 'defibrillators']));
  assert.equal(mixed.status, 400);
  assert.ok(mixed.text.includes('[vote.mixed_areas]'));
  const noStation = await postForm(server.base, `/console/paper/${FUND}`, admin, [['csrf', csrf], ['entry', entry], ['station', '  '], ['project', 'youth-club']]);
  assert.equal(noStation.status, 400);
  const added = await postForm(server.base, `/console/paper/${FUND}`, admin, fields(['lakeside-path', 'youth-club']));
  assert.equal(added.status, 201);
  assert.ok(added.text.includes('Added a ballot paper from Llyfrgell y Bala.'));
  assert.match(added.text, /<th scope="row">Llyfrgell y Bala<\/th><td class="number">1<\/td>/);
  assert.match(added.text, /<th scope="row">Online<\/th><td class="number">1<\/td>/);
  const twice = await postForm(server.base, `/console/paper/${FUND}`, admin, fields(['lakeside-path', 'youth-club']));
  assert.equal(twice.status, 200);
  assert.ok(twice.text.includes('This ballot paper was already added; it is counted once.'));
  const r = await results();
  assert.equal(r.votes, 2);
  const bala = r.stations.find((s) => s.station === 'Llyfrgell y Bala');
  assert.equal(bala.votes, 1);
});

test('a CSV file of papers: every line checked first, imported once however often it is sent', async () => {
  const page = await get(server.base, `/console/paper/${FUND}`, admin);
  const csrf = csrfOf(page.text);
  const before = (await results()).votes;
  const bad = await importFile(admin, csrf, 'Ysgol Bro Tegid', 'lakeside-path,youth-club\nlakeside-path,no-such-project\n');
  assert.equal(bad.status, 400);
  assert.ok(bad.text.includes('Line 2: unknown project &quot;no-such-project&quot; [vote.unknown_project]'));
  assert.equal((await results()).votes, before, 'nothing from a file with a bad line');
  const file = '\uFEFFlakeside-path, youth-club\r\n"defibrillators","village-hall"\r\n\r\nplay-area\r\n';
  const first = await importFile(admin, csrf, 'Ysgol Bro Tegid', file);
  assert.equal(first.status, 201);
  assert.ok(first.text.includes('Imported 3 ballot papers from Ysgol Bro Tegid; 0 were already added.'));
  const again = await importFile(admin, csrf, 'Ysgol Bro Tegid', file);
  assert.ok(again.text.includes('Imported 0 ballot papers from Ysgol Bro Tegid; 3 were already added.'));
  const r = await results();
  assert.equal(r.votes, before + 3);
  assert.equal(r.stations.find((s) => s.station === 'Ysgol Bro Tegid').votes, 3);
  assert.equal((await importFile(admin, csrf, 'Ysgol', '')).status, 400);
  assert.equal((await importFile(admin, csrf, 'Ysgol', 'x'.repeat((1 << 20) + 1))).status, 400);
  assert.equal((await importFile(admin, csrf, 'Ysgol', Buffer.from([0xff, 0xfe, 0x41]))).status, 400);
  assert.equal((await importFile(admin, 'not-the-token', 'Ysgol', 'play-area\n')).status, 403);
  const audit = await get(server.base, '/console/audit', admin);
  assert.ok(audit.text.includes('entered a paper ballot for bro-tegid-community-fund-2027. station Llyfrgell y Bala, paper-'));
  assert.ok(audit.text.includes('imported paper ballots for bro-tegid-community-fund-2027. 3 papers from papers.csv, station Ysgol Bro Tegid <span class="hint">(paper.imported)</span>'));
});

test('without a session the paper, code and tally pages send the officer to sign in, and take nothing', async () => {
  const before = (await results()).votes;
  for (const path of [`/console/paper/${FUND}`, `/console/codes/${FUND}`, `/console/tally/${FUND}`]) {
    const page = await get(server.base, path);
    assert.equal(page.status, 303, path);
    assert.equal(page.headers.get('location'), '/console/sign-in');
  }
  for (const path of [`/console/paper/${FUND}`, `/console/codes/${FUND}`]) {
    const sent = await postForm(server.base, path, '', { csrf: 'x', entry: '0'.repeat(32), station: 'x', project: 'play-area', count: '5' });
    assert.equal(sent.status, 401, path);
  }
  assert.equal((await importFile('', 'x', 'x', 'play-area\n')).status, 401);
  assert.equal((await results()).votes, before);
});

test('an analyst sees the votes by station but cannot enter papers', async () => {
  const analyst = sessionOf(await signIn(server.base, ANALYST));
  const page = await get(server.base, `/console/paper/${FUND}`, analyst);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Only administrators can enter paper ballots.'));
  assert.ok(!page.text.includes('name="project"'));
  const adminPage = await get(server.base, `/console/paper/${FUND}`, admin);
  const refused = await postForm(server.base, `/console/paper/${FUND}`, analyst,
                                 [['csrf', csrfOf(adminPage.text)], ['entry', entryOf(adminPage.text)], ['station', 'x'], ['project', 'play-area']]);
  assert.equal(refused.status, 403);
  assert.equal((await importFile(analyst, csrfOf(adminPage.text), 'x', 'play-area\n')).status, 403);
});

test('the paper ballots page in a browser: entered by clicking, axe, phone and desktop', async () => {
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.base}/console/sign-in`);
    await page.fill('#name', ADMIN.name);
    await page.fill('#password', ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/$/);
    await page.getByRole('link', { name: 'Paper ballots' }).first().click();
    await lookAtPage(page, shots, 'console-paper');
    await page.fill('#station', 'Canolfan Hamdden');
    await page.getByLabel(/Community bus on Saturdays/).check();
    await page.getByRole('button', { name: 'Add this ballot paper' }).click();
    await page.getByText('Added a ballot paper from Canolfan Hamdden.').waitFor();
    await lookAtPage(page, shots, 'console-paper-added');
    await page.setViewportSize({ width: 1280, height: 800 });
    await lookAtPage(page, shots, 'console-paper-added');
  } finally {
    await browser.close();
  }
});
