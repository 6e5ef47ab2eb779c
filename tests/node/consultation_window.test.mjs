// When a consultation takes responses, against SQLite and PostgreSQL: the budget file's opens_at and
// closes_at, 403 outside them (consultation.not_open, consultation.closed), the 72-hour grace for
// budgets queued before the close, and an admin's change of dates in the console (audited, kept
// across a restart, reset to the file's dates).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { startServer, startPostgres, sample, post, root, officer, queryDatabase } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN, ANALYST } from './console_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const HOUR = 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// A budgets folder holding the district budget with these dates.
function budgetsWith(dates) {
  const dir = mkdtempSync(join(tmpdir(), 'window-budgets-'));
  const doc = JSON.parse(readFileSync(join(root, 'budgets', `${DISTRICT}.json`), 'utf8'));
  writeFileSync(join(dir, `${DISTRICT}.json`), JSON.stringify({ ...doc, ...dates }));
  return dir;
}

async function send(base, line, queuedAt) {
  const res = await fetch(`${base}/api/v1/submissions`, {
    method: 'POST', body: line, headers: { 'Content-Type': 'application/json', ...(queuedAt ? { 'Budget-Queued-At': queuedAt } : {}) },
  });
  return { status: res.status, body: await res.json() };
}

// The district's entry in the list, which GET /api/v1/budgets/ID (what the app asks) gives alike.
async function listed(base) {
  const entry = (await (await fetch(`${base}/api/v1/budgets`)).json()).budgets.find((b) => b.id === DISTRICT);
  assert.deepEqual(await (await fetch(`${base}/api/v1/budgets/${DISTRICT}`)).json(), entry);
  return entry;
}

// A time as the server words it in UK time, worked out independently by Node's time zone data.
const ukWords = (ms) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute} ${p.timeZoneName}`;
};

for (const backend of ['sqlite', 'postgresql']) {
  describe(`consultation dates on ${backend}`, () => {
    let pg;
    const lines = sample(`${DISTRICT}.json`, 12, 77);
    before(async () => { if (backend === 'postgresql') pg = await startPostgres(); });
    after(() => pg?.stop());
    const start = (budgets, dataDir, env = {}) => startServer({ budgets, dataDir, database: pg ? pg.url : '', env });
    // The server's clock moved forward by libfaketime (Debian's faketime); its database's is not.
    const later = (offset) => ({ LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', FAKETIME: offset,
                                FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_NO_CACHE: '1' });

    test('before opens_at a submission gets 403 consultation.not_open, and the list says when it opens', async () => {
      const opens = Date.now() + 48 * HOUR;
      const server = await start(budgetsWith({ opens_at: iso(opens) }));
      try {
        const r = await send(server.base, lines[0]);
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, 'consultation.not_open');
        assert.equal(r.body.error.message, `this consultation opens on ${ukWords(opens)}; responses are taken from then`);
        assert.equal(r.body.error.opens_at, iso(opens));
        const b = await listed(server.base);
        assert.equal(b.state, 'not_open');
        assert.equal(b.opens_at, iso(opens));
        assert.equal(b.closes_at, null);
      } finally { await server.stop(); }
    });

    test('after closes_at: 403 consultation.closed, except a budget queued before the close that arrives within 72 hours', async () => {
      const closed = Date.now() - HOUR;
      const server = await start(budgetsWith({ closes_at: iso(closed) }));
      try {
        const late = await send(server.base, lines[1]);
        assert.equal(late.status, 403);
        assert.equal(late.body.error.code, 'consultation.closed');
        assert.equal(late.body.error.message, `this consultation closed on ${ukWords(closed)}; responses are no longer taken`);
        assert.equal((await send(server.base, lines[2], iso(closed + 60 * 1000))).status, 403, 'queued after the close');
        assert.equal((await send(server.base, lines[3], 'yesterday')).status, 403, 'a queued time that is not a time');
        const queued = await send(server.base, lines[4], new Date(closed - 10 * 60 * 1000).toISOString());
        assert.equal(queued.status, 201, JSON.stringify(queued.body));
        assert.equal((await listed(server.base)).state, 'closed');
      } finally { await server.stop(); }
      const longAgo = await start(budgetsWith({ closes_at: iso(Date.now() - 73 * HOUR) }));
      try {
        assert.equal((await send(longAgo.base, lines[5], iso(Date.now() - 80 * HOUR))).status, 403, 'the grace is 72 hours');
      } finally { await longAgo.stop(); }
    });

    test('an admin changes the dates in the console (audited, kept across a restart); an analyst cannot; reset restores the file\'s', async () => {
      const budgets = budgetsWith({ closes_at: iso(Date.now() - HOUR) });
      let server = await start(budgets);
      const dataDir = server.dataDir;
      const db = pg ? ['--database', pg.url] : [];
      try {
        addOfficer(server, ADMIN, db);
        addOfficer(server, ANALYST, db);
        const analyst = sessionOf(await signIn(server.base, ANALYST));
        const seen = await get(server.base, `/console/budgets/${DISTRICT}`, analyst);
        assert.match(seen.text, /Closed on .* (GMT|BST)\./);
        assert.ok(!seen.text.includes('Change the dates'));
        const refused = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, analyst,
          { csrf: csrfOf(seen.text), action: 'save', opens_at: '', closes_at: '' });
        assert.equal(refused.status, 403);

        const admin = sessionOf(await signIn(server.base, ADMIN));
        const page = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        // A day from now, as a datetime-local field sends it: UK time (GMT or BST); stored in UTC.
        const closesAt = Date.now() + 24 * HOUR;
        const closes = new Date(closesAt).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T').slice(0, 16);
        const closesUtc = iso(closesAt).slice(0, 16);
        const bad = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, admin,
          { csrf: csrfOf(page.text), action: 'save', opens_at: closes, closes_at: '2020-01-01T00:00' });
        assert.equal(bad.status, 400);
        assert.match(bad.text, /The closing time must be after the opening time\. Nothing was changed\./);
        const saved = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, admin,
          { csrf: csrfOf(page.text), action: 'save', opens_at: '', closes_at: closes });
        assert.equal(saved.status, 303);
        assert.equal((await send(server.base, lines[6])).status, 201, 'open again');
        const after = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        assert.match(after.text, /Open now; closes on .* (GMT|BST)\./);
        assert.match(after.text, /Dates set in the console by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)\./);
        const audit = await get(server.base, '/console/audit', admin);
        assert.match(audit.text, new RegExp(`alice\\.admin changed the dates of ${DISTRICT}\\. opens \\(none\\), closes ${closesUtc}:00Z <span class="hint">\\(consultation\\.dates_changed\\)`));
      } finally { await server.stop(); }

      server = await start(budgets, dataDir);  // the change is in the database, not in memory only
      try {
        assert.equal((await listed(server.base)).state, 'open');
        const admin = sessionOf(await signIn(server.base, ADMIN));
        const page = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        const reset = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, admin, { csrf: csrfOf(page.text), action: 'reset' });
        assert.equal(reset.status, 303);
        assert.equal((await listed(server.base)).state, 'closed');
        assert.match((await get(server.base, `/console/budgets/${DISTRICT}`, admin)).text, /Dates from the budget file\./);
      } finally { await server.stop(); }
    });

    test('retention: when retain_days after the close (and its three days of grace) pass, comments, personal answers and voter codes are purged; the results stay', async () => {
      const closes = Date.now() + HOUR;
      const budgets = budgetsWith({ closes_at: iso(closes), retain_days: 2 });
      let server = await start(budgets);
      const dataDir = server.dataDir;
      const sql = (statement) => queryDatabase(pg, dataDir, statement);
      const where = `budget_id = '${DISTRICT}'`;
      const summary = async () => JSON.parse((await officer(server.base, DISTRICT, 'aggregate.json')).text).summary;
      try {
        for (const line of sample(`${DISTRICT}.json`, 8, 31337)) assert.equal((await send(server.base, line)).status, 201);
        const before = await summary();
        assert.ok(Number(sql(`SELECT count(*) FROM comments WHERE ${where}`)) > 0);
        assert.ok(Number(sql(`SELECT count(*) FROM demographic_answers WHERE ${where}`)) > 0);
        assert.equal(sql(`SELECT count(*) FROM submissions WHERE ${where} AND duplicate_key IS NULL`), '0', 'each keeps its duplicate key until the purge');
        const [approveSubmission, approveAbout] = sql(`SELECT submission_id, about FROM comments WHERE ${where} LIMIT 1`).split('|');
        sql(`INSERT INTO approved_comments VALUES ('${DISTRICT}', '${approveSubmission}', '${approveAbout}', 'alice.admin', '2026-12-01T00:00:00Z')`);
        await server.stop();

        // Four days on: past the close and its grace, not yet two days more. Nothing goes.
        server = await start(budgets, dataDir, later('+4d'));
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(sql(`SELECT count(*) FROM purges WHERE ${where}`), '0');
        assert.ok(Number(sql(`SELECT count(*) FROM comments WHERE ${where}`)) > 0);
        await server.stop();

        // Six days on: purged within a second or two, once.
        server = await start(budgets, dataDir, later('+6d'));
        for (let i = 0; i < 60 && sql(`SELECT count(*) FROM purges WHERE ${where}`) === '0'; i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(sql(`SELECT count(*) FROM purges WHERE ${where}`), '1');
        for (const table of ['comments', 'demographic_answers', 'hidden_comments', 'approved_comments']) assert.equal(sql(`SELECT count(*) FROM ${table} WHERE ${where}`), '0', table);
        assert.equal(sql(`SELECT count(*) FROM submissions WHERE ${where} AND duplicate_key IS NOT NULL`), '0', 'no duplicate key is kept past the purge');
        assert.equal(sql(`SELECT count(*) FROM voter_codes WHERE consultation = '${DISTRICT}'`), '0');
        assert.equal(sql(`SELECT count(*) FROM submissions WHERE ${where} AND document LIKE '%"comments"%'`), '0', 'no comment left in a stored document');
        assert.equal(sql(`SELECT count(*) FROM submissions WHERE ${where}`), String(before.count));
        // The results stay: the same count, choices and answers' totals, now from the totals kept.
        const after = await summary();
        assert.deepEqual({ count: after.count, services: after.services, demographics: after.demographics },
                         { count: before.count, services: before.services, demographics: before.demographics });
        assert.match(sql("SELECT officer || ': ' || detail FROM audit_log WHERE action = 'consultation.purged'"),
                     /^the server: \d+ comments, \d+ personal answers, 0 voter codes; 2 days after the close$/);
        if (!pg) addOfficer(server, ADMIN, []);  // on PostgreSQL the earlier test's officers are in the same database
        const admin = sessionOf(await signIn(server.base, ADMIN));
        const page = await get(server.base, `/console/budgets/${DISTRICT}`, admin);
        assert.match(page.text, /<p class="hint" id="retention">Personal data purged on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST): \d+ comments, \d+ personal answers and 0 voter codes\. The results stay\.<\/p>/);
      } finally { await server.stop(); }
    });
  });
}

test('budget-tool validate refuses dates that are not UTC times or close before they open', () => {
  const dir = budgetsWith({ opens_at: '2027-02-30T09:00:00Z', closes_at: '2027-01-01T00:00:00Z' });
  let out = '';
  try { execFileSync(process.env.BUDGET_TOOL || join(root, 'build', 'native', 'budget-tool', 'budget-tool'), ['validate', join(dir, `${DISTRICT}.json`)], { stdio: 'pipe' }); }
  catch (e) { out = e.stdout.toString() + e.stderr.toString(); }
  assert.match(out, /opens_at must be a UTC time such as "2027-01-05T09:00:00Z", found "2027-02-30T09:00:00Z" \[budget\.bad_time\]/);
});
