// budget-server under stress on 127.0.0.1: kill -9 at random moments under load loses no
// acknowledged submission and leaves the database intact; slow clients do not starve others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import net from 'node:net';
import { startServer, sample, post, officer } from './server_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('kill -9 under load: every acknowledged submission survives, integrity_check is ok', async () => {
  const pool = sample('eastbrook-district-2026.json', 6000, 99);
  let next = 0;
  const acked = new Set();
  let server = await startServer();
  const dataDir = server.dataDir;
  const budgets = server.budgets;
  for (let round = 0; round < 4; round++) {
    let running = true;
    const clients = Array.from({ length: 8 }, async () => {
      while (running && next < pool.length) {
        const line = pool[next++];
        try {
          const res = await post(server.base, line);
          if (res.status === 201 || res.status === 200) acked.add(res.body.submission_id);
        } catch { /* the server died mid-request: not acknowledged */ }
      }
    });
    // Killed mid-stream: once this round has 40 acknowledged (however busy the machine), then 0-300 ms on.
    const target = acked.size + 40;
    for (let waited = 0; acked.size < target && waited < 15000; waited += 20) await sleep(20);
    await sleep(Math.floor(Math.random() * 300));
    server.proc.kill('SIGKILL');
    await new Promise((r) => server.proc.once('exit', r));
    running = false;
    await Promise.all(clients);
    server = await startServer({ dataDir, budgets });
  }
  const stored = new Set((await officer(server.base, DISTRICT, 'submissions.jsonl')).text.trim().split('\n')
    .map((l) => JSON.parse(l).submission_id));
  await server.stop();
  assert.ok(acked.size > 100, `only ${acked.size} acknowledged`);
  const lost = [...acked].filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], `${lost.length} acknowledged submissions lost`);
  const check = execFileSync('sqlite3', [join(dataDir, 'submissions.sqlite3'), 'PRAGMA integrity_check;']).toString().trim();
  assert.equal(check, 'ok');
});

test('slow clients (many half-open connections) do not starve the others', async () => {
  // Every client here shares 127.0.0.1, so the per-address cap (tested in server_hardening) is off:
  // this is about the read deadline alone.
  const server = await startServer({ extra: ['--request-timeout', '3', '--max-connections-per-address', '0'] });
  const sockets = [];
  const closed = [];
  for (let i = 0; i < 400; i++) {
    const s = net.connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    closed.push(new Promise((r) => s.on('close', r)));
    // Half the sockets send part of a header and stall; the rest say nothing at all.
    if (i % 2 === 0) s.on('connect', () => s.write('POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n'));
    sockets.push(s);
  }
  await sleep(300);
  const lines = sample('eastbrook-district-2026.json', 20, 5150);
  const times = [];
  for (const line of lines) {
    const t = performance.now();
    const res = await post(server.base, line);
    times.push(performance.now() - t);
    assert.equal(res.status, 201);
  }
  times.sort((a, b) => a - b);
  assert.ok(times[times.length - 1] < 1000, `slowest submission took ${times[times.length - 1]} ms`);
  // The server cuts the stalled connections off at its request timeout.
  const all = await Promise.race([Promise.all(closed).then(() => true), sleep(8000).then(() => false)]);
  assert.ok(all, 'stalled connections were not closed by the request timeout');
  await server.stop();
});
