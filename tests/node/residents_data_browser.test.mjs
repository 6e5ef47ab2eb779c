// Residents' data in Debian's Chromium, on SQLite and on PostgreSQL, as an admin and a resident's
// phone meet it: the comments queue (approve, hide with a reason, counts that agree, published on
// the plain page), a response sent twice flagged and the copy erased by its reference with the
// phone's outbox resend answered 410, and the retention purge once the server's clock has moved.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { startServer, startPostgres, sample, post, root, queryDatabase } from './server_harness.mjs';
import { addOfficer, ADMIN } from './console_harness.mjs';
import { lookAtPage, signInByLabels } from './browser_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const PHONE = { width: 390, height: 844 };
const HOUR = 3600 * 1000;
const shots = join(root, 'build', 'screenshots', 'residents-data');

// The district budget closing in an hour, its personal data kept one day after (and three days' grace).
function budgets() {
  const dir = mkdtempSync(join(tmpdir(), 'residents-data-budgets-'));
  const doc = JSON.parse(readFileSync(join(root, 'budgets', `${DISTRICT}.json`), 'utf8'));
  const closes = new Date(Date.now() + HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
  writeFileSync(join(dir, `${DISTRICT}.json`), JSON.stringify({ ...doc, closes_at: closes, retain_days: 1 }));
  return dir;
}

// A page in a browser without WebGL 2, so the resident app is plain HTML (and quick to load).
async function plainContext(browser) {
  const context = await browser.newContext({ viewport: PHONE });
  await context.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  });
  return context;
}

let browser;
before(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => { await browser?.close(); });

for (const backend of ['sqlite', 'postgresql']) {
  describe(`residents' data in the browser on ${backend}`, () => {
    let pg, server;
    const folder = budgets();
    const lines = sample(`${DISTRICT}.json`, 10, 9091).map((line, i) => JSON.stringify({ ...JSON.parse(line), comments: { overall: `Comment ${i} on ${backend}` } }));
    const look = (page, name) => lookAtPage(page, shots, `${backend}-${name}`);
    const counts = async (page) => (await page.locator('#comment-counts').textContent()).trim();
    const start = (dataDir, env = {}) => startServer({ dataDir, database: pg ? pg.url : '', budgets: folder, env,
                                                        extra: ['--site', join(root, 'build', 'web', 'site')] });
    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      server = await start();
      addOfficer(server, ADMIN, pg ? ['--database', pg.url] : []);
      for (const line of lines) assert.equal((await post(server.base, line)).status, 201);
    });
    after(async () => { await server?.stop(); pg?.stop(); });

    test('the queue: an approved comment appears on the plain page; a hidden one never does; the counts agree', async () => {
      const page = await browser.newPage({ viewport: PHONE });
      await signInByLabels(page, server.base, ADMIN);
      await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
      assert.equal(await counts(page), 'Comments from every version: 10. Waiting to be checked: 10. Published: 0. Hidden: 0.');
      await page.getByRole('link', { name: 'Check the comments waiting to be published: 10' }).click();
      await page.getByRole('heading', { level: 1, name: 'Comments waiting to be checked' }).waitFor();
      const first = page.locator('li.comment').first();
      assert.equal((await first.locator('blockquote').textContent()).trim(), `Comment 0 on ${backend}`, 'oldest first');
      await first.getByRole('button', { name: 'Approve and publish' }).click();
      await page.getByText('The comment is approved: it is published with the results.').waitFor();
      const next = page.locator('li.comment').first();
      assert.equal((await next.locator('blockquote').textContent()).trim(), `Comment 1 on ${backend}`);
      await next.getByText('Hide this comment').click();
      await next.getByLabel('Reason (kept in the audit log)').fill('Names a neighbour');
      await next.getByRole('button', { name: 'Hide from public outputs' }).click();
      await page.getByText('The comment is hidden from public outputs.').waitFor();
      assert.equal(await counts(page), 'Comments from every version: 10. Waiting to be checked: 8. Published: 1. Hidden: 1.');
      await look(page, 'queue');
      await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
      assert.equal(await counts(page), 'Comments from every version: 10. Waiting to be checked: 8. Published: 1. Hidden: 1.');

      const plain = await browser.newPage({ viewport: PHONE });
      for (let i = 0; i < 40; i++) {
        await plain.goto(`${server.base}/consultations.html`);
        await plain.getByText(/residents have responded\./).first().waitFor();
        if (await plain.getByText(`Comment 0 on ${backend}`).count()) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(await plain.locator('blockquote').count(), 1, 'only the approved comment is published');
      assert.equal((await plain.locator('blockquote').textContent()).trim(), `Comment 0 on ${backend}`);
      await plain.close();
      await page.close();
    });

    test('sent twice: the copy is flagged, erased from its flag by reference, and the phone resending it is answered 410', async () => {
      const doc = JSON.parse(lines[5]);
      const first = { ...doc, submission_id: `twice-${backend}-0001`, comments: { overall: 'Sent twice by mistake' } };
      const again = { ...first, submission_id: `twice-${backend}-0002` };
      for (const d of [first, again]) assert.equal((await post(server.base, JSON.stringify(d))).status, 201);
      const page = await browser.newPage({ viewport: PHONE });
      await signInByLabels(page, server.base, ADMIN);
      await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
      await page.getByRole('link', { name: 'Likely duplicate responses' }).click();
      await page.getByRole('heading', { level: 1, name: 'Likely duplicate responses' }).waitFor();
      assert.equal((await page.locator('#duplicate-count').textContent()).trim(), 'Flagged: 1');
      const row = page.locator('tbody tr').filter({ hasText: again.submission_id });
      assert.match(await row.textContent(), new RegExp(`${again.submission_id}.*${first.submission_id}`));
      await look(page, 'duplicates');
      await row.getByRole('link', { name: `Erase this one (${again.submission_id})` }).click();
      assert.equal(await page.getByLabel("The response's reference").inputValue(), again.submission_id);
      await page.getByRole('button', { name: 'Find it' }).click();
      await page.getByLabel('I mean to erase it: this cannot be undone').check();
      await page.getByRole('button', { name: 'Erase the whole response' }).click();
      await page.getByText(/^The response is erased/).waitFor();
      await page.goto(`${server.base}/console/budgets/${DISTRICT}/duplicates`);
      assert.equal((await page.locator('#duplicate-count').textContent()).trim(), 'Flagged: 0');

      // The phone still holds the copy in its outbox (it was offline when first sent): it goes now.
      const context = await plainContext(browser);
      const app = await context.newPage();
      await app.goto(`${server.base}/consultations.html`);
      await app.evaluate((body) => localStorage.setItem('budget-outbox', JSON.stringify([{ id: JSON.parse(body).submission_id, body, queuedAt: new Date().toISOString() }])),
                         JSON.stringify(again));
      const answered = app.waitForResponse((r) => r.url().endsWith('/api/v1/submissions') && r.request().method() === 'POST');
      await app.goto(`${server.base}/?budget=${DISTRICT}`);
      const res = await answered;
      assert.equal(res.status(), 410);
      assert.equal((await res.json()).error.code, 'submission.erased');
      for (let i = 0; i < 40 && (await app.evaluate(() => localStorage.getItem('budget-outbox'))) !== '[]'; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await app.evaluate(() => localStorage.getItem('budget-outbox')), '[]', 'the outbox lets it go');
      await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
      assert.match(await page.locator('.headline').textContent(), /\b11\s+responses\b/, 'the first copy counts; the erased one is not stored again');
      await context.close();
      await page.close();
    });

    test('retention: five days on, the server purges comments, personal answers and duplicate keys; the dashboard says so', async () => {
      const dataDir = server.dataDir;
      await server.stop();
      // The server's clock moved forward by libfaketime: past the close, its grace and one day more.
      server = await start(dataDir, { LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', FAKETIME: '+5d',
                                      FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_NO_CACHE: '1' });
      const sql = (statement) => queryDatabase(pg, dataDir, statement);
      for (let i = 0; i < 60 && sql(`SELECT count(*) FROM purges WHERE budget_id = '${DISTRICT}'`) === '0'; i++) await new Promise((r) => setTimeout(r, 100));
      const page = await browser.newPage({ viewport: PHONE });
      await signInByLabels(page, server.base, ADMIN);
      await page.goto(`${server.base}/console/budgets/${DISTRICT}`);
      assert.match(await page.locator('#retention').textContent(),
                   /^Personal data purged on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST): 11 comments, \d+ personal answers and 0 voter codes\. The results stay\.$/);
      assert.equal(await counts(page), 'Comments from every version: 0. Waiting to be checked: 0. Published: 0. Hidden: 0.');
      assert.match(await page.locator('.headline').textContent(), /\b11\s+responses\b/, 'the results stay');
      await look(page, 'purged');
      for (const table of ['comments', 'approved_comments', 'hidden_comments', 'demographic_answers'])
        assert.equal(sql(`SELECT count(*) FROM ${table} WHERE budget_id = '${DISTRICT}'`), '0', table);
      assert.equal(sql(`SELECT count(*) FROM submissions WHERE budget_id = '${DISTRICT}' AND duplicate_key IS NOT NULL`), '0');
      await page.close();
    });
  });
}
