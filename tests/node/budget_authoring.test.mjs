// Budget authoring in the console over HTTP, on SQLite and PostgreSQL: download the budget as a
// workbook, upload it with problems (each listed by cell), fix and upload again, preview the draft
// (officers only, sending nothing), publish it as the next version, and take responses for both
// versions; the published version survives a restart. Limits: size, roles, CSRF, hostile files.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startPostgres, sample, post, root, toolBin, budgetsDir, officer, parseCsv } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN, ANALYST, editWorkbook } from './console_harness.mjs';

const ID = 'northmoor-county-2026';
const site = join(root, 'build', 'web', 'site');
const work = mkdtempSync(join(tmpdir(), 'authoring-'));


async function upload(base, session, csrf, name, bytes, { origin = base, fields = {} } = {}) {
  const form = new FormData();
  form.append('csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${base}/console/budgets/${ID}/drafts`, {
    method: 'POST', redirect: 'manual', body: form,
    headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', Cookie: `console_session=${session}` },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const bytesOf = async (res) => Buffer.from(await res.arrayBuffer());
// A page's markup without the labels its tables carry for phones.
const unlabelled = (html) => html.replace(/ data-label="[^"]*"/g, '');

// A large upload's header alone, as raw HTTP: a body declared too large is refused before it is sent.
function declaredUpload(port, session, length) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /console/budgets/${ID}/drafts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=b\r\n` +
        `Content-Length: ${length}\r\nOrigin: http://127.0.0.1:${port}\r\nSec-Fetch-Site: same-origin\r\nCookie: console_session=${session}\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (d) => { text += d; });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

for (const backend of ['sqlite', 'postgresql']) {
  describe(`budget authoring on ${backend}`, () => {
    let server, pg, admin, analyst, budgets;
    const db = () => (pg ? ['--database', pg.url] : []);
    const start = async (dataDir) => startServer({ dataDir, database: pg ? pg.url : '', budgets, extra: ['--site', site] });

    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      budgets = budgetsDir();
      server = await start();
      addOfficer(server, ADMIN, db());
      addOfficer(server, ANALYST, db());
      admin = sessionOf(await signIn(server.base, ADMIN));
      analyst = sessionOf(await signIn(server.base, ANALYST));
    });
    after(async () => {
      await server?.stop();
      pg?.stop();
    });

    test('a workbook with problems is listed by cell; fixed, it previews and publishes as version 2, and both versions take responses', async () => {
      const page = await get(server.base, `/console/budgets/${ID}/budget`, admin);
      assert.equal(page.status, 200);
      assert.match(page.text, /Residents see version <strong>1<\/strong>/);
      const csrf = csrfOf(page.text);

      // The current version as a workbook, as a finance officer downloads it.
      const xlsx = await fetch(`${server.base}/console/budgets/${ID}/budget.xlsx`, { headers: { Cookie: `console_session=${admin}` } });
      assert.equal(xlsx.status, 200);
      assert.match(xlsx.headers.get('content-disposition'), /filename="northmoor-county-2026-v1.xlsx"/);
      const original = join(work, `${backend}-v1.xlsx`);
      writeFileSync(original, await bytesOf(xlsx));

      // Two problems: each is listed with its sheet and cell, and what to do.
      const broken = join(work, `${backend}-broken.xlsx`);
      editWorkbook(original, broken, [['Services', 12, 'Lowest change', 0.2], ['Services', 5, 'Net spend', 'a lot']]);
      const first = await upload(server.base, admin, csrf, 'northmoor.xlsx', readFileSync(broken));
      assert.equal(first.status, 303, first.text);
      const draftPath = first.headers.get('location');
      assert.match(draftPath, new RegExp(`^/console/budgets/${ID}/drafts/\\d+$`));
      const problems = await get(server.base, draftPath, admin);
      assert.equal(problems.status, 200);
      assert.match(problems.text, /There are 2 problems\. Nothing can be published until they are put right\./);
      assert.match(problems.text, /<span class="place">Services!E5<\/span><\/th><td data-label="What is wrong">&quot;a lot&quot; is not an amount of money/);
      assert.match(problems.text, /<span class="place">Services!F12<\/span><\/th><td data-label="What is wrong">min_percent 20 is above max_percent 10/);
      assert.match(problems.text, /Type a number in this cell, with no words\./);
      assert.doesNotMatch(problems.text, /Publish as the next version/);
      assert.equal((await get(server.base, `${draftPath}/preview`, admin)).status, 404);
      const refused = await postForm(server.base, `${draftPath}/publish`, admin, { csrf });
      assert.equal(refused.status, 409);

      // Fixed (and one real change), it is ready.
      const fixed = join(work, `${backend}-fixed.xlsx`);
      editWorkbook(original, fixed, [['Services', 2, 'Name', 'Care and support for older people']]);
      const second = await upload(server.base, admin, csrf, 'northmoor.xlsx', readFileSync(fixed));
      assert.equal(second.status, 303);
      const ready = second.headers.get('location');
      const readyPage = await get(server.base, ready, admin);
      assert.match(readyPage.text, /This draft has no problems/);
      assert.match(readyPage.text, /Publish as the next version/);

      // The preview: officers only; the app's own page, framed by the console only; nothing sent.
      const preview = await get(server.base, `${ready}/preview?size=phone&lang=en`, analyst);
      assert.equal(preview.status, 200);
      assert.match(preview.headers.get('content-security-policy'), /frame-src 'self'/);
      assert.match(preview.text, /<iframe class="preview-phone" src="[^"]*\/app\/index.html\?lang=en"/);
      const app = await get(server.base, `${ready}/app/index.html`, analyst);
      assert.equal(app.status, 200);
      assert.match(app.headers.get('content-security-policy'), /frame-ancestors 'self'/);
      assert.equal(app.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.deepEqual(JSON.parse((await get(server.base, `${ready}/app/config.json`, analyst)).text),
        { budget: ID, submission_endpoint: 'preview-submissions', preview: true });
      const pack = await fetch(`${server.base}${ready}/app/budgets/${ID}.pack`, { headers: { Cookie: `console_session=${analyst}` } });
      assert.equal(pack.status, 200);
      assert.ok((await bytesOf(pack)).includes(Buffer.from('Care and support for older people')));
      assert.equal((await get(server.base, `${ready}/app/budgets/${ID}.pack`)).status, 303);  // no session: to sign-in
      assert.equal((await get(server.base, `${ready}/app/../../../../etc/passwd`, analyst)).status, 404);
      const sent = await fetch(`${server.base}${ready}/app/preview-submissions`, {
        method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Cookie: `console_session=${analyst}`, 'Sec-Fetch-Site': 'same-origin' },
      });
      assert.equal(sent.status, 403);
      assert.equal((await sent.json()).error.code, 'preview.not_sent');

      // An analyst cannot publish; an admin can.
      const analystCsrf = csrfOf((await get(server.base, `/console/budgets/${ID}/budget`, analyst)).text);
      assert.equal((await postForm(server.base, `${ready}/publish`, analyst, { csrf: analystCsrf })).status, 403);
      // Publishing first shows what changes against the live version, and asks.
      const asked = await postForm(server.base, `${ready}/publish`, admin, { csrf });
      assert.equal(asked.status, 200, asked.text);
      assert.match(asked.text, /<h1>Publish draft \d+ as version 2\?<\/h1>/);
      assert.match(asked.text, /No line, amount, range or council tax setting changes\./);
      assert.match(unlabelled(asked.text), /<th scope="row">Net budget \(all services\)<\/th><td class="number">£[\d,.]+<\/td><td class="number">£[\d,.]+<\/td><td class="number">no change<\/td>/);
      assert.match(asked.text, /<input type="hidden" name="confirmed" value="yes">/);
      assert.equal((await get(server.base, '/api/v1/budgets')).text.includes('"version":2'), false);  // nothing published yet
      const published = await postForm(server.base, `${ready}/publish`, admin, { csrf, confirmed: 'yes', when: 'now' });
      assert.equal(published.status, 303, published.text);
      assert.equal(published.headers.get('location'), `/console/budgets/${ID}/budget?done=published`);
      assert.equal((await postForm(server.base, `${ready}/publish`, admin, { csrf, confirmed: 'yes' })).status, 409);  // never twice

      // Residents get version 2 at once.
      const list = await (await fetch(`${server.base}/api/v1/budgets`)).json();
      assert.equal(list.budgets.find((b) => b.id === ID).version, 2);
      const json2 = await (await fetch(`${server.base}/budgets/${ID}.json`)).json();
      assert.equal(json2.version, 2);
      assert.equal(json2.services[0].name, 'Care and support for older people');
      const v2file = join(work, `${backend}-v2.json`);
      writeFileSync(v2file, JSON.stringify(json2));

      // A response made against version 1 (queued before the change) and one against version 2 are both kept.
      const [v1] = sample(`${ID}.json`, 1, 501);
      assert.equal((await post(server.base, v1)).status, 201);
      const [v2] = execFileSync(toolBin, ['sample', v2file, '--count', '1', '--seed', '502']).toString().trim().split('\n');
      assert.equal(JSON.parse(v2).budget.version, 2);
      assert.equal((await post(server.base, v2)).status, 201);

      // Results are per version: the public results and the officers' summary count version 2's
      // response alone, its demographic answers included (version 1's are not added in).
      let results;
      for (let i = 0; i < 100; i++) {
        results = await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).json();
        if (results.budget?.version === 2 && results.count === 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual([results.budget.version, results.count], [2, 1]);
      const exported = JSON.parse((await get(server.base, `/console/budgets/${ID}/aggregate.json`, admin)).text);
      const summary = exported.summary || exported;
      assert.equal(summary.count, 1);
      assert.ok(summary.demographics.length > 0);
      for (const q of summary.demographics) assert.ok(q.answers.reduce((n, a) => n + a.count, 0) <= 1, JSON.stringify(q));
      const now = await get(server.base, `/console/budgets/${ID}`, admin);
      assert.match(now.text, /Results for version 2, the one residents see now\./);
      assert.match(now.text, /<span class="figure">1<\/span> responses/);
      // Every version's responses lead, then the figures for this one.
      assert.match(now.text, /2 responses in all, to 2 versions: 1 to version 1, 1 to version 2\. The figures here are for version 2\./);
      const home = await get(server.base, '/console/', admin);
      assert.match(unlabelled(home.text), new RegExp(`<td class="number">2<br><span class="hint">1 to this version</span></td>`));
      // Across versions: every lever kept its meaning (only a name changed), so both responses count.
      assert.match(now.text, /<h2 id="across">Across versions<\/h2>/);
      assert.match(now.text, /<tr><th scope="row">Care and support for older people<\/th><td>1, 2<\/td><td class="number">2<\/td>/);
      assert.match(now.text, /<tr><th scope="row">Council tax<\/th><td>1, 2<\/td><td class="number">2<\/td>/);
      // The API's row exports hold every version unless asked for one; anything they do not take is refused.
      const versionsOf = (r) => r.text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).budget.version);
      const every = versionsOf(await officer(server.base, ID, 'submissions.jsonl'));
      assert.deepEqual([...new Set(every)], [1, 2]);
      const csv = parseCsv((await officer(server.base, ID, 'export.csv')).text.replace(/^\uFEFF/, ''));
      assert.deepEqual(csv.slice(1).filter((r) => r.length > 1).map((r) => Number(r[csv[0].indexOf('version')])), every);
      assert.deepEqual([...new Set(versionsOf(await officer(server.base, ID, 'submissions.jsonl?version=1')))], [1]);
      const afterV1 = versionsOf(await officer(server.base, ID, `submissions.jsonl?since=${JSON.parse(v1).submission_id}`));
      assert.deepEqual(afterV1, [2]);
      assert.deepEqual(versionsOf(await officer(server.base, ID, 'submissions.jsonl?since=2000-01-01T00:00:00Z')), every);
      assert.deepEqual(versionsOf(await officer(server.base, ID, 'submissions.jsonl?since=2999-01-01T00:00:00%2B01:00')), []);
      const refusedExport = async (what) => { const r = await officer(server.base, ID, what); return [r.status, JSON.parse(r.text).error]; };
      assert.deepEqual(await refusedExport('export.csv?version=7'), [400, { code: 'export.unknown_version',
        message: 'budget "northmoor-county-2026" has no version "7"; its versions are 1, 2' }]);
      assert.deepEqual(await refusedExport('export.csv?from=1'), [400, { code: 'export.unknown_parameter',
        message: '"from" is not a parameter of this export; it takes version and since (and headers)' }]);
      assert.deepEqual(await refusedExport('aggregate.json?since=yesterday'), [400, { code: 'export.bad_since',
        message: 'since is neither a time such as 2026-12-07T09:00:00Z nor the id of a stored response' }]);
      const summaryV1 = JSON.parse((await officer(server.base, ID, 'aggregate.json?version=1')).text).summary;
      assert.deepEqual([summaryV1.budget.version, summaryV1.count], [1, 1]);
      const before1 = await get(server.base, `/console/budgets/${ID}?version=1`, admin);
      assert.doesNotMatch(before1.text, /Across versions/);
      assert.match(before1.text, /These are the results for version 1, an earlier version\./);
      assert.match(before1.text, /<span class="figure">1<\/span> responses/);
      assert.match(before1.text, /export\.csv\?version=1/);
      const v1json = await get(server.base, `/console/budgets/${ID}/budget.json?version=1`, admin);
      assert.equal(JSON.parse(v1json.text).version, 1);
      assert.equal((await get(server.base, `/console/budgets/${ID}?version=9`, admin)).status, 404);

      const audit = await get(server.base, '/console/audit', admin);
      assert.match(audit.text, /budget\.draft_uploaded/);
      assert.match(audit.text, /budget\.published/);

      // After a restart the published version is still the current one.
      await server.stop();
      server = await start(server.dataDir);
      const again = await (await fetch(`${server.base}/api/v1/budgets`)).json();
      assert.equal(again.budgets.find((b) => b.id === ID).version, 2);
      const versions = await get(server.base, `/console/budgets/${ID}/budget`, admin);
      assert.match(versions.text, /Published by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)/);
    });

    test('a publish lists what changes in pounds; it can be scheduled for a time or cancelled, and rolled back in one step', async () => {
      const page = await get(server.base, `/console/budgets/${ID}/budget`, admin);
      const csrf = csrfOf(page.text);
      const live = JSON.parse((await get(server.base, `/console/budgets/${ID}/budget.json`, admin)).text);
      assert.equal(live.version, 2);
      // Exact pence from the file's figures (never through a float), back as "pounds.pence".
      const pence = (x) => { const [w, f = ''] = String(x).split('.'); return BigInt(w) * 100n + BigInt((f + '00').slice(0, 2)); };
      const pounds = (p) => `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
      const changed = structuredClone(live);
      changed.funding[0].amount = pounds(pence(live.funding[0].amount) + 100000n);  // £1,000 more funding
      changed.gap_to_close = pounds(pence(live.gap_to_close) - 100000n);            // so £1,000 less to close
      const removed = changed.efficiencies.pop();
      const draftOf = async (doc, name) => (await upload(server.base, admin, csrf, name, Buffer.from(JSON.stringify(doc)))).headers.get('location');
      const draft = await draftOf(changed, 'changed.json');
      const asked = await postForm(server.base, `${draft}/publish`, admin, { csrf });
      assert.equal(asked.status, 200);
      assert.match(asked.text, /<h1>Publish draft \d+ as version 3\?<\/h1>/);
      assert.match(asked.text, /Residents now see version 2; 1 response has been made to it\./);
      assert.match(unlabelled(asked.text), /<th scope="row">Gap to close<\/th><td class="number">£[\d,.]+<\/td><td class="number">£[\d,.]+<\/td><td class="number">-£1,000\.00<\/td>/);
      assert.match(unlabelled(asked.text), /<th scope="row">Funding, with council tax<\/th><td class="number">£[\d,.]+<\/td><td class="number">£[\d,.]+<\/td><td class="number">\+£1,000\.00<\/td>/);
      assert.match(unlabelled(asked.text), new RegExp(`<th scope="row">${live.funding[0].name.replace(/[()]/g, '\\$&')}</th><td>Funding</td><td>Amount changed</td>`));
      assert.match(unlabelled(asked.text), new RegExp(`<th scope="row">${removed.name}</th><td>Saving option</td><td>Removed</td><td class="number">£[\\d,.]+</td><td class="number">–</td><td class="number">-£`));

      // A time that has passed is refused, with what was typed kept and the problem beside the field.
      const later = async (at) => postForm(server.base, `${draft}/publish`, admin, { csrf, confirmed: 'yes', when: 'later', publish_at: at });
      const past = await later('2020-06-01T09:00');
      assert.equal(past.status, 400);
      assert.match(past.text, /<a href="#publish_at">That time has passed\./);
      assert.match(past.text, /<input id="publish_at" name="publish_at" type="datetime-local" value="2020-06-01T09:00" aria-describedby="publish_at-error" aria-invalid="true">/);
      assert.match(past.text, /id="when-later" name="when" type="radio" value="later" checked/);
      assert.equal((await later('2027-03-28T01:30')).status, 400);  // the hour the clocks skip
      // In UK time, a few seconds from now (as an officer's clock on the wall reads it).
      const ukLocal = (ms) => {
        const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
          hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
        return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
      };
      const scheduled = await later(ukLocal(Date.now() + 3000));
      assert.equal(scheduled.status, 303, scheduled.text);
      assert.equal(scheduled.headers.get('location'), `/console/budgets/${ID}/budget?done=scheduled`);
      const waiting = await get(server.base, `/console/budgets/${ID}/budget?done=scheduled`, admin);
      assert.match(waiting.text, /The publish is scheduled\. Residents see nothing new until its time\./);
      assert.match(waiting.text, /Draft \d+ is to be published as the next version on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST), as alice\.admin scheduled\./);
      // Only one at a time: a second is refused while the first waits.
      const other = await draftOf(live, 'same-again.json');
      const second = await postForm(server.base, `${other}/publish`, admin, { csrf, confirmed: 'yes', when: 'later', publish_at: ukLocal(Date.now() + 3600e3) });
      assert.equal(second.status, 409);
      assert.match(second.text, /Another publish is scheduled for this consultation\./);
      let version = 2;
      for (let i = 0; i < 100 && version === 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        version = (await (await fetch(`${server.base}/api/v1/budgets`)).json()).budgets.find((b) => b.id === ID).version;
      }
      assert.equal(version, 3);
      assert.equal((await (await fetch(`${server.base}/budgets/${ID}.json`)).json()).efficiencies.length, live.efficiencies.length - 1);
      const audit = await get(server.base, '/console/audit?action=budget.published', admin);
      assert.match(audit.text, /version 3 from draft \d+ \(changed\.json\), as scheduled/);

      // A publish scheduled and cancelled changes nothing.
      assert.equal((await postForm(server.base, `${other}/publish`, admin, { csrf, confirmed: 'yes', when: 'later', publish_at: ukLocal(Date.now() + 3600e3) })).status, 303);
      const cancelled = await postForm(server.base, `/console/budgets/${ID}/schedule/cancel`, admin, { csrf });
      assert.equal(cancelled.headers.get('location'), `/console/budgets/${ID}/budget?done=cancelled`);
      assert.equal((await postForm(server.base, `/console/budgets/${ID}/schedule/cancel`, admin, { csrf })).status, 409);
      const analystCsrf = csrfOf((await get(server.base, `/console/budgets/${ID}/budget`, analyst)).text);
      assert.equal((await postForm(server.base, `/console/budgets/${ID}/schedule/cancel`, analyst, { csrf: analystCsrf })).status, 403);

      // A response to version 3, then the rollback: version 4 repeats version 2, and the response keeps version 3.
      const v3file = join(work, `${backend}-v3.json`);
      writeFileSync(v3file, JSON.stringify(await (await fetch(`${server.base}/budgets/${ID}.json`)).json()));
      const [v3] = execFileSync(toolBin, ['sample', v3file, '--count', '1', '--seed', '503']).toString().trim().split('\n');
      assert.equal((await post(server.base, v3)).status, 201);
      const rollbackPage = await get(server.base, `/console/budgets/${ID}/budget`, admin);
      assert.match(rollbackPage.text, /<button class="button warning">Roll back to version 2<\/button>/);
      assert.doesNotMatch((await get(server.base, `/console/budgets/${ID}/budget`, analyst)).text, /Roll back to version/);
      const roll = (fields) => postForm(server.base, `/console/budgets/${ID}/rollback`, admin, { csrf, ...fields });
      assert.equal((await roll({ expected: '3' })).status, 400);               // not ticked
      assert.equal((await roll({ expected: '2', confirm: 'yes' })).status, 409);  // the page was out of date
      assert.equal((await postForm(server.base, `/console/budgets/${ID}/rollback`, analyst, { csrf: analystCsrf, expected: '3', confirm: 'yes' })).status, 403);
      const rolled = await roll({ expected: '3', confirm: 'yes' });
      assert.equal(rolled.status, 303, rolled.text);
      const v4 = await (await fetch(`${server.base}/budgets/${ID}.json`)).json();
      assert.equal(v4.version, 4);
      assert.deepEqual({ ...v4, version: 2 }, live);
      const rolledPage = await get(server.base, `/console/budgets/${ID}/budget?done=rolled_back`, admin);
      assert.match(rolledPage.text, /Rolled back: residents now see version 4, which repeats version 2\./);
      assert.match(rolledPage.text, /<th scope="row">4 \(current\)<\/th><td>Version 2 again, rolled back by alice\.admin on /);
      const rows = (await officer(server.base, ID, 'submissions.jsonl')).text.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(rows.find((r) => r.submission_id === JSON.parse(v3).submission_id).budget.version, 3);
      assert.match((await get(server.base, '/console/audit?action=budget.rolled_back', admin)).text, /version 4 repeats version 2 \(was version 3\)/);

      // A restart keeps all of it.
      await server.stop();
      server = await start(server.dataDir);
      assert.equal((await (await fetch(`${server.base}/budgets/${ID}.json`)).json()).version, 4);
      assert.match((await get(server.base, `/console/budgets/${ID}/budget`, admin)).text, /<th scope="row">4 \(current\)<\/th><td>Version 2 again, rolled back by alice\.admin on /);
    });

    test('a consultation is started from a starting budget or from a workbook with a new id, published as version 1 with no restart, and kept', async () => {
      const home = await get(server.base, '/console/', admin);
      const csrf = csrfOf(home.text);
      assert.match(home.text, /<summary>Start a consultation<\/summary>/);
      assert.doesNotMatch((await get(server.base, '/console/', analyst)).text, /Start a consultation/);
      const begin = async (fields, file, session = admin, token = csrf) => {
        const form = new FormData();
        form.append('csrf', token);
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        if (file) form.append('file', new Blob([file.bytes]), file.name);
        const res = await fetch(`${server.base}/console/consultations/new`, {
          method: 'POST', redirect: 'manual', body: form,
          headers: { Origin: server.base, 'Sec-Fetch-Site': 'same-origin', Cookie: `console_session=${session}` },
        });
        return { status: res.status, headers: res.headers, text: await res.text() };
      };
      // Refused, with what was typed kept and the problem beside its field.
      const badId = await begin({ id: 'West Field', start: 'template', kind: 'english-district' });
      assert.equal(badId.status, 400);
      assert.match(badId.text, /<a href="#start-id">Give the consultation an id of 3 to 64 small letters, digits and hyphens/);
      assert.match(badId.text, /<input id="start-id" name="id" type="text" value="West Field"/);
      assert.match(badId.text, /<option value="english-district" selected>/);
      assert.match((await begin({ id: ID, start: 'template', kind: 'english-county' })).text, /A consultation with that id exists already\./);
      assert.match((await begin({ id: 'westfield-2027', start: 'template', kind: 'parish' })).text, /<a href="#start-kind">Choose the kind of council/);
      assert.match((await begin({ id: 'westfield-2027', start: 'workbook' })).text, /<a href="#start-file">Choose a workbook/);
      const analystCsrf = csrfOf((await get(server.base, '/console/', analyst)).text);
      assert.equal((await begin({ id: 'westfield-2027', start: 'template', kind: 'english-district' }, null, analyst, analystCsrf)).status, 403);

      // From the district's starting budget: a draft at once, with no problems, nothing public.
      const made = await begin({ id: 'westfield-2027', start: 'template', kind: 'english-district' });
      assert.equal(made.status, 303, made.text);
      const draft = made.headers.get('location');
      assert.match(draft, /^\/console\/budgets\/westfield-2027\/drafts\/\d+$/);
      assert.match((await get(server.base, draft, admin)).text, /This draft has no problems\./);
      assert.equal(JSON.parse((await get(server.base, `${draft}/budget.json`, admin)).text).id, 'westfield-2027');
      assert.match((await begin({ id: 'westfield-2027', start: 'template', kind: 'english-district' })).text, /exists already/);
      const listed = await get(server.base, '/console/', admin);
      assert.match(unlabelled(listed.text), /<a href="\/console\/budgets\/westfield-2027\/budget">westfield-2027<\/a><br><span class="hint">Started by alice\.admin on [^<]+<\/span><\/th><td><strong>Draft: not published yet<\/strong>/);
      const pending = await get(server.base, '/console/budgets/westfield-2027/budget', admin);
      assert.equal(pending.status, 200);
      assert.match(pending.text, /Nothing is published yet: residents cannot see this consultation\./);
      assert.equal((await get(server.base, '/console/budgets/westfield-2027', admin)).status, 404);  // no results before version 1
      assert.equal((await fetch(`${server.base}/budgets/westfield-2027.json`)).status, 404);

      // Published as version 1: every line is new; residents get it at once and can respond.
      const asked = await postForm(server.base, `${draft}/publish`, admin, { csrf });
      assert.equal(asked.status, 200);
      assert.match(asked.text, /<h1>Publish draft \d+ as version 1\?<\/h1>/);
      assert.match(asked.text, /Nothing is published yet: residents see this consultation first as version 1\./);
      assert.match(unlabelled(asked.text), /<th scope="row">Bin collections<\/th><td>Service<\/td><td>Added<\/td>/);
      assert.equal((await postForm(server.base, `${draft}/publish`, admin, { csrf, confirmed: 'yes', when: 'now' })).status, 303);
      const live = await (await fetch(`${server.base}/budgets/westfield-2027.json`)).json();
      assert.deepEqual([live.id, live.version], ['westfield-2027', 1]);
      assert.ok((await (await fetch(`${server.base}/api/v1/budgets`)).json()).budgets.some((b) => b.id === 'westfield-2027'));
      const livefile = join(work, `${backend}-westfield.json`);
      writeFileSync(livefile, JSON.stringify(live));
      const [answer] = execFileSync(toolBin, ['sample', livefile, '--count', '1', '--seed', '504']).toString().trim().split('\n');
      assert.equal((await post(server.base, answer)).status, 201);
      const overview = await get(server.base, '/console/', admin);
      assert.match(unlabelled(overview.text), /<a href="\/console\/budgets\/westfield-2027">Example District Council<\/a><br><span class="hint">2027\/28 · westfield-2027, version 1<\/span><\/th><td><strong>Open<\/strong><br><span class="hint">No dates set<\/span><\/td><td class="number">1<\/td>/);
      assert.match(overview.text, /<a href="\/\?budget=westfield-2027">As residents see it<\/a>/);
      assert.match((await get(server.base, '/console/audit?action=consultation.started', admin)).text, /from template english-district, draft \d+, no problems/);
      // budget-tool exports it by its id, reading the budget from the same database as the server.
      const where = pg ? ['--database', pg.url] : ['--data', server.dataDir];
      let offline = '';
      for (let i = 0; i < 50 && !offline.trim(); i++) {  // the response is durable once the server answered; the scan sees it
        offline = execFileSync(toolBin, ['export', 'westfield-2027', ...where, '--format', 'jsonl']).toString();
      }
      assert.deepEqual(offline.trim().split('\n').map((l) => JSON.parse(l).submission_id), [JSON.parse(answer).submission_id]);
      assert.equal(execFileSync(toolBin, ['export', 'westfield-2027', ...where, '--format', 'csv']).toString(),
        (await officer(server.base, 'westfield-2027', 'export.csv')).text);
      const refusedTool = (args) => { try { execFileSync(toolBin, args, { stdio: 'pipe' }); return ''; } catch (e) { return e.stderr.toString(); } };
      assert.equal(refusedTool(['export', 'westfield-2027', ...where, '--version', '3']),
        'budget-tool: "westfield-2027" has no version 3 in this database; its versions are 1\n');
      assert.equal(refusedTool(['export', 'nowhere-2027', ...where]),
        'budget-tool: "nowhere-2027" is neither a budget file nor a consultation with a version published in this database (a consultation run from a budget file: give the file)\n');

      // From a workbook of another consultation, given a new id: the id is the new one's.
      const book = Buffer.from(await (await fetch(`${server.base}/console/budgets/${ID}/budget.xlsx`, { headers: { Cookie: `console_session=${admin}` } })).arrayBuffer());
      const copied = await begin({ id: 'northmoor-2027', start: 'workbook' }, { bytes: book, name: 'last-year.xlsx' });
      assert.equal(copied.status, 303, copied.text);
      const copiedDraft = copied.headers.get('location');
      assert.match((await get(server.base, copiedDraft, admin)).text, /This draft has no problems\./);
      assert.equal(JSON.parse((await get(server.base, `${copiedDraft}/budget.json`, admin)).text).id, 'northmoor-2027');

      // A restart keeps both: the published one is served, the other is still a draft.
      await server.stop();
      server = await start(server.dataDir);
      assert.equal((await (await fetch(`${server.base}/budgets/westfield-2027.json`)).json()).version, 1);
      const after = await get(server.base, '/console/', admin);
      assert.match(after.text, /<a href="\/console\/budgets\/northmoor-2027\/budget">northmoor-2027<\/a>/);
      assert.match(after.text, /westfield-2027, version 1/);
    });

    test('uploads are limited: administrators only, the form\'s token, 10 MiB, and hostile or foreign files become problems', async () => {
      const page = await get(server.base, `/console/budgets/${ID}/budget`, admin);
      const csrf = csrfOf(page.text);
      const analystCsrf = csrfOf((await get(server.base, `/console/budgets/${ID}/budget`, analyst)).text);
      const json = readFileSync(join(root, 'budgets', `${ID}.json`));
      assert.equal((await upload(server.base, analyst, analystCsrf, 'b.json', json)).status, 403);
      assert.equal((await upload(server.base, admin, 'f'.repeat(64), 'b.json', json)).status, 403);
      assert.equal((await upload(server.base, admin, csrf, 'b.json', json, { origin: 'http://evil.example' })).status, 403);
      const big = await declaredUpload(server.port, admin, 11 << 20);
      assert.match(big, /^HTTP\/1\.1 413 /);
      assert.match(big, /"message":"an uploaded file is at most 10 MiB"/);
      // Within the limit, a workbook of 9 MiB is read, and refused as not a workbook.
      const large = await upload(server.base, admin, csrf, 'large.xlsx', Buffer.alloc(9 << 20, 65));
      assert.equal(large.status, 303);
      // An ordinary form post is still held to 64 KiB.
      const form = await postForm(server.base, '/console/password', admin, { csrf, x: 'y'.repeat(70 << 10) });
      assert.equal(form.status, 413);

      const cases = [
        ['not-a-workbook.xlsx', Buffer.from('PK\u0003\u0004 broken zip'), /The whole file<\/span><\/th><td data-label="What is wrong">this is not an .xlsx workbook/],
        ['other.json', Buffer.from(JSON.stringify({ ...JSON.parse(json), id: 'somewhere-else' })), /this file is the budget &quot;somewhere-else&quot;, not &quot;northmoor-county-2026&quot;/],
        ['broken.json', Buffer.from('{"id": '), /Line 1, column 8/],
      ];
      for (const [name, bytes, expected] of cases) {
        const res = await upload(server.base, admin, csrf, name, bytes);
        assert.equal(res.status, 303, name);
        const draft = await get(server.base, res.headers.get('location'), admin);
        assert.match(draft.text, expected, name);
        assert.match(draft.text, /Nothing can be published until/, name);
      }
      // A file name is shown as text, never as markup.
      const res = await upload(server.base, admin, csrf, '<img src=x onerror=alert(1)>.json', json);
      const draft = await get(server.base, res.headers.get('location'), admin);
      assert.doesNotMatch(draft.text, /<img src=x/);
      assert.match(draft.text, /&lt;img src=x onerror=alert\(1\)&gt;\.json/);
    });
  });
}
