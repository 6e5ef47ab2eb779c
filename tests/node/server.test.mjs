// budget-server end to end on 127.0.0.1, against SQLite and a throwaway PostgreSQL cluster:
// every status, idempotent retries, exports, privacy, SIGTERM draining.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, startPostgres, sample, post, officer, parseCsv, budgetsDir, TOKEN, toolBin, root } from './server_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';

for (const backend of ['sqlite', 'postgresql']) {
  describe(`budget-server on ${backend}`, () => {
    let server, pg;
    const lines = sample('eastbrook-district-2026.json', 80, 4242);
    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      // One test address sends more than a resident would (the limit has its own test below).
      // And a budget that names no council profile, whose pack has no annual report digest.
      const budgets = budgetsDir();
      const plain = JSON.parse(readFileSync(join(budgets, 'eastbrook-district-2026.json'), 'utf8'));
      plain.id = 'plain-district-2026';
      delete plain.council.profile;
      writeFileSync(join(budgets, 'plain-district-2026.json'), JSON.stringify(plain));
      server = await startServer({ database: pg ? pg.url : '', budgets, extra: ['--rate-per-minute', '100000'] });
    });
    after(async () => {
      await server?.stop();
      pg?.stop();
    });

    test('health', async () => {
      const res = await fetch(`${server.base}/api/v1/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { budgets: 5, status: 'ok', storage: 'ok' });
    });

    test('201 stores, 200 returns the stored result for the same id, never a second row', async () => {
      const first = await post(server.base, lines[0]);
      assert.equal(first.status, 201);
      assert.equal(first.body.status, 'stored');
      assert.equal(first.body.submission_id, JSON.parse(lines[0]).submission_id);
      const again = await post(server.base, lines[0]);
      assert.equal(again.status, 200);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.body.received_at, first.body.received_at);
      const jsonl = await officer(server.base, DISTRICT, 'submissions.jsonl');
      assert.equal(jsonl.text.trim().split('\n').filter((l) => l.includes(first.body.submission_id)).length, 1);
    });

    test('concurrent duplicate retries leave one row', async () => {
      const line = lines[1];
      const results = await Promise.all(Array.from({ length: 40 }, () => post(server.base, line)));
      const statuses = results.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length, 1);
      assert.equal(statuses.filter((s) => s === 200).length, 39);
      assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
      const id = JSON.parse(line).submission_id;
      const jsonl = await officer(server.base, DISTRICT, 'submissions.jsonl');
      assert.equal(jsonl.text.split('\n').filter((l) => l.includes(id)).length, 1);
    });

    test('409 when a different submission reuses an id', async () => {
      const doc = JSON.parse(lines[2]);
      assert.equal((await post(server.base, JSON.stringify(doc))).status, 201);
      doc.comments = { overall: 'changed my mind' };
      const res = await post(server.base, JSON.stringify(doc));
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'submission.id_conflict');
    });

    test('400 malformed JSON, with the parser\'s location', async () => {
      const res = await post(server.base, '{"format": "council-budget-submission",');
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'json.syntax');
      assert.equal(res.body.error.problems[0].line, 1);
    });

    test('413 too large, 415 wrong content type', async () => {
      assert.equal((await post(server.base, ' '.repeat(70000))).status, 413);
      const res = await post(server.base, lines[3], 'text/plain');
      assert.equal(res.status, 415);
      assert.equal(res.body.error.code, 'http.unsupported_media_type');
    });

    test('422 with the core\'s codes: tampered totals, locked line, over the cap, unknown budget', async () => {
      const doc = JSON.parse(lines[4]);
      const tampered = { ...doc, outcome: { ...doc.outcome, remaining_gap_pence: doc.outcome.remaining_gap_pence - 100000000 } };
      let res = await post(server.base, JSON.stringify(tampered));
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, 'submission.totals_mismatch');
      const locked = structuredClone(doc);
      locked.choices.services['drainage-levy'] = 100;
      res = await post(server.base, JSON.stringify(locked));
      assert.equal(res.status, 422);
      assert.ok(res.body.error.problems.some((p) => p.code === 'submission.locked_line_moved' && p.pointer === '/choices/services/drainage-levy'));
      const cap = structuredClone(doc);
      cap.choices.council_tax_bp = 400;
      res = await post(server.base, JSON.stringify(cap));
      assert.ok(res.body.error.problems.some((p) => p.code === 'submission.council_tax_over_cap'));
      const other = structuredClone(doc);
      other.budget.id = 'nowhere';
      res = await post(server.base, JSON.stringify(other));
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, 'submission.unknown_budget');
    });

    test('the budget list names each council in Welsh too (English where the budget has no Welsh)', async () => {
      const { budgets } = await (await fetch(`${server.base}/api/v1/budgets`)).json();
      const bro = budgets.find((b) => b.id === 'bro-tegid-2026');
      assert.equal(bro.council, 'Bro Tegid County Council');
      assert.notEqual(bro.council_cy, bro.council);
      const district = budgets.find((b) => b.id === DISTRICT);
      assert.equal(district.council_cy, district.council);
      assert.deepEqual(await (await fetch(`${server.base}/api/v1/budgets/bro-tegid-2026`)).json(), bro);
      const unknown = await fetch(`${server.base}/api/v1/budgets/nowhere`);
      assert.equal(unknown.status, 404);
      assert.deepEqual((await unknown.json()).error, { code: 'budget.unknown', message: 'no budget or ballot with id "nowhere"' });
      assert.equal((await fetch(`${server.base}/api/v1/budgets/${DISTRICT}/`)).status, 404);  // an empty tail is no route
    });

    test('public results (from the 10th response; before it only the count), and 403 where the council keeps them private', async () => {
      // Results are counted off the request threads, at most a second behind.
      let res, body;
      const at = async (count) => {
        for (let i = 0; i < 60; i++) {
          res = await fetch(`${server.base}/api/v1/budgets/${DISTRICT}/results`);
          body = res.status === 200 ? await res.json() : null;
          if (body?.count >= count) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await at(3);
      assert.equal(res.status, 200);
      if (body.count < 10) assert.deepEqual(Object.keys(body).sort(), ['budget', 'count', 'suppressed', 'threshold']);
      for (const line of lines.slice(8, 20)) assert.equal((await post(server.base, line)).status, 201);
      await at(10);
      assert.ok(body.count >= 10);
      assert.ok(!('suppressed' in body));
      assert.ok(body.services.every((s) => /^-?\d+\.\d{4}$/.test(s.median_percent)));
      assert.equal((await fetch(`${server.base}/api/v1/budgets/private-district-2026/results`)).status, 403);
      assert.equal((await fetch(`${server.base}/api/v1/budgets/nope/results`)).status, 404);
    });

    test('officer routes: 401 without or with a wrong token', async () => {
      for (const what of ['export.csv', 'aggregate.csv', 'aggregate.json', 'submissions.jsonl']) {
        const none = await officer(server.base, DISTRICT, what, '');
        assert.equal(none.status, 401);
        assert.equal(none.headers.get('www-authenticate'), 'Bearer');
        assert.deepEqual(JSON.parse(none.text).error, { code: 'auth.required',
          message: "this export needs an officer's API token: send it as Authorization: Bearer TOKEN (an administrator makes one in the console, under API tokens)" });
        const wrong = await officer(server.base, DISTRICT, what, TOKEN.replace('0', '1'));
        assert.equal(wrong.status, 401);
        assert.deepEqual(JSON.parse(wrong.text).error, { code: 'auth.bad_token', message: 'this API token is not valid: it may be mistyped, or revoked' });
        assert.equal((await officer(server.base, DISTRICT, what)).status, 200);
      }
    });

    test('formula-injection and XSS payloads are neutralised in every export', async () => {
      const doc = JSON.parse(lines[5]);
      doc.comments = { overall: '=HYPERLINK("http://evil.example","click")', services: { parks: '<script>alert(1)</script>', planning: '@SUM(1+1)*cmd|\' /C calc\'!A0' } };
      assert.equal((await post(server.base, JSON.stringify(doc))).status, 201);
      const csv = await officer(server.base, DISTRICT, 'export.csv');
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);  // BOM, for Excel
      assert.ok(csv.text.includes('"\'=HYPERLINK(""http://evil.example"",""click"")"'));
      assert.ok(!/(^|,)=HYPERLINK/m.test(csv.text));
      const agg = await officer(server.base, DISTRICT, 'aggregate.csv');
      assert.ok(agg.text.includes('"\'=HYPERLINK(""http://evil.example"",""click"")"'));
      assert.ok(agg.text.includes('"\'@SUM(1+1)*cmd|\' /C calc\'!A0"'));
      assert.ok(!/(^|,)[=@+-][A-Za-z]/m.test(agg.text.split('submission_id,about,comment')[1]));
      const json = await officer(server.base, DISTRICT, 'aggregate.json');
      assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(json.headers.get('x-content-type-options'), 'nosniff');
      const parsed = JSON.parse(json.text);
      assert.ok(parsed.comments.some((c) => c.comment === '<script>alert(1)</script>'));  // data in JSON, never HTML
      for (const r of [csv, agg, json]) assert.ok(!r.headers.get('content-type').includes('html'));
    });

    test('export.csv has one row per submission and one column per lever', async () => {
      const csv = await officer(server.base, DISTRICT, 'export.csv');
      const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
      const header = rows[0];
      assert.ok(header.includes('service:parks (%)'));
      assert.ok(header.includes('efficiency:shared-planning'));
      assert.ok(header.includes('income:parking-charges'));
      assert.ok(!header.includes('service:drainage-levy (%)'), 'locked lines are not levers');
      // Headers by name for people who open it in a spreadsheet; the same rows.
      const named = parseCsv((await officer(server.base, DISTRICT, 'export.csv?headers=names')).text.replace(/^\uFEFF/, ''));
      assert.ok(named[0].includes('Parks and open spaces (%)'), named[0].join('|'));
      assert.equal(named[0].length, header.length);
      assert.deepEqual(named.slice(1), rows.slice(1));
      assert.equal((await officer(server.base, DISTRICT, 'aggregate.csv?headers=names')).status, 400);
      const jsonl = (await officer(server.base, DISTRICT, 'submissions.jsonl')).text.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(rows.length - 1, jsonl.length);
      const parks = header.indexOf('service:parks (%)');
      for (const [i, doc] of jsonl.entries()) {
        assert.equal(rows[i + 1][0], doc.submission_id);
        assert.equal(rows[i + 1].length, header.length);
        assert.equal(Number(rows[i + 1][parks]) * 100, doc.choices.services.parks ?? 0);
      }
    });

    test('budget-tool export reads the same database and gives the officers\' files byte for byte', async () => {
      const where = pg ? ['--database', pg.url] : ['--data', server.dataDir];
      for (const [format, route] of [['csv', 'export.csv'], ['jsonl', 'submissions.jsonl'], ['aggregate-csv', 'aggregate.csv'], ['aggregate-json', 'aggregate.json']]) {
        const offline = execFileSync(toolBin, ['export', join(root, 'budgets', `${DISTRICT}.json`), ...where, '--format', format]);
        const online = await officer(server.base, DISTRICT, route);
        assert.ok(offline.equals(online.bytes), `${format} differs`);
      }
    });

    test('privacy: demographics are kept out of the stored document and its exports; no address in storage or logs', async () => {
      const doc = JSON.parse(lines[6]);
      doc.demographics = { age: '65-plus', area: 'villages' };
      assert.equal((await post(server.base, JSON.stringify(doc))).status, 201);
      const jsonl = (await officer(server.base, DISTRICT, 'submissions.jsonl')).text;
      const stored = jsonl.split('\n').find((l) => l.includes(doc.submission_id));
      assert.ok(!('demographics' in JSON.parse(stored)));
      const agg = JSON.parse((await officer(server.base, DISTRICT, 'aggregate.json')).text);
      const age = agg.summary.demographics.find((q) => q.id === 'age');
      assert.ok(age.answers.find((a) => a.id === '65-plus').count >= 1);
      const requestLines = server.log().split('\n').filter((l) => / (GET|POST|OPTIONS) /.test(l));
      assert.ok(requestLines.length > 10);
      assert.ok(requestLines.every((l) => !l.includes('127.0.0.1') && !/node|undici|Mozilla/i.test(l)), 'no address or user agent in the log');
      if (backend === 'sqlite') {
        const dump = execFileSync('sqlite3', [join(server.dataDir, 'submissions.sqlite3'), '.dump']).toString();
        assert.ok(!dump.includes('127.0.0.1'));
        // As docs/privacy.md says: answers have a table of their own, linked to their submission's row.
        assert.match(dump, /CREATE TABLE demographic_answers[^;]*submission_row INTEGER REFERENCES submissions/);
      }
    });

    test('CORS preflight for councils hosting the app on their own site', async () => {
      const res = await fetch(`${server.base}/api/v1/submissions`, { method: 'OPTIONS', headers: { Origin: 'https://council.example', 'Access-Control-Request-Method': 'POST' } });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-headers'), /Content-Type/);
    });

    test('serves the budgets, refuses paths outside them', async () => {
      const res = await fetch(`${server.base}/budgets/${DISTRICT}.json`);
      assert.equal(res.status, 200);
      assert.equal((await res.json()).id, DISTRICT);
      // The pack the app downloads is made from the budget this server checks against: for a budget
      // that names no profile it is budget-tool's, byte for byte; one that names a loaded profile
      // carries the annual report's digest as well (the app's test reads it).
      const pack = await fetch(`${server.base}/budgets/plain-district-2026.pack`);
      assert.equal(pack.status, 200);
      assert.equal(pack.headers.get('content-type'), 'application/octet-stream');
      const packPath = join(tmpdir(), `pack-${process.pid}.pack`);
      execFileSync(toolBin, ['pack', join(server.budgets, 'plain-district-2026.json'), packPath]);
      assert.deepEqual(Buffer.from(await pack.arrayBuffer()), readFileSync(packPath));
      execFileSync(toolBin, ['pack', join(root, 'budgets', `${DISTRICT}.json`), packPath]);
      const digested = Buffer.from(await (await fetch(`${server.base}/budgets/${DISTRICT}.pack`)).arrayBuffer());
      assert.ok(digested.length > readFileSync(packPath).length + 500, `${digested.length} bytes with the digest`);
      assert.ok(digested.includes(Buffer.from('reserves.')) || digested.includes(Buffer.from('No warning')) || digested.includes(Buffer.from('not known')));
      rmSync(packPath);
      assert.equal((await fetch(`${server.base}/budgets/nope.pack`)).status, 404);
      const net = await import('node:net');
      const raw = await new Promise((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => s.write('GET /budgets/../CMakeLists.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        let data = '';
        s.on('data', (d) => { data += d; });
        s.on('end', () => resolve(data));
      });
      assert.match(raw, /^HTTP\/1.1 404/);
      // Found by fuzz_api_request: a budget id with invalid UTF-8 once crashed the server.
      const bad = await new Promise((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => s.write(Buffer.concat([
          Buffer.from('GET /api/v1/budgets/x'), Buffer.from([0x8c, 0xd2, 0xff]), Buffer.from('/results HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')])));
        let data = '';
        s.on('data', (d) => { data += d; });
        s.on('end', () => resolve(data));
      });
      assert.match(bad, /^HTTP\/1.1 404/);
      assert.equal((await fetch(`${server.base}/api/v1/health`)).status, 200);
    });

    test('HEAD gets the header a GET would (its Content-Length) and no body, so the next request still parses', async () => {
      const getLength = async (path) => (await (await fetch(`${server.base}${path}`)).arrayBuffer()).byteLength;
      const net = await import('node:net');
      const send = (text) => new Promise((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => s.write(text));
        let data = '';
        s.on('data', (d) => { data += d; });
        s.on('end', () => resolve(data));
      });
      const paths = [`/budgets/${DISTRICT}.pack`, `/budgets/${DISTRICT}.json`, '/api/v1/budgets'];
      const lengths = await Promise.all(paths.map(getLength));
      const raw = await send(paths.map((p) => `HEAD ${p} HTTP/1.1\r\nHost: x\r\n\r\n`).join('') +
                             'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      // Header blocks only, one per HEAD, then the health check's response with its body.
      const parts = raw.split('\r\n\r\n');
      assert.equal(parts.length, paths.length + 2, raw);
      paths.forEach((p, i) => {
        assert.match(parts[i], /^HTTP\/1.1 200/, p);
        assert.equal(Number(/content-length: (\d+)/i.exec(parts[i])[1]), lengths[i], p);
      });
      assert.match(parts[paths.length], /^HTTP\/1.1 200/);
      assert.equal(JSON.parse(parts[paths.length + 1]).status, 'ok');
      // An error too: its header, with the length of the error a GET gets, and nothing after it.
      const missing = await send('HEAD /budgets/nope.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      assert.match(missing, /^HTTP\/1.1 404/);
      assert.ok(missing.endsWith('\r\n\r\n'), missing);
      assert.equal(Number(/content-length: (\d+)/i.exec(missing)[1]), await getLength('/budgets/nope.json'));
    });

    test('503 while storage is unavailable, then recovery', async () => {
      const doc = JSON.parse(lines[7]);
      if (backend === 'postgresql') {
        pg.stop();
        const res = await post(server.base, JSON.stringify(doc));
        assert.equal(res.status, 503);
        assert.equal(res.body.error.code, 'storage.unavailable');
        assert.equal(res.headers.get('retry-after'), '5');
        assert.equal((await fetch(`${server.base}/api/v1/health`)).status, 503);
        pg.start();
      } else {
        // Another process holds the database's write lock for longer than the server waits (5 s).
        const db = join(server.dataDir, 'submissions.sqlite3');
        const holder = spawn('python3', ['-c', `import sqlite3,time\nc=sqlite3.connect(${JSON.stringify(db)},isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked',flush=True)\ntime.sleep(7)\nc.execute('ROLLBACK')`]);
        await new Promise((r) => holder.stdout.once('data', r));
        const res = await post(server.base, JSON.stringify(doc));
        assert.equal(res.status, 503);
        assert.equal(res.body.error.code, 'storage.unavailable');
        await new Promise((r) => holder.on('exit', r));
      }
      assert.match(server.log(), /storage unavailable: ./, 'the reason is logged for the operator');
      const retry = await post(server.base, JSON.stringify(doc));
      assert.equal(retry.status, 201, 'the same submission is accepted once storage is back');
    });

    test('429 when one address sends too fast', async () => {
      const limited = await startServer({ database: pg ? pg.url : '', extra: ['--rate-per-minute', '6'] });
      try {
        const statuses = [];
        for (const line of lines.slice(20, 35)) statuses.push((await post(limited.base, line)).status);
        assert.ok(statuses.slice(0, 10).every((s) => s === 201), statuses.join(','));
        assert.ok(statuses.includes(429));
        const res = await post(limited.base, lines[40]);
        assert.equal(res.status, 429);
        assert.equal(res.body.error.code, 'rate.limited');
        assert.equal(res.headers.get('retry-after'), '30');
      } finally {
        await limited.stop();
      }
    });

    test('behind a trusted proxy each client has its own rate limit; X-Forwarded-For from anyone else is ignored', async () => {
      const proxied = await startServer({ database: pg ? pg.url : '', extra: ['--rate-per-minute', '6', '--trusted-proxy', '127.0.0.1'] });
      const plain = await startServer({ database: pg ? pg.url : '', extra: ['--rate-per-minute', '6'] });
      const docs = sample('eastbrook-district-2026.json', 54, 777);
      const send = (base, line, forwardedFor) => fetch(`${base}/api/v1/submissions`, {
        method: 'POST', body: line, signal: AbortSignal.timeout(20000),
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor } }).then((r) => r.status);
      try {
        // 24 residents behind the proxy, one submission each: none shares another's bucket.
        const each = [];
        for (let i = 0; i < 24; i++) each.push(await send(proxied.base, docs[i], `203.0.113.${i + 1}`));
        assert.ok(each.every((s) => s === 201), each.join(','));
        // One resident who writes other addresses to the left is still the address the proxy added.
        const one = [];
        for (let i = 0; i < 15; i++) one.push(await send(proxied.base, docs[24 + i], `198.51.100.${i + 1}, 203.0.113.200`));
        assert.ok(one.slice(0, 10).every((s) => s === 201) && one.includes(429), one.join(','));
        // No trusted proxy: every request from 127.0.0.1 shares one bucket, whatever it claims.
        const claimed = [];
        for (let i = 0; i < 15; i++) claimed.push(await send(plain.base, docs[39 + i], `203.0.113.${i + 1}`));
        assert.ok(claimed.includes(429), claimed.join(','));
      } finally {
        await proxied.stop();
        await plain.stop();
      }
    });

    test('SIGTERM drains requests in flight and exits cleanly', async () => {
      const own = await startServer({ database: pg ? pg.url : '' });
      // Handlers attached at once: requests refused after the listener closes are an expected outcome.
      const pending = lines.slice(50, 80).map((l) => post(own.base, l).then((value) => ({ value }), (error) => ({ error })));
      await new Promise((r) => setTimeout(r, 5));
      const code = await own.stop('SIGTERM');
      const results = await Promise.all(pending);
      assert.equal(code, 0);
      assert.match(own.log(), /stopped cleanly/);
      // Every request answered 201 was stored.
      const acked = results.filter((r) => r.value?.status === 201).map((r) => r.value.body.submission_id);
      const again = await startServer({ dataDir: own.dataDir, database: pg ? pg.url : '' });
      const jsonl = (await officer(again.base, DISTRICT, 'submissions.jsonl')).text;
      for (const id of acked) assert.ok(jsonl.includes(id));
      await again.stop();
    });
  });
}
