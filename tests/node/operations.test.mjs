// What a council's infrastructure team runs beside the server: /metrics on a loopback listener of its
// own (no address or id as a label), backups taken under load and restored with nothing acknowledged
// missing, and on SQLite one server per folder, with the shell commands still working beside it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { startServer, startPostgres, sample, post, freePort, openEvents, serverBin, toolBin, budgetsDir, queryDatabase } from './server_harness.mjs';
import { addOfficer } from './console_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One metric's value from the exposition text, by its name and labels as written ({a="b"}).
function metric(text, series) {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const connects = (host, port) => new Promise((r) => {
  const s = net.connect(port, host, () => { s.destroy(); r(true); });
  s.on('error', () => r(false));
});

for (const backend of ['sqlite', 'postgresql']) {
  describe(`operations on ${backend}`, () => {
    let pg;
    before(async () => { if (backend === 'postgresql') pg = await startPostgres(); });
    after(() => pg?.stop());
    const database = () => (pg ? ['--database', pg.url] : []);

    test('/metrics: requests by route and status with their times, submissions by fate, commits, streams, the pool; no address or id', async () => {
      const metricsPort = await freePort();
      const server = await startServer({ database: pg ? pg.url : '', extra: ['--metrics-port', String(metricsPort)] });
      try {
        const lines = sample(`${DISTRICT}.json`, 3, 2901 + (pg ? 1 : 0));
        for (const line of lines) assert.equal((await post(server.base, line)).status, 201);
        assert.equal((await post(server.base, lines[0])).status, 200, 'an outbox sending again');
        const conflicting = { ...JSON.parse(lines[2]), submission_id: JSON.parse(lines[1]).submission_id };
        assert.equal((await post(server.base, JSON.stringify(conflicting))).status, 409, 'another response under a stored id');
        assert.equal((await post(server.base, '{')).status, 400);
        const stream = await openEvents(server.base, DISTRICT);
        await stream.next(() => true, 10000);
        const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
        const text = await res.text();
        stream.close();
        assert.equal(metric(text, 'budget_submissions_total{outcome="stored"}'), 3);
        assert.equal(metric(text, 'budget_submissions_total{outcome="resent"}'), 1);
        assert.equal(metric(text, 'budget_submissions_total{outcome="refused"}'), 1);
        assert.equal(metric(text, 'budget_http_requests_total{route="api_submissions",status="201"}'), 3);
        assert.equal(metric(text, 'budget_http_requests_total{route="api_submissions",status="400"}'), 1);
        assert.equal(metric(text, 'budget_http_request_duration_seconds_count{route="api_submissions"}'), 6);
        assert.ok(metric(text, 'budget_group_commit_batch_size_count') >= 1);
        assert.equal(metric(text, 'budget_group_commit_batch_size_sum'), 5, 'three stored, one resent and one refused were written');
        assert.equal(metric(text, 'budget_sse_streams_open'), 1);
        if (pg) {
          assert.equal(metric(text, 'budget_db_connections_max'), 12);
          assert.ok(metric(text, 'budget_db_connections_in_use') >= 0);
          assert.ok(metric(text, 'budget_watermark_lag_transactions') >= 0);
        }
        // Labels are fixed words: no address, submission id or budget id appears anywhere.
        assert.doesNotMatch(text, /127\.0\.0\.1|::1/);
        for (const line of lines) assert.ok(!text.includes(JSON.parse(line).submission_id));
        assert.ok(!text.includes(DISTRICT));
        assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status, 404);
        // Only the machine itself: the listener is on 127.0.0.1 alone, and never on the public port.
        assert.equal(await connects('127.0.0.2', metricsPort), false);
        assert.equal((await fetch(`${server.base}/metrics`)).status, 404);
      } finally { await server.stop(); }
    });

    test('a backup taken under load holds every response acknowledged before it began, and restores', async () => {
      const server = await startServer({ database: pg ? pg.url : '', extra: ['--rate-per-minute', '100000'] });
      const out = join(mkdtempSync(join(tmpdir(), 'backup-')), backend === 'sqlite' ? 'backup.sqlite3' : 'backup.dump');
      try {
        const lines = sample(`${DISTRICT}.json`, 400, 2910 + (pg ? 1 : 0));
        const acked = [];
        let next = 0, stopping = false;
        const sender = async () => {
          while (!stopping && next < lines.length) {
            const line = lines[next++];
            const res = await post(server.base, line);
            if (res.status === 201) acked.push(JSON.parse(line).submission_id);
          }
        };
        const load = Promise.all(Array.from({ length: 6 }, sender));
        const deadline = Date.now() + 20000;
        while (acked.length < 100 && Date.now() < deadline) await sleep(10);
        assert.ok(acked.length >= 100, `responses taken before the backup: ${acked.length}`);
        const before = [...acked];
        const made = spawnSync(serverBin, ['backup', ...(pg ? ['--database', pg.url] : ['--data', server.dataDir]), out]);
        const during = acked.length;
        await sleep(200);
        stopping = true;
        await load;
        assert.equal(made.status, 0, made.stderr.toString());
        assert.match(made.stdout.toString(), pg ? /^backup written to .* \(\d+ bytes\)\n$/ : /^backup written to .* \(\d+ bytes; \d+ submissions; integrity_check: ok\)\n$/);
        assert.ok(acked.length > during, 'responses went on being taken after the backup');
        // A backup never overwrites.
        const again = spawnSync(serverBin, ['backup', ...(pg ? ['--database', pg.url] : ['--data', server.dataDir]), out]);
        assert.equal(again.status, 1);
        assert.match(again.stderr.toString(), /exists already: a backup never overwrites a file/);

        // Restored elsewhere: every response acknowledged before the backup began is there.
        let restoredIds;
        if (pg) {
          queryDatabase(pg, '', 'CREATE DATABASE restored');
          const url = pg.url.replace(/\/postgres$/, '/restored');
          const restored = spawnSync(serverBin, ['restore', '--database', url, out]);
          assert.equal(restored.status, 0, restored.stderr.toString());
          restoredIds = new Set(execFileSync('psql', [url, '-At', '-c', `SELECT submission_id FROM submissions`]).toString().trim().split('\n'));
        } else {
          const dir = mkdtempSync(join(tmpdir(), 'restored-'));
          const restored = spawnSync(serverBin, ['restore', '--data', dir, out]);
          assert.equal(restored.status, 0, restored.stderr.toString());
          assert.match(restored.stdout.toString(), /integrity_check: ok/);
          const file = join(dir, 'submissions.sqlite3');
          assert.equal(execFileSync('sqlite3', [file, 'PRAGMA integrity_check']).toString().trim(), 'ok');
          restoredIds = new Set(execFileSync('sqlite3', [file, 'SELECT submission_id FROM submissions']).toString().trim().split('\n'));
          // The restored folder serves: a server started on it counts them (once its results are first made).
          const revived = await startServer({ dataDir: dir });
          try {
            let count = 0;
            for (let i = 0; i < 200 && count < restoredIds.size; i++) {
              const res = await fetch(`${revived.base}/api/v1/budgets/${DISTRICT}/results`);
              if (res.ok) count = (await res.json()).count;
              if (count < restoredIds.size) await sleep(50);
            }
            assert.equal(count, restoredIds.size, 'the restored server counts every response in the backup');
          } finally { await revived.stop(); }
        }
        const missing = before.filter((id) => !restoredIds.has(id));
        assert.deepEqual(missing, [], 'acknowledged before the backup began, missing from it');
        console.log(`backup on ${backend}: ${before.length} acknowledged before it began, ${restoredIds.size} in it, ${acked.length} by the end`);
      } finally { await server.stop(); }
    });
  });
}

describe('one server per SQLite folder', () => {
  test('a second server on the same folder is refused with a clear message; budget-tool export, officer add and backup run beside the first; restore waits for it to stop', async () => {
    const server = await startServer();
    try {
      assert.equal((await post(server.base, sample(`${DISTRICT}.json`, 1, 2920)[0])).status, 201);
      const second = spawnSync(serverBin, ['--port', String(await freePort()), '--data', server.dataDir, '--budgets', budgetsDir()], { timeout: 20000 });
      assert.equal(second.status, 1);
      assert.match(second.stderr.toString(), new RegExp(`refusing to start: another budget-server is running on ${server.dataDir} \\(it holds .*server\\.lock\\)\\. ` +
        'SQLite serves one server; to run several, give each --database postgresql://\\.\\.\\. \\(docs/hosting\\.md\\)'));
      const csv = execFileSync(toolBin, ['export', join(budgetsDir(), `${DISTRICT}.json`), '--data', server.dataDir]).toString();
      assert.equal(csv.trim().split('\n').length, 2, 'the header and the one response');
      addOfficer(server, { name: 'carol.admin', password: 'carol has a long passphrase', role: 'admin' });
      const out = join(mkdtempSync(join(tmpdir(), 'backup-')), 'beside.sqlite3');
      assert.equal(spawnSync(serverBin, ['backup', '--data', server.dataDir, out]).status, 0);
      const restore = spawnSync(serverBin, ['restore', '--data', server.dataDir, out]);
      assert.equal(restore.status, 1);
      assert.match(restore.stderr.toString(), /^budget-server restore: stop the server first: another budget-server is running on/);
      assert.ok(existsSync(join(server.dataDir, 'server.lock')));
    } finally { await server.stop(); }
  });
});
