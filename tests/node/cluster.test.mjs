// Several budget-server processes on one PostgreSQL: rows that commit out of id order are still
// counted, and what one server changes the others see.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, startPostgres, sample, post, queryDatabase } from './server_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `read` until `ok(value)` or `ms` pass; returns the last value.
async function until(read, ok, ms = 10000) {
  const end = Date.now() + ms;
  let value;
  for (;;) {
    value = await read();
    if (ok(value) || Date.now() > end) return value;
    await sleep(50);
  }
}

const countOf = async (base) => (await (await fetch(`${base}/api/v1/budgets/${DISTRICT}/results`)).json()).count;

// A psql session kept open: statements are written to it one at a time, as another server's writer would.
function openSession(pg) {
  const proc = spawn('psql', [pg.url, '-At', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  return {
    async run(sql, expect) {
      proc.stdin.write(sql + '\n');
      const seen = await until(async () => out, (o) => o.includes(expect), 10000);
      assert.ok(seen.includes(expect), `psql said: ${seen}`);
    },
    close: () => new Promise((r) => { proc.on('exit', r); proc.stdin.end(); }),
  };
}

describe('rows that commit out of id order', () => {
  let pg, server;
  before(async () => {
    pg = await startPostgres();
    server = await startServer({ database: pg.url });
  });
  after(async () => { await server?.stop(); pg?.stop(); });

  test('a row whose transaction commits after a higher id is still counted, in results and in count(*)', async () => {
    const lines = sample(`${DISTRICT}.json`, 3, 2801);
    assert.equal((await post(server.base, lines[0])).status, 201);
    assert.equal(await until(() => countOf(server.base), (n) => n === 1), 1);
    // Another writer takes id N and holds its transaction open...
    const held = openSession(pg);
    await held.run('BEGIN;', 'BEGIN');
    await held.run(`INSERT INTO submissions (submission_id, budget_id, budget_version, received_at, has_comments, balanced, choices, document, ratings)
      SELECT 'held-' || submission_id, budget_id, budget_version, received_at, has_comments, balanced, choices, document, ratings
      FROM submissions ORDER BY id LIMIT 1 RETURNING id;`, 'INSERT 0 1');
    // ...while N+1 commits through the server and is counted.
    assert.equal((await post(server.base, lines[1])).status, 201);
    assert.equal(await until(() => countOf(server.base), (n) => n === 2), 2);
    const ids = queryDatabase(pg, '', 'SELECT id FROM submissions ORDER BY id').split('\n').map(Number);
    assert.deepEqual(ids, [1, 3], 'the held row is not visible yet, and took id 2 before the server\'s 3');
    // Then N commits: every count must reach count(*).
    await held.run('COMMIT;', 'COMMIT');
    await held.close();
    assert.equal(queryDatabase(pg, '', 'SELECT count(*) FROM submissions'), '3');
    assert.equal(await until(() => countOf(server.base), (n) => n === 3), 3, 'the late commit is counted');
    assert.equal((await post(server.base, lines[2])).status, 201);
    assert.equal(await until(() => countOf(server.base), (n) => n === 4), 4, 'and nothing is counted twice');
  });
});
