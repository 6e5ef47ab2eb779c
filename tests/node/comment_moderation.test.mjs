// Residents' comments checked before they are published, and likely duplicate responses flagged,
// against SQLite and PostgreSQL: the queue (oldest first, approve, hide with a reason), counts that
// agree on the dashboard, the comments page and the public results; a budget that publishes at
// once; duplicates by a keyed hash of the sender's address (through a trusted proxy), shown to
// officers and carried by the exports; and docs/privacy.md naming every table the database holds.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { startServer, startPostgres, sample, root, officer, queryDatabase } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN, ANALYST } from './console_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';

// A budgets folder holding the district budget with these fields changed.
function budgetsWith(fields) {
  const dir = mkdtempSync(join(tmpdir(), 'moderation-budgets-'));
  const doc = JSON.parse(readFileSync(join(root, 'budgets', `${DISTRICT}.json`), 'utf8'));
  writeFileSync(join(dir, `${DISTRICT}.json`), JSON.stringify({ ...doc, ...fields }));
  return dir;
}

// A response from `address` (the proxy's X-Forwarded-For) with one overall comment.
async function send(base, line, { id, comment, address = '198.51.100.7' }) {
  const doc = JSON.parse(line);
  if (id) doc.submission_id = id;
  doc.comments = { overall: comment };
  const res = await fetch(`${base}/api/v1/submissions`, {
    method: 'POST', body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
  });
  assert.equal(res.status, 201, await res.text());
  return doc.submission_id;
}

async function publicComments(base, count) {
  let body;
  for (let i = 0; i < 60; i++) {
    body = await (await fetch(`${base}/api/v1/budgets/${DISTRICT}/results`)).json();
    if (count === undefined || (body.comments || []).length === count) return body.comments || [];
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the public results have ${(body.comments || []).length} comments, not ${count}`);
}

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

for (const backend of ['sqlite', 'postgresql']) {
  describe(`comment moderation and duplicates on ${backend}`, () => {
    let pg;
    before(async () => { if (backend === 'postgresql') pg = await startPostgres(); });
    after(() => pg?.stop());
    const start = (budgets) => startServer({ database: pg ? pg.url : '', budgets, extra: ['--trusted-proxy', '127.0.0.1'] });
    const lines = sample(`${DISTRICT}.json`, 12, 4242);

    test('checked first: comments wait in a queue, oldest first; an admin approves or hides each; counts agree on every page and in public', async () => {
      const server = await start(budgetsWith({}));
      const db = pg ? ['--database', pg.url] : [];
      try {
        addOfficer(server, ADMIN, db);
        addOfficer(server, ANALYST, db);
        const listed = (await (await fetch(`${server.base}/api/v1/budgets`)).json()).budgets.find((b) => b.id === DISTRICT);
        assert.equal(listed.comments_public, true);
        assert.equal(listed.comments_checked_first, true);
        const ids = [];
        for (const [i, line] of lines.slice(0, 10).entries()) ids.push(await send(server.base, line, { comment: `comment number ${i}`, address: `198.51.100.${i + 1}` }));
        assert.deepEqual(await publicComments(server.base), [], 'nothing is published before it is checked');

        const admin = sessionOf(await signIn(server.base, ADMIN));
        const summary = 'Comments from every version: 10. Waiting to be checked: 10. Published: 0. Hidden: 0.';
        const dashboard = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        assert.ok(text(dashboard.text).includes(summary), 'the dashboard counts');
        assert.ok(text(dashboard.text).includes('Check the comments waiting to be published: 10'));
        const queue = await get(server.base, `/console/budgets/${DISTRICT}/comments?state=waiting`, admin);
        assert.equal(queue.status, 200);
        assert.ok(text(queue.text).includes(summary), 'the queue counts the same');
        assert.ok(queue.text.includes('<h1>Comments waiting to be checked</h1>'));
        assert.deepEqual([...queue.text.matchAll(/<blockquote><p>(comment number \d+)<\/p><\/blockquote>/g)].map((m) => m[1]),
                         Array.from({ length: 10 }, (_, i) => `comment number ${i}`), 'oldest first');
        const csrf = csrfOf(queue.text);
        const back = `/console/budgets/${DISTRICT}/comments?state=waiting`;
        const approve = (submission, session = admin) => postForm(server.base, `/console/budgets/${DISTRICT}/comments/approve`, session,
                                                                  { csrf, submission, about: 'overall', back });

        const analyst = sessionOf(await signIn(server.base, ANALYST));
        const analystPage = await get(server.base, back, analyst);
        assert.ok(!analystPage.text.includes('Approve and publish'), 'an analyst is not offered approval');
        assert.equal((await postForm(server.base, `/console/budgets/${DISTRICT}/comments/approve`, analyst,
                                     { csrf: csrfOf(analystPage.text), submission: ids[0], about: 'overall', back })).status, 403);

        const approved = await approve(ids[0]);
        assert.equal(approved.status, 303);
        assert.equal(approved.headers.get('location'), `${back}&done=approved`);
        assert.equal((await approve('no-such-response-0001')).status, 404);
        const hidden = await postForm(server.base, `/console/budgets/${DISTRICT}/comments/hide`, admin,
                                      { csrf, submission: ids[1], about: 'overall', reason: 'Names a neighbour', back });
        assert.equal(hidden.status, 303);
        assert.deepEqual((await publicComments(server.base, 1)).map((c) => c.text), ['comment number 0']);

        const after = 'Comments from every version: 10. Waiting to be checked: 8. Published: 1. Hidden: 1.';
        const queued = await get(server.base, `${back}&done=approved`, admin);
        assert.ok(text(queued.text).includes('The comment is approved: it is published with the results.'));
        assert.ok(text(queued.text).includes(after));
        assert.ok(text(queued.text).includes('Showing comments 1 to 8 of 8.'));
        assert.ok(!queued.text.includes('comment number 0<') && !queued.text.includes('comment number 1<'), 'checked comments leave the queue');
        assert.ok(text((await get(server.base, `/console/budgets/${DISTRICT}`, admin)).text).includes(after), 'the dashboard agrees');
        const published = await get(server.base, `/console/budgets/${DISTRICT}/comments?state=published`, admin);
        assert.ok(text(published.text).includes('Showing comments 1 to 1 of 1.'));
        assert.match(text(published.text), /Approved by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)/);
        const audit = text((await get(server.base, '/console/audit', admin)).text);
        assert.match(audit, /comment\.approved/);

        // An approved comment hidden later leaves the public results; shown again, it returns.
        await postForm(server.base, `/console/budgets/${DISTRICT}/comments/hide`, admin, { csrf, submission: ids[0], about: 'overall', reason: 'On reflection', back });
        assert.deepEqual(await publicComments(server.base, 0), []);
        await postForm(server.base, `/console/budgets/${DISTRICT}/comments/show`, admin, { csrf, submission: ids[0], about: 'overall', back });
        assert.equal((await publicComments(server.base, 1)).length, 1);

        // Erased, the approval goes with it.
        const erasePage = await get(server.base, `/console/budgets/${DISTRICT}/erase?reference=${ids[0]}`, admin);
        assert.ok(erasePage.text.includes(`value="${ids[0]}"`), 'a reference in the address fills the form');
        const erased = await postForm(server.base, `/console/budgets/${DISTRICT}/erase`, admin,
                                      { csrf: csrfOf(erasePage.text), reference: ids[0], confirm: 'yes', action: 'comments' });
        assert.equal(erased.status, 303);
        assert.deepEqual(await publicComments(server.base, 0), []);
        assert.ok(text((await get(server.base, `/console/budgets/${DISTRICT}`, admin)).text)
          .includes('Comments from every version: 9. Waiting to be checked: 8. Published: 0. Hidden: 1.'));
      } finally { await server.stop(); }
    });

    test('published at once (after_publishing): no queue, nothing to approve, and the app is told', async () => {
      const server = await start(budgetsWith({ comment_moderation: 'after_publishing' }));
      try {
        if (!pg) addOfficer(server, ADMIN, []);  // on PostgreSQL the first test's officers are in the same database
        const listed = (await (await fetch(`${server.base}/api/v1/budgets`)).json()).budgets.find((b) => b.id === DISTRICT);
        assert.equal(listed.comments_checked_first, false);
        const fresh = [];  // ten, so that the results (and their comments) are public
        for (const [i, line] of sample(`${DISTRICT}.json`, 10, 777).entries()) fresh.push(await send(server.base, line, { comment: `at once ${i}`, address: `203.0.113.${i + 1}` }));
        let shown = [];
        for (let i = 0; i < 60 && !shown.includes('at once 9'); i++) {
          shown = (await publicComments(server.base)).map((c) => c.text);
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.ok(shown.includes('at once 0') && shown.includes('at once 9'), 'published without a check');
        const admin = sessionOf(await signIn(server.base, ADMIN));
        const page = await get(server.base, `/console/budgets/${DISTRICT}/comments`, admin);
        assert.ok(!page.text.includes('Waiting to be checked') && !page.text.includes('Approve and publish'));
        assert.match(text(page.text), /Comments from every version: \d+\. Published: \d+\. Hidden: \d+\./);
        const refused = await postForm(server.base, `/console/budgets/${DISTRICT}/comments/approve`, admin,
                                       { csrf: csrfOf(page.text), submission: fresh[0], about: 'overall', back: `/console/budgets/${DISTRICT}/comments` });
        assert.equal(refused.status, 409);
        assert.ok(refused.text.includes('This consultation does not check comments before publishing them. Nothing was changed.'));
      } finally { await server.stop(); }
    });

    test('the same response sent again within minutes from the same address is flagged, never deleted; the exports carry the flag', async () => {
      const server = await start(budgetsWith({}));
      const dataDir = server.dataDir;
      const sql = (statement) => queryDatabase(pg, dataDir, statement);
      try {
        if (!pg) addOfficer(server, ADMIN, []);
        const line = lines[3];
        const first = await send(server.base, line, { id: 'dup-first-000001', comment: 'please fix the roads', address: '192.0.2.10' });
        const again = await send(server.base, line, { id: 'dup-again-000002', comment: 'please fix the roads', address: '192.0.2.10' });
        await send(server.base, line, { id: 'dup-other-000003', comment: 'please fix the roads', address: '192.0.2.99' });   // another household
        await send(server.base, line, { id: 'dup-words-000004', comment: 'please fix the roads!', address: '192.0.2.10' });  // other words
        const keys = sql("SELECT submission_id || ' ' || duplicate_key FROM submissions WHERE submission_id LIKE 'dup-%' ORDER BY id").split('\n');
        assert.equal(keys.length, 4);
        for (const k of keys) assert.match(k, /^dup-\S+ [0-9a-f]{32}$/, 'a keyed hash, never the address');
        assert.equal(sql("SELECT count(*) FROM submissions WHERE duplicate_key LIKE '%192.0.2%'"), '0');
        assert.equal(keys[0].split(' ')[1], keys[1].split(' ')[1]);

        const admin = sessionOf(await signIn(server.base, ADMIN));
        const dashboard = text((await get(server.base, `/console/budgets/${DISTRICT}`, admin)).text);
        assert.ok(dashboard.includes('Likely duplicate responses Flagged: 1'), dashboard.slice(dashboard.indexOf('Likely'), dashboard.indexOf('Likely') + 60));
        const page = await get(server.base, `/console/budgets/${DISTRICT}/duplicates`, admin);
        assert.equal(page.status, 200);
        const rows = [...page.text.matchAll(/<tr><td[^>]*><code>([^<]+)<\/code><\/td><td[^>]*>([^<]+)<\/td><td[^>]*><code>([^<]+)<\/code><\/td><td[^>]*>(\d+) s<\/td>/g)];
        assert.deepEqual(rows.map((r) => [r[1], r[3]]), [[again, first]]);
        assert.match(rows[0][2], /^\d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)$/);
        assert.ok(page.text.includes(`/console/budgets/${DISTRICT}/erase?reference=${again}`), 'an admin may erase it');
        assert.equal(sql("SELECT count(*) FROM submissions WHERE submission_id LIKE 'dup-%'"), '4', 'nothing is deleted');

        const csv = (await officer(server.base, DISTRICT, 'export.csv')).text.trim().split('\r\n').map((r) => r.split(','));
        const col = csv[0].indexOf('likely_duplicate_of');
        assert.ok(col > 0);
        const byId = Object.fromEntries(csv.slice(1).map((r) => [r[0], r[col]]));
        assert.deepEqual([byId[first], byId[again], byId['dup-other-000003'], byId['dup-words-000004']], ['', first, '', '']);
        const xlsx = await officer(server.base, DISTRICT, 'export.xlsx');
        const file = join(mkdtempSync(join(tmpdir(), 'dup-xlsx-')), 'results.xlsx');
        writeFileSync(file, xlsx.bytes);
        const flagged = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Responses']
head = [c.value for c in ws[1]]
col = head.index('Likely duplicate of')
print(json.dumps({r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[col]}))`, file]).toString());
        assert.deepEqual(flagged, { [again]: first });
      } finally { await server.stop(); }
    });

    test('docs/privacy.md names every table the database holds, and no other', async () => {
      const server = await start(budgetsWith({}));
      try {
        const listed = pg
          ? execFileSync('psql', [pg.url, '-At', '-c', "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"])
          : execFileSync('sqlite3', [join(server.dataDir, 'submissions.sqlite3'), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"]);
        const tables = listed.toString().trim().split('\n').sort();
        const doc = readFileSync(join(root, 'docs', 'privacy.md'), 'utf8');
        const described = [...doc.matchAll(/^- `([a-z_]+)`(?: and `([a-z_]+)`)?:/gm)].flatMap((m) => m.slice(1).filter(Boolean)).sort();
        assert.deepEqual(described, tables);
      } finally { await server.stop(); }
    });
  });
}
