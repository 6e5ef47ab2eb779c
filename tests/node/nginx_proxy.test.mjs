// deploy/nginx/budget-simulator.conf in front of budget-server, in Debian's nginx as a council runs
// it (TLS with a throwaway certificate; only the lines marked CHANGE differ): the site's files with
// their headers, each client address with its own limits, sign-in floods that lock out nobody else,
// and the console's forms and a projector's live tally in Chromium through the proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, sample } from './server_harness.mjs';
import { ADMIN, ANALYST, addOfficer } from './console_harness.mjs';
import { startNginx, site } from './nginx_harness.mjs';

const FUND = 'bro-tegid-community-fund-2027';
let server, nginx, base;

before(async () => {
  server = await startServer({ extra: ['--site', site, '--trusted-proxy', '127.0.0.1', '--trust-proxy', '--rate-per-minute', '6'] });
  addOfficer(server, ADMIN);
  addOfficer(server, ANALYST);
  nginx = await startNginx([server.port]);
  ({ base } = nginx);
});

after(async () => {
  await nginx?.stop();
  await server?.stop();
});

const request = (path, options) => nginx.request(path, options);

const signIn = (who, from) => request('/console/sign-in', {
  method: 'POST', from, body: new URLSearchParams({ name: who.name, password: who.password }).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'Sec-Fetch-Site': 'same-origin' },
});

test('the site\'s files come from disk with their headers: the types of Debian\'s map, precompressed gzip, the CSP', async () => {
  const page = await request('/', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  const wasm = await request('/budget-app.wasm', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['content-encoding'], 'gzip');
  for (const [file, type] of [['/budget-app.js', /javascript/], ['/app-page.css', /^text\/css/], ['/config.json', /^application\/json/]]) {
    const res = await request(file);
    assert.equal(res.status, 200, file);
    assert.match(res.headers['content-type'], type, file);
  }
  assert.equal((await request('/api/v1/health')).status, 200);
});

test('each client address has its own submission limit at the collector, and nginx\'s limit_req stands before it', async () => {
  // --rate-per-minute 6: a bucket of 10 per client. Five clients send 12 each, one at a time.
  const lines = sample('eastbrook-district-2026.json', 60, 41);
  const outcomes = await Promise.all(Array.from({ length: 5 }, async (_, c) => {
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const res = await request('/api/v1/submissions', { method: 'POST', from: `127.0.7.${c + 1}`, body: lines[(c * 12 + i) % 60],
                                                         headers: { 'Content-Type': 'application/json' } });
      statuses.push(res.status === 429 ? `429 ${JSON.parse(res.text).error.code}` : String(res.status));
    }
    return statuses;
  }));
  for (const statuses of outcomes) {
    assert.equal(statuses.filter((s) => s === '201' || s === '200').length, 10, statuses.join(','));
    assert.equal(statuses.filter((s) => s === '429 rate.limited').length, 2, statuses.join(','));
  }
  // 80 at once from one client: nginx answers past its burst of 40 with its own 429 (an HTML page).
  const burst = await Promise.all(Array.from({ length: 80 }, () =>
    request('/api/v1/submissions', { method: 'POST', from: '127.0.7.9', body: '{}', headers: { 'Content-Type': 'application/json' } })));
  const byNginx = burst.filter((r) => r.status === 429 && /nginx|<html>/i.test(r.text)).length;
  assert.ok(byNginx >= 20, `nginx refused ${byNginx} of 80`);
});

test('a flood of wrong sign-ins from one client leaves other officers, and the same officer elsewhere, able to sign in', async () => {
  const statuses = [];
  for (let i = 0; i < 25; i++) statuses.push((await signIn({ name: ADMIN.name, password: 'not the password' }, '127.0.8.1')).status);
  assert.equal(statuses.at(-1), 429, statuses.join(','));
  assert.equal((await signIn(ANALYST, '127.0.8.2')).status, 303);
  assert.equal((await signIn(ADMIN, '127.0.8.3')).status, 303);
  assert.equal((await signIn(ADMIN, '127.0.8.1')).status, 429, 'the flooding client itself still waits');
});

test('in Chromium through the proxy: the console\'s sign-in form and a form behind it work, and a projector\'s tally counts a vote live', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'] });
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    assert.equal(new URL(page.url()).pathname, '/console/sign-in');
    await page.getByLabel('Name').fill(ANALYST.name);
    await page.getByLabel('Password').fill(ANALYST.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    // A form behind the session (its token, and its Origin checked against Host with its port): the
    // wrong current password is what it refuses, so the form itself was accepted as this console's.
    await page.goto(`${base}/console/password`);
    await page.getByLabel('Your password now').fill('not the password now');
    await page.getByLabel('New password (at least 12 characters)').fill('a new passphrase that is long');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password now is not right. Nothing was changed.').waitFor();

    const tally = await context.newPage();
    await tally.goto(`${base}/?mode=tally&budget=${FUND}`);
    await tally.waitForURL(/tally\.html/);
    await tally.evaluate(() => window.budgetApp.ready);
    const before = (await tally.evaluate(() => window.budgetApp.state().tally)).responses;
    const vote = JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: 'through-nginx-1', ballot: { id: FUND, version: 1 }, projects: ['youth-club'] });
    assert.equal((await request('/api/v1/submissions', { method: 'POST', from: '127.0.9.1', body: vote, headers: { 'Content-Type': 'application/json' } })).status, 201);
    await tally.waitForFunction((n) => window.budgetApp.state().tally.responses === n + 1, before, { timeout: 10000 });
  } finally {
    await browser.close();
  }
  // The collector saw each client as itself: its log names no address, but its limits did (above); nginx logged no errors.
  const errors = nginx.errors();
  assert.deepEqual(errors, []);
});
