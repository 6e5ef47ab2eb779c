// Public results are never about one person: against SQLite and PostgreSQL, a budget's /results and
// its live event stream hold only the count until 10 people have responded; an administrator may
// raise the number per consultation in the console (audited, kept across a restart), never below 10;
// and the plain consultations page says so in Chromium, with a link to take part.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, startPostgres, sample, post, root } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN, ANALYST } from './console_harness.mjs';
import { lookAtPage } from './browser_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const shots = join(root, 'build', 'screenshots', 'results-threshold');

// The results document once it counts at least `count` responses (counted off the request threads).
async function resultsAt(base, count) {
  for (let i = 0; i < 100; i++) {
    const body = await (await fetch(`${base}/api/v1/budgets/${DISTRICT}/results`)).json();
    if (body.count >= count) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`results never reached ${count}`);
}

// The first `results` event of the live stream (what a projector's tally is sent).
async function firstEvent(base) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/budgets/${DISTRICT}/events`, { signal: controller.signal });
  const reader = res.body.getReader();
  let text = '';
  while (!/\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  return JSON.parse(text.match(/^data: (.*)$/m)[1]);
}

// A response with a comment, which the district publishes with its results once an officer approves it.
const withComment = (line, text) => JSON.stringify({ ...JSON.parse(line), comments: { overall: text } });

for (const backend of ['sqlite', 'postgresql']) {
  describe(`results threshold on ${backend}`, () => {
    let pg;  // a cluster of its own for each test
    const lines = sample(`${DISTRICT}.json`, 14, 1010);
    beforeEach(async () => { if (backend === 'postgresql') pg = await startPostgres(); });
    afterEach(() => pg?.stop());

    test('below 10 responses only the count is public, in /results and the event stream; from the 10th the figures and comments', async () => {
      const server = await startServer({ database: pg ? pg.url : '' });
      try {
        for (const [i, line] of lines.slice(0, 9).entries()) assert.equal((await post(server.base, withComment(line, `comment ${i}`))).status, 201);
        const held = await resultsAt(server.base, 9);
        assert.deepEqual(held, { budget: { id: DISTRICT, version: 1 }, count: 9, suppressed: true, threshold: 10 });
        assert.deepEqual(await firstEvent(server.base), held);
        assert.equal((await post(server.base, withComment(lines[9], 'the tenth'))).status, 201);
        const shown = await resultsAt(server.base, 10);
        assert.equal(shown.count, 10);
        assert.ok(!('suppressed' in shown));
        assert.ok(shown.services.length > 0 && shown.services.every((s) => /^-?\d+\.\d{4}$/.test(s.median_percent)));
        assert.equal(shown.comments.length, 0, 'the district checks comments before publishing them (comment_moderation tests the queue)');
        assert.deepEqual(await firstEvent(server.base), shown);
      } finally { await server.stop(); }
    });

    test('an admin raises the number in the console (audited, kept across a restart), never below 10; an analyst cannot', async () => {
      let server = await startServer({ database: pg ? pg.url : '' });
      const dataDir = server.dataDir;
      const db = pg ? ['--database', pg.url] : [];
      const path = `/console/budgets/${DISTRICT}/threshold`;
      try {
        addOfficer(server, ADMIN, db);
        addOfficer(server, ANALYST, db);
        for (const line of lines.slice(0, 11)) assert.equal((await post(server.base, line)).status, 201);
        assert.ok(!('suppressed' in await resultsAt(server.base, 11)));

        const analyst = sessionOf(await signIn(server.base, ANALYST));
        const seen = await get(server.base, `/console/budgets/${DISTRICT}`, analyst);
        assert.ok(seen.text.includes('The public results show no figures until 10 people have responded.'));
        assert.ok(seen.text.includes('The least there can be: 10.'));
        assert.ok(!seen.text.includes('Change the number'));
        assert.equal((await postForm(server.base, path, analyst, { csrf: csrfOf(seen.text), threshold: '20' })).status, 403);

        const admin = sessionOf(await signIn(server.base, ADMIN));
        const page = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        assert.ok(page.text.includes('Change the number'));
        const csrf = csrfOf(page.text);
        for (const threshold of ['9', '0', '-12', '12.5', 'twelve', '', '1000001', '99999999999999999999']) {
          const bad = await postForm(server.base, path, admin, { csrf, threshold });
          assert.equal(bad.status, 400, threshold);
          assert.ok(bad.text.includes('Give a whole number of responses from 10 to 1000000: results are never shown about fewer than 10 people. Nothing was changed.'), threshold);
        }
        assert.equal((await postForm(server.base, path, admin, { csrf: '0'.repeat(64), threshold: '12' })).status, 403, 'a forged form');
        const saved = await postForm(server.base, path, admin, { csrf, threshold: '12' });
        assert.equal(saved.status, 303);
        assert.equal(saved.headers.get('location'), `/console/budgets/${DISTRICT}?done=threshold`);
        const after = await get(server.base, `/console/budgets/${DISTRICT}?done=threshold`, admin);
        assert.ok(after.text.includes('The threshold is saved.'));
        assert.ok(after.text.includes('The public results show no figures until 12 people have responded.'));
        assert.match(after.text, /Set in the console by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)\./);
        const audit = await get(server.base, '/console/audit', admin);
        assert.ok(audit.text.includes(`changed when results are public for ${DISTRICT}. 12 responses <span class="hint">(results.threshold_changed)</span>`));
        // Within about a second the public results hold only the count again.
        let body;
        for (let i = 0; i < 60 && !body?.suppressed; i++) {
          body = await (await fetch(`${server.base}/api/v1/budgets/${DISTRICT}/results`)).json();
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepEqual(body, { budget: { id: DISTRICT, version: 1 }, count: 11, suppressed: true, threshold: 12 });
      } finally { await server.stop(); }

      server = await startServer({ dataDir, database: pg ? pg.url : '' });  // kept in the database
      try {
        assert.deepEqual(await resultsAt(server.base, 11), { budget: { id: DISTRICT, version: 1 }, count: 11, suppressed: true, threshold: 12 });
        assert.equal((await post(server.base, lines[11])).status, 201);
        assert.ok(!('suppressed' in await resultsAt(server.base, 12)), 'the 12th response shows the figures');
        const admin = sessionOf(await signIn(server.base, ADMIN));
        const page = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        assert.equal((await postForm(server.base, path, admin, { csrf: csrfOf(page.text), threshold: '10' })).status, 303, 'back down to 10');
        assert.match((await get(server.base, `/console/budgets/${DISTRICT}`, admin)).text, /no figures until 10 people/);
      } finally { await server.stop(); }
    });
  });
}

test('the consultations page says when results will appear, links to take part, and passes axe (English and Welsh, phone and desktop)', async () => {
  mkdirSync(shots, { recursive: true });
  const server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    for (const line of sample(`${DISTRICT}.json`, 3, 99)) assert.equal((await post(server.base, line)).status, 201);
    await resultsAt(server.base, 3);
    for (const [lang, words, take] of [['', '3 residents have responded. Results appear once 10 people have responded.', 'Take part: balance the budget'],
                                       ['cy', 'Mae 3 o drigolion wedi ymateb. Bydd canlyniadau’n ymddangos pan fydd 10 o bobl wedi ymateb.', 'Cymryd rhan: cydbwyso’r gyllideb']]) {
      for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${server.base}/consultations.html${lang ? '?lang=cy' : ''}`);
        const article = page.locator(`article[aria-labelledby="h-${DISTRICT}"]`);
        await article.getByText(words).waitFor();
        assert.equal(await article.locator('table').count(), 0, 'no figures');
        const link = article.getByRole('link', { name: take });
        assert.equal(await link.getAttribute('href'), `index.html?budget=${DISTRICT}${lang ? '&lang=cy' : ''}`);
        await lookAtPage(page, shots, `consultations-held${lang ? '-cy' : ''}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
});
