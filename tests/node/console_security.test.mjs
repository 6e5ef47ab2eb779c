// The officer console over HTTP on 127.0.0.1, against SQLite and a throwaway PostgreSQL cluster:
// the officer command, sessions (cookie flags, hashed storage, fixation, sign-out, idle and absolute
// expiry), CSRF, roles, moderation, exports, the audit log and the sign-in lockout.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startPostgres, sample, post, officer, serverBin, root, toolBin, parseCsv, queryDatabase } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN, ANALYST } from './console_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';

for (const backend of ['sqlite', 'postgresql']) {
  describe(`officer console on ${backend}`, () => {
    let server, pg;
    // One SQL statement against the server's database, from the command line tools.
    const sql = (statement) => queryDatabase(pg, server.dataDir, statement);
    const db = () => (pg ? ['--database', pg.url] : []);
    const escapeSample = sample(`${DISTRICT}.json`, 1, 4242);

    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      server = await startServer({ database: pg ? pg.url : '', extra: ['--trust-proxy'] });
      addOfficer(server, ADMIN, db());
      addOfficer(server, ANALYST, db());
      for (const line of sample(`${DISTRICT}.json`, 30, 99)) assert.equal((await post(server.base, line)).status, 201);
    });
    after(async () => {
      await server?.stop();
      pg?.stop();
    });

    test('the officer command stores Argon2id hashes and refuses weak, repeated or badly given passwords', () => {
      const run = (args, input) => spawnSync(serverBin, ['officer', ...args, '--data', server.dataDir, ...db()], { input });
      const add = (name, password, role = 'analyst') => run(['add', '--name', name, '--role', role], `${password}\n`);
      const refused = (r, why) => {
        assert.equal(r.status, 1, r.stderr.toString());
        assert.equal(r.stderr.toString(), `budget-server officer: ${why}\n`);
      };
      refused(add('carol', 'short pass'), 'a password needs at least 12 characters');
      refused(add('carol', 'Password2024!'), 'that password is a common word with digits or symbols added');
      refused(add('carol', 'qwertyuiop123'), 'that password is on the list of common passwords');
      refused(add('carol.jones.x', 'CAROL.JONES.X'), 'a password cannot be the officer\'s name');
      refused(add(ADMIN.name, 'another long passphrase'), `there is already an officer called ${ADMIN.name}`);
      refused(run(['add', '--name', 'carol', '--role', 'analyst'], ''), 'give the password on standard input, one line');
      assert.equal(run(['add', '--name', 'carol', '--role', 'owner'], 'x\n').status, 2);
      const ok = add('carol', 'a long enough passphrase');
      assert.equal(ok.status, 0, ok.stderr.toString());
      assert.equal(ok.stdout.toString(), 'added carol (analyst)\n');
      const hash = sql("SELECT password_hash FROM officers WHERE name = 'carol'");
      assert.match(hash, /^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
      assert.ok(!hash.includes('passphrase'));
      const list = run(['list'], '');
      assert.deepEqual(list.stdout.toString().trim().split('\n').map((l) => l.split('\t').slice(0, 2).join(' ')),
        [`${ADMIN.name} admin`, `${ANALYST.name} analyst`, 'carol analyst']);
      assert.equal(run(['password', '--name', 'carol'], 'a different long passphrase\n').status, 0);
      assert.notEqual(sql("SELECT password_hash FROM officers WHERE name = 'carol'"), hash);
      assert.equal(run(['remove', '--name', 'carol'], '').status, 0);
      refused(run(['remove', '--name', 'carol'], ''), 'no officer called carol');
    });

    test('every console route refuses an anonymous request', async () => {
      // The council's colour is public (it is in the app's pack too); the stylesheet needs no session.
      const brand = await get(server.base, `/console/brand/${DISTRICT}/brand.css`);
      assert.equal(brand.status, 200);
      assert.equal(brand.text, '.council-bar { border-bottom-color: #6f3d98; }\n');
      for (const path of ['/console/', `/console/budgets/${DISTRICT}`, `/console/budgets/${DISTRICT}/comments`,
        `/console/budgets/${DISTRICT}/export.csv`, `/console/budgets/${DISTRICT}/aggregate.json`, '/console/audit',
        '/console/audit.csv', '/console/officers', '/console/tokens', '/console/password', `/console/budgets/${DISTRICT}/report`,
        `/console/budgets/${DISTRICT}/export.xlsx`, '/console/no-such-page', '/console/budgets/nope', `/console/budgets/${DISTRICT}/erase`,
        `/console/budgets/${DISTRICT}/budget`, `/console/budgets/${DISTRICT}/drafts/1`, `/console/budgets/${DISTRICT}/duplicates`,
        `/console/budgets/${DISTRICT}/comments?state=waiting`]) {
        const res = await get(server.base, path);
        assert.equal(res.status, 303, path);
        assert.equal(res.headers.get('location'), '/console/sign-in', path);
        assert.equal(res.text, '', path);
      }
      for (const path of ['/console/sign-out', `/console/budgets/${DISTRICT}/comments/hide`, `/console/budgets/${DISTRICT}/comments/approve`, `/console/budgets/${DISTRICT}/window`, `/console/budgets/${DISTRICT}/threshold`,
        '/console/officers/add', '/console/tokens/create', '/console/tokens/revoke', '/console/password', `/console/budgets/${DISTRICT}/erase`,
        `/console/budgets/${DISTRICT}/rollback`, `/console/budgets/${DISTRICT}/schedule/cancel`, '/console/consultations/new',
        `/console/budgets/${DISTRICT}/drafts/1/publish`]) {
        const res = await postForm(server.base, path, '', { csrf: 'x', submission: 'x', about: 'overall', reason: 'x' });
        assert.equal(res.status, 401, path);
        assert.match(res.text, /Sign in first/);
      }
      // The sign-in page itself and the stylesheet are open, and every console answer carries the policy.
      const page = await get(server.base, '/console/sign-in');
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-security-policy'),
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      assert.match(page.text, /<label for="name">Name<\/label>/);
      assert.match(page.text, /<label for="password">Password<\/label>/);
      assert.match(page.text, /<button class="button">Sign in<\/button>/);
    });

    test('signing in sets an HttpOnly, SameSite=Strict cookie for /console, Secure behind a trusted HTTPS proxy, stored only hashed', async () => {
      const plain = await signIn(server.base, ADMIN);
      assert.equal(plain.status, 303);
      assert.equal(plain.headers.get('location'), '/console/');
      const cookie = plain.headers.get('set-cookie');
      assert.match(cookie, /^console_session=[0-9a-f]{64}; Path=\/console; HttpOnly; SameSite=Strict$/);
      const id = sessionOf(plain);
      assert.equal(sql(`SELECT count(*) FROM officer_sessions WHERE id_hash = '${id}'`), '0', 'the raw id is never stored');
      assert.equal(sql('SELECT count(*) FROM officer_sessions WHERE length(id_hash) = 64') >= '1', true);
      const proxied = await signIn(server.base, ADMIN, { 'X-Forwarded-Proto': 'https' }, 'https');
      assert.match(proxied.headers.get('set-cookie'), /; Secure$/);
      const home = await get(server.base, '/console/', id);
      assert.equal(home.status, 200);
      assert.match(home.text, /Signed in as <strong>alice.admin<\/strong> \(admin\)/);
    });

    test('a wrong password and an unknown name get the same answer, and the page keeps the name typed', async () => {
      const wrong = await signIn(server.base, { name: ANALYST.name, password: 'not the password at all' });
      const unknown = await signIn(server.base, { name: 'nobody.here', password: 'not the password at all' });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      const message = (t) => t.match(/<p>(The name or password[^<]*)<\/p>/)[1];
      assert.equal(message(wrong.text), 'The name or password is not right. Check them and try again.');
      assert.equal(message(unknown.text), message(wrong.text));
      assert.match(wrong.text, new RegExp(`value="${ANALYST.name.replace('.', '\\.')}"`));
      assert.equal(wrong.headers.get('set-cookie'), null);
    });

    test('a planted session id is never promoted: every sign-in makes a new id and ends the one it came with', async () => {
      const planted = 'a'.repeat(64);
      const first = await signIn(server.base, ADMIN, { Cookie: `console_session=${planted}` });
      const id = sessionOf(first);
      assert.notEqual(id, planted);
      assert.equal((await get(server.base, '/console/', planted)).status, 303);
      const again = await signIn(server.base, ADMIN, { Cookie: `console_session=${id}` });
      assert.notEqual(sessionOf(again), id);
      assert.equal((await get(server.base, '/console/', id)).status, 303, 'the old session ended at the new sign-in');
      assert.equal((await get(server.base, '/console/', sessionOf(again))).status, 200);
    });

    test('signing out ends the session on the server, not just in the browser', async () => {
      const id = sessionOf(await signIn(server.base, ANALYST));
      const home = await get(server.base, '/console/', id);
      const out = await postForm(server.base, '/console/sign-out', id, { csrf: csrfOf(home.text) });
      assert.equal(out.status, 303);
      assert.equal(out.headers.get('location'), '/console/sign-in?signed_out=1');
      assert.match(out.headers.get('set-cookie'), /^console_session=; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=0/);
      const after = await get(server.base, '/console/', id);  // the same cookie, replayed
      assert.equal(after.status, 303);
      assert.equal(after.headers.get('location'), '/console/sign-in');
    });

    test('a session ends after 30 minutes without use, and 12 hours after sign-in whatever happens', async () => {
      // The row a sign-in adds (the test cannot work out the hash itself: only the server knows its form).
      const signInNewRow = async () => {
        const before = new Set(sql('SELECT id_hash FROM officer_sessions').split('\n'));
        const id = sessionOf(await signIn(server.base, ANALYST));
        const added = sql('SELECT id_hash FROM officer_sessions').split('\n').filter((h) => !before.has(h));
        assert.equal(added.length, 1);
        return [id, added[0]];
      };
      const [idle, idleHash] = await signInNewRow();
      const now = Math.floor(Date.now() / 1000);
      sql(`UPDATE officer_sessions SET last_seen_epoch = ${now - 29 * 60} WHERE id_hash = '${idleHash}'`);
      assert.equal((await get(server.base, '/console/', idle)).status, 200, 'used 29 minutes ago: still open');
      sql(`UPDATE officer_sessions SET last_seen_epoch = ${now - 31 * 60} WHERE id_hash = '${idleHash}'`);
      const ended = await get(server.base, '/console/', idle);
      assert.equal(ended.status, 303);
      assert.match(ended.headers.get('set-cookie'), /Max-Age=0/);
      const page = await get(server.base, '/console/sign-in', idle);
      assert.match(page.text, /Your session has ended|Sign in/);
      assert.equal(sql(`SELECT count(*) FROM officer_sessions WHERE id_hash = '${idleHash}'`), '0');

      const [long, longHash] = await signInNewRow();
      sql(`UPDATE officer_sessions SET created_epoch = ${now - 12 * 3600 + 60}, last_seen_epoch = ${now} WHERE id_hash = '${longHash}'`);
      assert.equal((await get(server.base, '/console/', long)).status, 200, 'signed in 11 h 59 min ago and busy: still open');
      sql(`UPDATE officer_sessions SET created_epoch = ${now - 12 * 3600 - 1}, last_seen_epoch = ${now} WHERE id_hash = '${longHash}'`);
      assert.equal((await get(server.base, '/console/', long)).status, 303, 'busy, but signed in over 12 hours ago');
    });

    test('a form posted from another origin, or without this session\'s token, is refused and changes nothing', async () => {
      const id = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, `/console/budgets/${DISTRICT}/comments`, id);
      const csrf = csrfOf(page.text);
      const target = page.text.match(/name="submission" value="([^"]+)"[\s\S]*?name="about" value="([^"]+)"/);
      const form = { csrf, submission: target[1], about: target[2], reason: 'test', back: `/console/budgets/${DISTRICT}/comments` };
      const attempts = [
        [{ Origin: 'http://evil.example' }, form],
        [{ 'Sec-Fetch-Site': 'cross-site' }, form],
        [{ 'Sec-Fetch-Site': 'same-site' }, form],
        [{}, { ...form, csrf: '' }],
        [{}, { ...form, csrf: csrf.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }],
      ];
      for (const [headers, body] of attempts) {
        const res = await postForm(server.base, `/console/budgets/${DISTRICT}/comments/hide`, id, body, headers);
        assert.equal(res.status, 403, JSON.stringify(headers));
        assert.match(res.text, /That request was refused/);
      }
      assert.equal(sql('SELECT count(*) FROM hidden_comments'), '0');
      const out = await postForm(server.base, '/console/sign-out', id, { csrf }, { Origin: 'http://evil.example' });
      assert.equal(out.status, 403);
      assert.equal((await get(server.base, '/console/', id)).status, 200, 'a forged sign-out does not end the session');
      const signInElsewhere = await signIn(server.base, ADMIN, { Origin: 'http://evil.example' });
      assert.equal(signInElsewhere.status, 403);
      assert.equal(signInElsewhere.headers.get('set-cookie'), null);
    });

    test('an analyst reads results and exports but is refused the audit log and moderation (and the refusal is audited)', async () => {
      const id = sessionOf(await signIn(server.base, ANALYST));
      const home = await get(server.base, '/console/', id);
      assert.ok(!home.text.includes('/console/audit'), 'no audit link for an analyst');
      assert.equal((await get(server.base, `/console/budgets/${DISTRICT}`, id)).status, 200);
      assert.equal((await get(server.base, '/console/audit', id)).status, 403);
      assert.equal((await get(server.base, '/console/audit.csv', id)).status, 403);
      const page = await get(server.base, `/console/budgets/${DISTRICT}/comments`, id);
      assert.ok(!page.text.includes('Hide this comment'));
      const hide = await postForm(server.base, `/console/budgets/${DISTRICT}/comments/hide`, id,
        { csrf: csrfOf(page.text), submission: 'x', about: 'overall', reason: 'because' });
      assert.equal(hide.status, 403);
      assert.match(hide.text, /Only administrators can do that/);
      assert.equal(sql("SELECT count(*) FROM audit_log WHERE action = 'request.refused' AND officer = 'bob.analyst'"), '1');
      const csv = await get(server.base, `/console/budgets/${DISTRICT}/export.csv`, id);
      assert.equal(csv.status, 200);
      assert.equal(csv.text, (await officer(server.base, DISTRICT, 'export.csv')).text.replace(/^\uFEFF/, ''), 'the same export as the API gives');
    });

    test('an admin hides a comment with a reason and shows it again; both are in the audit log', async () => {
      const id = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, `/console/budgets/${DISTRICT}/comments`, id);
      const [, submission, about] = page.text.match(/name="submission" value="([^"]+)"[\s\S]*?name="about" value="([^"]+)"/);
      const back = `/console/budgets/${DISTRICT}/comments`;
      const empty = await postForm(server.base, `${back}/hide`, id, { csrf: csrfOf(page.text), submission, about, reason: '', back });
      assert.equal(empty.status, 400);
      const hide = await postForm(server.base, `${back}/hide`, id,
        { csrf: csrfOf(page.text), submission, about, reason: 'names a member of staff <b>', back });
      assert.equal(hide.status, 303);
      assert.equal(hide.headers.get('location'), `${back}?done=hidden`);
      const after = await get(server.base, hide.headers.get('location'), id);
      assert.match(after.text, /The comment is hidden from public outputs\./);
      assert.match(after.text, /Hidden by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST): names a member of staff &lt;b&gt;/);
      assert.equal(sql('SELECT reason FROM hidden_comments'), 'names a member of staff <b>');
      // Still in the officers' exports, flagged (and budget-tool export reads the same flags).
      const aggCsv = parseCsv((await officer(server.base, DISTRICT, 'aggregate.csv')).text.replace(/^\uFEFF/, ''));
      const flagged = aggCsv.filter((r) => r[0] === submission && r[1] === about);
      assert.deepEqual(flagged.map((r) => r.slice(3)), [['yes', 'names a member of staff <b>']]);
      const aggJson = JSON.parse((await officer(server.base, DISTRICT, 'aggregate.json')).text);
      const item = aggJson.comments.find((c) => c.submission_id === submission && c.about === about);
      assert.equal(item.hidden, true);
      assert.equal(item.hidden_reason, 'names a member of staff <b>');
      assert.equal(aggJson.comments.filter((c) => c.hidden).length, 1);
      const rows = parseCsv((await officer(server.base, DISTRICT, 'export.csv')).text.replace(/^\uFEFF/, ''));
      const col = rows[0].indexOf('hidden_comments');
      assert.equal(col, rows[0].length - 2);
      assert.equal(rows[0][rows[0].length - 1], 'likely_duplicate_of');
      assert.equal(rows.find((r) => r[0] === submission)[col], about);
      const where = pg ? ['--database', pg.url] : ['--data', server.dataDir];
      const offline = execFileSync(toolBin, ['export', join(root, 'budgets', `${DISTRICT}.json`), ...where, '--format', 'aggregate-csv']);
      assert.ok(offline.equals((await officer(server.base, DISTRICT, 'aggregate.csv')).bytes), 'budget-tool export flags the same');
      const show = await postForm(server.base, `${back}/show`, id, { csrf: csrfOf(page.text), submission, about, back });
      assert.equal(show.status, 303);
      assert.equal(sql('SELECT count(*) FROM hidden_comments'), '0');
      assert.equal(sql("SELECT action FROM audit_log WHERE action LIKE 'comment.%' ORDER BY id"), 'comment.hidden\ncomment.shown');
    });

    test('comments are paged, searchable and filtered by service', async () => {
      const id = sessionOf(await signIn(server.base, ANALYST));
      const all = await get(server.base, `/console/budgets/${DISTRICT}/comments`, id);
      const total = Number(all.text.match(/Showing comments 1 to \d+ of (\d+)\./)[1]);
      assert.equal(total, Number(sql(`SELECT count(*) FROM comments WHERE budget_id = '${DISTRICT}'`)));
      const about = sql(`SELECT about FROM comments WHERE budget_id = '${DISTRICT}' AND about <> 'overall' LIMIT 1`);
      const filtered = await get(server.base, `/console/budgets/${DISTRICT}/comments?about=${about}`, id);
      const count = Number(sql(`SELECT count(*) FROM comments WHERE budget_id = '${DISTRICT}' AND about = '${about}'`));
      assert.match(filtered.text, new RegExp(`Showing comments 1 to ${count} of ${count}\\.`));
      const word = sql(`SELECT comment FROM comments WHERE budget_id = '${DISTRICT}' LIMIT 1`).split(/\s+/).find((w) => /^[a-z]{5,}$/i.test(w));
      const searched = await get(server.base, `/console/budgets/${DISTRICT}/comments?q=${encodeURIComponent(word.toUpperCase())}`, id);
      const matches = Number(sql(`SELECT count(*) FROM comments WHERE budget_id = '${DISTRICT}' AND lower(comment) LIKE '%${word.toLowerCase()}%'`));
      assert.match(searched.text, new RegExp(`of ${matches}\\.`));
      const none = await get(server.base, `/console/budgets/${DISTRICT}/comments?q=zzzzqqqq`, id);
      assert.match(none.text, /No comments match\./);
    });

    test('the audit log holds sign-ins, failures, exports and moderation, newest first, and exports as CSV', async () => {
      const id = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, '/console/audit', id);
      assert.equal(page.status, 200);
      for (const action of ['sign_in', 'sign_in.failed', 'sign_out', 'export', 'comment.hidden', 'comment.shown', 'request.refused'])
        assert.ok(page.text.includes(`<span class="hint">(${action})</span>`), action);
      assert.match(page.text, /alice\.admin signed in\. <span class="hint">\(sign_in\)/);  // a sentence, the code beside it
      // Filtered by officer and action, and by a day with nothing in it.
      const filtered = await get(server.base, '/console/audit?officer=alice.admin&action=sign_in', id);
      const codes = [...filtered.text.matchAll(/<span class="hint">\(([^)]+)\)<\/span>/g)].map((m) => m[1]);
      assert.ok(codes.length > 0 && codes.every((a) => a === 'sign_in'), codes.join(' '));
      const empty = await get(server.base, '/console/audit?from=2001-01-01&to=2001-01-02', id);
      assert.match(empty.text, /No entries match\./);
      // Times in UK time, and days are UK days: today's (in London) holds the sign-in just made.
      assert.match(page.text, /<tr><td>\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)<\/td>/);
      const ukToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
      const today = await get(server.base, `/console/audit?action=sign_in&from=${ukToday}&to=${ukToday}`, id);
      assert.ok([...today.text.matchAll(/\(sign_in\)/g)].length >= 1, `a sign-in on the UK day ${ukToday}`);
      const csv = await get(server.base, '/console/audit.csv', id);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-disposition'), /audit-log\.csv/);
      const rows = csv.text.trim().split('\r\n');
      assert.equal(rows[0], 'id,at,officer,action,object,detail');
      assert.equal(rows.length - 1, Number(sql('SELECT count(*) FROM audit_log')) - 1, 'every entry but the export of itself');
    });

    test('API tokens: made in the console and shown once, stored hashed, scoped to budgets, revocable; exports audited by officer', async () => {
      const id = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, '/console/tokens', id);
      assert.equal(page.status, 200);
      const made = await postForm(server.base, '/console/tokens/create', id,
        [['csrf', csrfOf(page.text)], ['name', 'nightly report'], ['officer', ANALYST.name], ['budget', DISTRICT], ['budget', 'no-such-budget']]);
      assert.equal(made.status, 201);
      const token = made.text.match(/<code class="token">(bst_[0-9a-f]{64})<\/code>/)[1];
      assert.equal(sql(`SELECT count(*) FROM api_tokens WHERE token_hash = '${token}' OR token_hash = '${token.slice(4)}'`), '0');
      assert.equal(sql(`SELECT budgets FROM api_tokens WHERE name = 'nightly report'`), DISTRICT);
      const again = await get(server.base, '/console/tokens', id);
      assert.ok(!again.text.includes(token), 'shown once only');
      const csv = await officer(server.base, DISTRICT, 'export.csv', token);
      assert.equal(csv.status, 200);
      const xlsx = await officer(server.base, DISTRICT, 'export.xlsx', token);
      assert.equal(xlsx.status, 200);
      assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
      const other = await officer(server.base, 'northmoor-county-2026', 'export.csv', token);
      assert.equal(other.status, 403);
      assert.equal(JSON.parse(other.text).error.code, 'auth.out_of_scope');
      assert.equal((await officer(server.base, DISTRICT, 'export.csv', `bst_${'0'.repeat(64)}`)).status, 401);
      assert.match(sql("SELECT detail FROM audit_log WHERE action = 'export' AND officer = 'bob.analyst' ORDER BY id DESC LIMIT 1"),
        /^export\.xlsx through the API, token nightly report$/);
      const tokenId = sql("SELECT id FROM api_tokens WHERE name = 'nightly report'");
      const revoked = await postForm(server.base, '/console/tokens/revoke', id, { csrf: csrfOf(page.text), id: tokenId });
      assert.equal(revoked.status, 200);
      assert.match(revoked.text, /The token is revoked: it no longer works\./);
      assert.equal((await officer(server.base, DISTRICT, 'export.csv', token)).status, 401);
      assert.deepEqual(sql("SELECT action FROM audit_log WHERE action LIKE 'token.%' ORDER BY id").split('\n'), ['token.created', 'token.revoked']);
      const analyst = sessionOf(await signIn(server.base, ANALYST));
      assert.equal((await get(server.base, '/console/tokens', analyst)).status, 403);
    });

    test('an admin adds and removes officers in the console, under the same password rules; an analyst cannot', async () => {
      const id = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, '/console/officers', id);
      const csrf = csrfOf(page.text);
      const weak = await postForm(server.base, '/console/officers/add', id, { csrf, name: 'erin.new', role: 'analyst', password: 'password12345' });
      assert.equal(weak.status, 400);
      assert.match(weak.text, /that password is on the list of common passwords/);
      const added = await postForm(server.base, '/console/officers/add', id, { csrf, name: 'erin.new', role: 'analyst', password: 'erin starts with this one' });
      assert.equal(added.status, 201);
      assert.match(added.text, /erin\.new can now sign in\./);
      const erin = sessionOf(await signIn(server.base, { name: 'erin.new', password: 'erin starts with this one' }));
      assert.equal((await get(server.base, '/console/officers', erin)).status, 403);
      const self = await postForm(server.base, '/console/officers/remove', id, { csrf, name: ADMIN.name });
      assert.equal(self.status, 400);
      const removed = await postForm(server.base, '/console/officers/remove', id, { csrf, name: 'erin.new' });
      assert.equal(removed.status, 200);
      assert.equal((await get(server.base, '/console/', erin)).status, 303, 'a removed officer\'s session ends with them');
      assert.deepEqual(sql("SELECT action FROM audit_log WHERE object = 'erin.new' AND action LIKE 'officer.%' ORDER BY id").split('\n'),
        ['officer.added', 'officer.removed']);
    });

    test('results by group: each group\'s count is the stored answers\', and a group under 10 shows no figure, on the page or in the workbook', async () => {
      const id = sessionOf(await signIn(server.base, ANALYST));
      const page = await get(server.base, `/console/budgets/${DISTRICT}?by=age`, id);
      assert.equal(page.status, 200);
      const table = page.text.match(/<table>\s*<caption id="groups-age">[\s\S]*?<\/table>/)[0];
      const heads = [...table.matchAll(/<th scope="col" class="number">([^<]*)<\/th>/g)].map((m) => m[1]);
      const counts = [...table.match(/<tr><th scope="row">Responses<\/th>(.*?)<\/tr>/)[1].matchAll(/<td class="number">([^<]*)<\/td>/g)].map((m) => m[1]);
      const doc = JSON.parse(readFileSync(join(root, 'budgets', `${DISTRICT}.json`), 'utf8'));
      const age = doc.demographics.find((q) => q.id === 'age');
      assert.deepEqual(heads, [...age.options.map((o) => o.label.en ?? o.label), 'No answer']);
      const total = Number(sql(`SELECT count(*) FROM submissions WHERE budget_id = '${DISTRICT}'`));
      const answered = age.options.map((o) => Number(sql(`SELECT count(*) FROM demographic_answers WHERE budget_id = '${DISTRICT}' AND question = 'age' AND answer = '${o.id}'`)));
      const raw = [...answered, total - answered.reduce((a, b) => a + b, 0)];
      const expected = raw.map((n) => (n < 10 ? 'fewer than 10' : String(n)));
      // With one small group, the smallest other is hidden too: else the total less the rest gives it away.
      if (raw.filter((n) => n < 10).length === 1) {
        let next = -1;
        raw.forEach((n, i) => { if (n >= 10 && (next < 0 || n < raw[next])) next = i; });
        if (next >= 0) expected[next] = 'hidden with it';
        assert.match(page.text, /so the next smallest group is hidden with it/);
      }
      assert.deepEqual(counts, expected);
      assert.ok(expected.includes('fewer than 10'), 'the sample has a small group to hide');
      // Every figure in a hidden group's column is hidden, not just its count.
      const rows = [...table.matchAll(/<tr><th scope="row">[^<]*<\/th>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td class="number">([^<]*)<\/td>/g)].map((c) => c[1]));
      expected.forEach((e, col) => { if (!/^\d+$/.test(e)) for (const r of rows) assert.equal(r[col], e); });

      const xlsx = await officer(server.base, DISTRICT, 'export.xlsx');
      const file = join(server.dataDir, 'breakdown-check.xlsx');
      writeFileSync(file, xlsx.bytes);
      const sheet = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[[n for n in wb.sheetnames if n.startswith('By ') and 'ge' in n][0]]
rows = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
print(json.dumps(rows, default=str))
`, file]).toString());
      const responses = sheet.find((r) => r[0] === 'Responses').slice(1).map((v) => (typeof v === 'number' ? String(v) : v));
      assert.deepEqual(responses, expected);
    });

    test('an officer changes their own password: the old one first; every other session ends, this browser carries on', async () => {
      const who = { name: 'fay.changes', password: 'fay has a first password', role: 'analyst' };
      addOfficer(server, who, db());
      const elsewhere = sessionOf(await signIn(server.base, who));
      const here = sessionOf(await signIn(server.base, who));
      const page = await get(server.base, '/console/password', here);
      const wrong = await postForm(server.base, '/console/password', here, { csrf: csrfOf(page.text), current: 'not my password at all', new: 'fay has a second password' });
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /Your password now is not right\. Nothing was changed\./);
      const weak = await postForm(server.base, '/console/password', here, { csrf: csrfOf(page.text), current: who.password, new: 'fay.changes' });
      assert.equal(weak.status, 400);
      const done = await postForm(server.base, '/console/password', here, { csrf: csrfOf(page.text), current: who.password, new: 'fay has a second password' });
      assert.equal(done.status, 200);
      assert.match(done.text, /Your password is changed\. You are signed out everywhere else\./);
      const renewed = sessionOf(done);
      assert.notEqual(renewed, here);
      assert.equal((await get(server.base, '/console/', elsewhere)).status, 303, 'the other browser is signed out');
      assert.equal((await get(server.base, '/console/', here)).status, 303, 'the old id of this browser ended too');
      assert.equal((await get(server.base, '/console/', renewed)).status, 200, 'this browser carries on with a new id');
      assert.equal((await signIn(server.base, { ...who, password: 'fay has a second password' })).status, 303);
      assert.equal(sql("SELECT count(*) FROM audit_log WHERE action = 'officer.password_changed' AND object = 'fay.changes'"), '1');
    });

    test('what residents and officers write is escaped on every page, and every console limit holds', async () => {
      const doc = JSON.parse(escapeSample[0]);
      doc.submission_id = `xss-${backend}-0001`;
      doc.comments = { overall: '<script>alert(1)</script> "><img src=x onerror=alert(2)> & {{CSRF}}' };
      assert.equal((await post(server.base, JSON.stringify(doc))).status, 201);
      const id = sessionOf(await signIn(server.base, ADMIN));
      const page = await get(server.base, `/console/budgets/${DISTRICT}/comments?q=${encodeURIComponent('<script>')}`, id);
      assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;&gt;&lt;img src=x onerror=alert\(2\)&gt; &amp; \{\{CSRF\}\}/);
      assert.ok(!page.text.includes('<script>') && !page.text.includes('<img src=x'), 'no markup from a resident reaches the page');
      assert.match(page.text, /value="&lt;script&gt;"/, 'the search box keeps the words, escaped');
      const hide = await postForm(server.base, `/console/budgets/${DISTRICT}/comments/hide`, id,
        { csrf: csrfOf(page.text), submission: doc.submission_id, about: 'overall', reason: 'x'.repeat(201) });
      assert.equal(hide.status, 400, 'a reason is at most 200 characters');
      assert.equal((await postForm(server.base, `/console/budgets/${DISTRICT}/comments/hide`, id,
        { csrf: csrfOf(page.text), submission: doc.submission_id, about: 'overall', reason: 'ŵ'.repeat(200) })).status, 303,
        '200 characters of two bytes each are 200 characters');
      // Odd queries are read, never obeyed blindly.
      for (const q of [`q=${'a'.repeat(5000)}`, 'page=99999999999', 'page=-1', 'page=1e9', 'about=%00', 'q=%E2%28%A1']) {
        const res = await get(server.base, `/console/budgets/${DISTRICT}/comments?${q}`, id);
        assert.ok(res.status === 200 || res.status === 400, `${q}: ${res.status}`);
      }
      assert.equal((await get(server.base, `/console/budgets/${DISTRICT}?by=${encodeURIComponent('<x>')}`, id)).status, 200);
      assert.equal((await get(server.base, '/console/audit?before=abc', id)).status, 200);
      const back = await get(server.base, `/console/language?to=cy&back=${encodeURIComponent('https://evil.example/')}`, id);
      assert.equal(back.headers.get('location'), '/console/', 'the language switch only sends back into the console');
      const officers = await get(server.base, '/console/officers', id);
      const badName = await postForm(server.base, '/console/officers/add', id,
        { csrf: csrfOf(officers.text), name: 'eve\u0007bell', role: 'analyst', password: 'a long enough passphrase' });
      assert.equal(badName.status, 400);
      const longName = await postForm(server.base, '/console/officers/add', id,
        { csrf: csrfOf(officers.text), name: 'n'.repeat(65), role: 'analyst', password: 'a long enough passphrase' });
      assert.equal(longName.status, 400);
      const tokens = await get(server.base, '/console/tokens', id);
      const noBudget = await postForm(server.base, '/console/tokens/create', id, { csrf: csrfOf(tokens.text), name: 'x', officer: ADMIN.name });
      assert.equal(noBudget.status, 400);
      assert.match(noBudget.text, /Choose at least one consultation\./);
      const badWindow = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, id,
        { csrf: csrfOf(tokens.text), action: 'save', opens_at: '2027-02-30T09:00', closes_at: '' });
      assert.equal(badWindow.status, 400);
      assert.match(badWindow.text, /Give each date and time as the form asks, or leave it empty; a time the clocks skip when they go forward in March does not exist\. Nothing was changed\./);
      // What was typed comes back, the form open, the problem in a summary linking to its field and beside it.
      assert.match(badWindow.text, /<details open>/);
      assert.match(badWindow.text, /<a href="#opens_at">Give each date/);
      assert.match(badWindow.text, /id="opens_at" name="opens_at" type="datetime-local" value="2027-02-30T09:00" aria-describedby="opens_at-error" aria-invalid="true"/);
      const skipped = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, id,
        { csrf: csrfOf(tokens.text), action: 'save', opens_at: '2027-03-28T01:30', closes_at: '' });
      assert.equal(skipped.status, 400, 'the hour the clocks skip does not exist');
    });

    test('dates are UK time: closing at 23:59 in British Summer Time is 22:59 UTC, shown back as 23:59 BST', async () => {
      const id = sessionOf(await signIn(server.base, ADMIN));
      const csrf = csrfOf((await get(server.base, `/console/budgets/${DISTRICT}`, id)).text);
      const saved = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, id,
        { csrf, action: 'save', opens_at: '2027-01-04T09:00', closes_at: '2027-07-20T23:59' });
      assert.equal(saved.status, 303, saved.text);
      const listed = (await (await fetch(`${server.base}/api/v1/budgets`)).json()).budgets.find((b) => b.id === DISTRICT);
      assert.deepEqual([listed.opens_at, listed.closes_at], ['2027-01-04T09:00:00Z', '2027-07-20T22:59:00Z']);
      const page = await get(server.base, `/console/budgets/${DISTRICT}`, id);
      assert.match(page.text, /Not open yet: opens on 4 January 2027 at 09:00 GMT\./);
      assert.match(page.text, /id="closes_at" name="closes_at" type="datetime-local" value="2027-07-20T23:59"/);
      const reset = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, id, { csrf, action: 'reset' });
      assert.equal(reset.status, 303);
    });

    // Last: it locks this address out of signing in for 15 minutes.
    test('an admin erases a response by its reference, whole or only its comments: gone from every table, export and result, audited without content; resent, it is refused 410', async () => {
      const admin = sessionOf(await signIn(server.base, ADMIN));
      const analyst = sessionOf(await signIn(server.base, ANALYST));
      const [first, second] = sample(`${DISTRICT}.json`, 2, 8080).map((l) => JSON.parse(l));
      first.submission_id = `erase-${backend}-whole`;
      first.comments = { overall: 'My neighbour at number 4 never puts the bins out' };
      second.submission_id = `erase-${backend}-comments`;
      second.comments = { overall: 'Please remove this comment later' };
      for (const d of [first, second]) assert.equal((await post(server.base, JSON.stringify(d))).status, 201);
      const countOf = async () => JSON.parse((await officer(server.base, DISTRICT, 'aggregate.json')).text).summary.count;
      const before = await countOf();
      const page = await get(server.base, `/console/budgets/${DISTRICT}/erase`, admin);
      assert.equal(page.status, 200);
      const csrf = csrfOf(page.text);
      assert.equal((await get(server.base, `/console/budgets/${DISTRICT}/erase`, analyst)).status, 403);
      const erase = (fields, who = admin, token = csrf) => postForm(server.base, `/console/budgets/${DISTRICT}/erase`, who, { csrf: token, ...fields });
      const unknown = await erase({ action: 'find', reference: 'no-such-reference' });
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /No response to this consultation has that reference\./);
      assert.match(unknown.text, /value="no-such-reference"/);
      const found = await erase({ action: 'find', reference: ` ${first.submission_id} ` });
      assert.equal(found.status, 200);
      assert.match(found.text, /Received on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST), answering version 1: 1 comments and \d+ personal answers\./);
      assert.doesNotMatch(found.text, /neighbour at number 4/, 'the content is never shown');
      assert.equal((await erase({ action: 'whole', reference: first.submission_id })).status, 400, 'the box must be ticked');
      assert.equal((await erase({ action: 'whole', reference: first.submission_id, confirm: 'yes' }, analyst, csrfOf((await get(server.base, '/console/', analyst)).text))).status, 403);
      const gone = await erase({ action: 'whole', reference: first.submission_id, confirm: 'yes' });
      assert.equal(gone.status, 303, gone.text);
      assert.equal(gone.headers.get('location'), `/console/budgets/${DISTRICT}?done=erased_whole`);
      // Gone from every table; the id kept only as a keyed hash; the audit without content or reference.
      assert.equal(sql(`SELECT count(*) FROM submissions WHERE submission_id = '${first.submission_id}'`), '0');
      assert.equal(sql(`SELECT count(*) FROM comments WHERE submission_id = '${first.submission_id}'`), '0');
      assert.match(sql(`SELECT id_hash || ' ' || scope FROM erased_submissions WHERE budget_id = '${DISTRICT}' AND scope = 'whole'`), /^[0-9a-f]{64} whole$/);
      assert.equal(sql(`SELECT count(*) FROM erased_submissions WHERE id_hash LIKE '%${first.submission_id}%'`), '0');
      const audited = sql("SELECT detail FROM audit_log WHERE action = 'response.erased' ORDER BY id DESC LIMIT 1");
      assert.match(audited, /^the whole response, reference hash [0-9a-f]{12}$/);
      assert.equal(await countOf(), before - 1);
      assert.ok(!(await officer(server.base, DISTRICT, 'submissions.jsonl')).text.includes(first.submission_id));
      assert.ok(!(await officer(server.base, DISTRICT, 'export.csv')).text.includes('neighbour at number 4'));
      assert.doesNotMatch((await get(server.base, `/console/budgets/${DISTRICT}/comments`, admin)).text, /neighbour at number 4/);
      // The public results count again from the rows that are left.
      let publicCount;
      for (let i = 0; i < 100; i++) {
        publicCount = (await (await fetch(`${server.base}/api/v1/budgets/${DISTRICT}/results`)).json()).count;
        if (publicCount === before - 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(publicCount, before - 1);
      // A device's outbox sending it again: refused, and nothing stored.
      const resent = await post(server.base, JSON.stringify(first));
      assert.equal(resent.status, 410);
      assert.equal(resent.body.error.code, 'submission.erased');
      assert.equal(sql(`SELECT count(*) FROM submissions WHERE submission_id = '${first.submission_id}'`), '0');

      // Only the comments and personal answers: the choices still count; resent, it is already stored.
      assert.equal((await erase({ action: 'comments', reference: second.submission_id, confirm: 'yes' })).status, 303);
      assert.equal(sql(`SELECT count(*) FROM comments WHERE submission_id = '${second.submission_id}'`), '0');
      const kept = (await officer(server.base, DISTRICT, 'submissions.jsonl')).text.trim().split('\n').map((l) => JSON.parse(l))
        .find((d) => d.submission_id === second.submission_id);
      assert.ok(kept && !('comments' in kept), 'the row stays, without its comments');
      assert.equal(await countOf(), before - 1);
      const again = await post(server.base, JSON.stringify(second));
      assert.equal(again.status, 200);
      assert.equal(again.body.status, 'already stored');
      assert.match((await get(server.base, `/console/budgets/${DISTRICT}?done=erased_comments`, admin)).text, /comments and personal answers are erased/);
    });

    test('after 5 failures for a name from this address, even the right password waits (429) here, with no word on whether the name exists', async () => {
      const victim = { name: 'dana.locked', password: 'dana has a long password', role: 'analyst' };
      addOfficer(server, victim, db());
      for (let i = 0; i < 5; i++) assert.equal((await signIn(server.base, { ...victim, password: `wrong guess ${i}` })).status, 401);
      const locked = await signIn(server.base, victim);
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get('retry-after')) > 800);
      assert.match(locked.text, /There have been too many attempts to sign in\. Try again after \d\d:\d\d (GMT|BST)\./);
      assert.equal(locked.headers.get('set-cookie'), null);
      for (let i = 0; i < 5; i++) await signIn(server.base, { name: 'no.such.officer', password: `wrong guess ${i}` });
      const ghost = await signIn(server.base, { name: 'no.such.officer', password: 'anything at all here' });
      assert.equal(ghost.status, 429, 'an unknown name locks the same way');
      // Other names from this address: 20 failures in all, then every name waits.
      const failures = Number(sql("SELECT count(*) FROM audit_log WHERE action = 'sign_in.failed'"));
      for (let i = failures; i < 20; i++) await signIn(server.base, { name: `guess.${i}`, password: 'a wrong password here' });
      const other = await signIn(server.base, ADMIN);
      assert.equal(other.status, 429, 'the address is held after 20 failures');
    });
  });
}

test('SIGTERM while the console makes workbooks: every request it took is answered in full, then it exits 0', async () => {
  const server = await startServer({ extra: ['--rate-per-minute', '1000000'] });
  addOfficer(server, ADMIN);
  const many = sample(`${DISTRICT}.json`, 3000, 31);
  for (let i = 0; i < many.length; i += 16) await Promise.all(many.slice(i, i + 16).map((l) => post(server.base, l)));
  const id = sessionOf(await signIn(server.base, ADMIN));
  const asked = Array.from({ length: 8 }, () => fetch(`${server.base}/console/budgets/${DISTRICT}/export.xlsx`,
    { headers: { Cookie: `console_session=${id}` } })
    .then(async (res) => ({ status: res.status, bytes: Buffer.from(await res.arrayBuffer()) }), (error) => ({ error })));
  // Taken and queued (two are made at a time): the signal comes as the first is answered, with the
  // others still being made or waiting, however fast this machine makes them.
  for (let i = 0; i < 2000 && !server.log().includes('GET /console/budgets'); i++) await new Promise((r) => setTimeout(r, 2));
  const code = await server.stop('SIGTERM');
  const answers = await Promise.all(asked);
  assert.equal(code, 0);
  assert.deepEqual(answers.map((a) => a.error?.message ?? a.status), Array(8).fill(200));
  for (const a of answers) {  // whole: a zip's end record closes each (22 bytes, no comment)
    assert.equal(a.bytes.subarray(0, 2).toString(), 'PK');
    assert.equal(a.bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), a.bytes.length - 22, 'each workbook whole');
  }
  const log = server.log();
  assert.ok(log.includes('draining'));
  assert.ok(log.lastIndexOf('GET /console/budgets') > log.indexOf('draining'), 'answered while draining');
  assert.match(log, /stopped cleanly/);
});

test('behind a trusted proxy, wrong passwords from one client, or for one name from many, never lock an officer out where she is', async () => {
  const server = await startServer({ extra: ['--trusted-proxy', '127.0.0.1'] });
  try {
    const victim = { name: 'erin.target', password: 'erin keeps a long passphrase', role: 'analyst' };
    addOfficer(server, victim);
    const from = (address) => ({ 'X-Forwarded-For': address });
    // One client guesses until it is held.
    for (let i = 0; i < 5; i++) assert.equal((await signIn(server.base, { ...victim, password: `wrong guess ${i}` }, from('198.51.100.7'))).status, 401);
    assert.equal((await signIn(server.base, victim, from('198.51.100.7'))).status, 429);
    // Many clients guess her name, five each.
    for (let a = 1; a <= 3; a++)
      for (let i = 0; i < 5; i++) await signIn(server.base, { ...victim, password: `guess ${a}.${i}` }, from(`203.0.113.${a}`));
    // She, from her own address, signs in.
    const hers = await signIn(server.base, victim, from('192.0.2.44'));
    assert.equal(hers.status, 303, hers.text);
    assert.equal(hers.headers.get('location'), '/console/');
    // A client claiming her address to the left of its own is still its own address.
    assert.equal((await signIn(server.base, victim, from('192.0.2.44, 198.51.100.7'))).status, 429);
  } finally {
    await server.stop();
  }
});

test('the server keeps one secret (DATA/secret, 0600): a form opened before a restart is accepted after it, and a projector link still opens the tally', async () => {
  let server = await startServer({});
  try {
    addOfficer(server, ADMIN);
    const secret = statSync(join(server.dataDir, 'secret'));
    assert.equal(secret.mode & 0o777, 0o600);
    assert.equal(secret.size, 32);
    const id = sessionOf(await signIn(server.base, ADMIN));
    const csrf = csrfOf((await get(server.base, '/console/tokens', id)).text);
    const link = await get(server.base, '/console/tally/private-fund-2027', id);
    const key = new URL(link.headers.get('location'), server.base).searchParams.get('key');
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    // The form from before the restart: its token is still this session's.
    const saved = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, id, { csrf, action: 'save', opens_at: '2027-01-04T09:00', closes_at: '' });
    assert.equal(saved.status, 303, saved.text);
    const forged = await postForm(server.base, `/console/budgets/${DISTRICT}/window`, id, { csrf: 'f'.repeat(csrf.length), action: 'save', opens_at: '', closes_at: '' });
    assert.equal(forged.status, 403);
    // The projector's link from before the restart still follows the private results.
    const stream = await fetch(`${server.base}/api/v1/budgets/private-fund-2027/events?key=${key}`, { signal: AbortSignal.timeout(10000) });
    assert.equal(stream.status, 200);
    await stream.body.cancel();
  } finally {
    await server.stop();
  }
});
