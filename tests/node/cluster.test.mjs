// Several budget-server processes on one PostgreSQL, behind Debian's nginx: rows that commit out of
// id order are still counted; twenty cold starts of three servers at once all come up; under load,
// servers killed with SIGKILL and the database stopped hard lose no acknowledged response and store
// none twice; a vote posted to any server reaches tallies held on every server; and moderation,
// dates, publishing, forms and the sign-in throttle made on one server hold on the others.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import https from 'node:https';
import { startServer, startPostgres, sample, post, queryDatabase, openEvents, serverBin, root } from './server_harness.mjs';
import { startCluster, until } from './cluster_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN } from './console_harness.mjs';
import { startNginx } from './nginx_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const COUNTY = 'northmoor-county-2026';
const FUND = 'bro-tegid-community-fund-2027';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

describe('twenty cold starts of three servers at once on an empty database', () => {
  let pg;
  before(async () => { pg = await startPostgres(); });
  after(() => pg?.stop());

  test('every start succeeds, and the schema is made once', async () => {
    // One small budget: what is raced here is the schema, not the loading of budgets.
    const budgets = mkdtempSync(join(tmpdir(), 'budgets-'));
    copyFileSync(join(root, 'budgets', `${DISTRICT}.json`), join(budgets, `${DISTRICT}.json`));
    const started = [];
    for (let round = 0; round < 20; round++) {
      queryDatabase(pg, '', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const cluster = await startCluster(pg, 3, budgets);
      try {
        for (const node of cluster.nodes) {
          assert.equal(node.proc.exitCode, null, `round ${round}: a server exited: ${node.log()}`);
          assert.equal((await fetch(`${node.base}/api/v1/health`)).status, 200, `round ${round}`);
        }
        started.push(cluster.nodes.length);
        assert.equal(queryDatabase(pg, '', 'SELECT count(*) FROM schema_version'), '10', `round ${round}: each migration recorded once`);
      } finally { await Promise.all(cluster.nodes.map((n) => n.stop('SIGKILL'))); }
    }
    assert.equal(started.reduce((a, b) => a + b, 0), 60);
    // budget-server migrate, as an upgrade runs it before starting servers: nothing left to do.
    assert.match(execFileSync(serverBin, ['migrate', '--database', pg.url]).toString(), /the schema is at version 10: nothing to do/);
  });
});

describe('three servers behind nginx on one PostgreSQL', () => {
  let pg, cluster, nginx;
  before(async () => {
    pg = await startPostgres();
    cluster = await startCluster(pg);
    addOfficer(cluster.nodes[0], ADMIN, ['--database', pg.url]);
    nginx = await startNginx(cluster.nodes.map((n) => n.port));
  });
  after(async () => {
    await nginx?.stop();
    await cluster?.stop();
    pg?.stop();
  });

  test('under load, with servers killed and the database stopped hard: no acknowledged response lost, none stored twice', async () => {
    const lines = sample(`${DISTRICT}.json`, 2000, 2802);
    const acked = new Set();
    let retries = 0, next = 0, kills = 0, chaosDone = false, sentAfterChaos = 0;
    const deadline = Date.now() + 60000;
    // 24 residents, each from an address of their own, resending the same response until it is taken.
    const resident = async (r) => {
      const agent = new https.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.9.${r + 1}`, rejectUnauthorized: false });
      // Each sends until the chaos is over, then a few more (to servers that have all come back).
      while (next < lines.length && Date.now() < deadline && (!chaosDone || sentAfterChaos < 48)) {
        if (chaosDone) sentAfterChaos++;
        const line = lines[next++];
        const id = JSON.parse(line).submission_id;
        for (;;) {
          const res = await nginx.request('/api/v1/submissions', { method: 'POST', body: line, from: `127.0.9.${r + 1}`, agent,
            headers: { 'Content-Type': 'application/json' }, timeout: 10000 }).catch(() => null);
          if (res && (res.status === 201 || res.status === 200)) { acked.add(id); break; }
          assert.ok(!res || [429, 502, 503, 504].includes(res.status), `unexpected ${res?.status}: ${res?.text}`);
          retries++;
          await sleep(100 + Math.random() * 200);
          if (Date.now() > deadline) return;
        }
        await sleep(200);
      }
      agent.destroy();
    };
    const load = Promise.all(Array.from({ length: 24 }, (_, r) => resident(r)));
    // Meanwhile: every 1.5 s a random server is killed (SIGKILL) and started again a moment later;
    // once, the database itself stops at once (as a power cut would) and comes back.
    const chaos = (async () => {
      for (let round = 0; round < 6; round++) {
        await sleep(1500);
        if (round === 2) {
          pg.stop('immediate');
          await sleep(1000);
          pg.start();
          continue;
        }
        const i = Math.floor(Math.random() * cluster.nodes.length);
        const victim = cluster.nodes[i];
        victim.proc.kill('SIGKILL');
        await new Promise((r) => (victim.proc.exitCode !== null || victim.proc.signalCode ? r() : victim.proc.on('exit', r)));
        kills++;
        await sleep(300);
        await cluster.restart(i);
      }
      chaosDone = true;
    })();
    await chaos;
    await load;
    assert.ok(next < lines.length, 'the load lasted through the chaos');
    assert.equal(acked.size, next, 'every response sent was taken in the end');
    const stored = queryDatabase(pg, '', `SELECT submission_id FROM submissions WHERE budget_id = '${DISTRICT}'`).split('\n');
    const storedSet = new Set(stored);
    const lost = [...acked].filter((id) => !storedSet.has(id));
    assert.deepEqual(lost, [], 'acknowledged, then lost');
    assert.equal(stored.length, storedSet.size, 'stored twice');
    assert.ok(kills >= 3, `servers were killed (${kills})`);
    console.log(`crash test: ${acked.size} acknowledged, ${retries} retries, ${kills} servers killed, database stopped hard once; ` +
                `lost ${lost.length}, duplicates ${stored.length - storedSet.size}`);
    // Every server's public count ends equal to count(*).
    const total = Number(queryDatabase(pg, '', `SELECT count(*) FROM submissions WHERE budget_id = '${DISTRICT}'`));
    for (const node of cluster.nodes)
      assert.equal(await until(() => countOf(node.base), (n) => n === total), total, `server on ${node.port}`);
  });

  test('a vote posted to each server shows on the live tallies held on every server', async () => {
    const streams = await Promise.all(cluster.nodes.map((n) => openEvents(n.base, FUND)));
    try {
      const before = await streams[0].next(() => true, 10000);
      const start = before.data.votes;
      const sent = [];
      for (const [i, node] of cluster.nodes.entries()) {
        const vote = JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: `cluster-vote-${i}`,
                                      ballot: { id: FUND, version: 1 }, language: 'en', projects: ['youth-club'] });
        const posted = await post(node.base, vote);
        assert.equal(posted.status, 201, JSON.stringify(posted.body));
        sent.push(performance.now());
        for (const [j, stream] of streams.entries()) {
          const seen = await stream.next((e) => e.data.votes >= start + i + 1, 10000);
          assert.ok(seen, `vote ${i} on the stream held on server ${j}`);
        }
      }
    } finally { streams.forEach((s) => s.close()); }
  });

  test('moderation, dates and publishing made on one server hold on the others; a form made by one is taken by another; sign-ins are throttled together', async () => {
    const [a, b, c] = cluster.nodes;
    const times = {};
    const timed = async (name, read, ok) => {
      const t0 = performance.now();
      const value = await until(read, ok, 10000);
      times[name] = Math.round(performance.now() - t0);
      return value;
    };
    const admin = sessionOf(await signIn(a.base, ADMIN));
    // A form rendered by server A, sent to server B.
    const page = await get(a.base, `/console/budgets/${DISTRICT}`, admin);
    const csrf = csrfOf(page.text);
    // Moderation: a comment sent to C, approved on B, is public on A; hidden on A, gone from C.
    const [line] = sample(`${DISTRICT}.json`, 1, 2803);
    const withComment = JSON.stringify({ ...JSON.parse(line), comments: { overall: 'A bench by the pond, please' } });
    const sentId = JSON.parse(line).submission_id;
    assert.equal((await post(c.base, withComment)).status, 201);
    const back = `/console/budgets/${DISTRICT}/comments?state=waiting`;
    const approved = await postForm(b.base, `/console/budgets/${DISTRICT}/comments/approve`, admin, { csrf, submission: sentId, about: 'overall', back });
    assert.equal(approved.status, 303, approved.text.slice(0, 300));
    const commentsOf = async (base) => ((await (await fetch(`${base}/api/v1/budgets/${DISTRICT}/results`)).json()).comments || []).map((x) => x.text);
    assert.ok((await timed('approval', () => commentsOf(a.base), (t) => t.includes('A bench by the pond, please'))).includes('A bench by the pond, please'));
    const hidden = await postForm(a.base, `/console/budgets/${DISTRICT}/comments/hide`, admin, { csrf, submission: sentId, about: 'overall', reason: 'Names a neighbour', back });
    assert.equal(hidden.status, 303);
    assert.ok(!(await timed('hiding', () => commentsOf(c.base), (t) => !t.includes('A bench by the pond, please'))).includes('A bench by the pond, please'));

    // Dates: closed on B (a form from A), refused on C and A.
    const ukMinuteAgo = new Date(Date.now() - 60000).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T').slice(0, 16);
    const closed = await postForm(b.base, `/console/budgets/${DISTRICT}/window`, admin, { csrf, action: 'save', opens_at: '', closes_at: ukMinuteAgo });
    assert.equal(closed.status, 303, closed.text.slice(0, 300));
    const [late] = sample(`${DISTRICT}.json`, 1, 2804);
    const refusedOn = async (base) => (await post(base, late)).body?.error?.code;
    assert.equal(await timed('close date', () => refusedOn(c.base), (code) => code === 'consultation.closed'), 'consultation.closed');
    assert.equal(await until(() => refusedOn(a.base), (code) => code === 'consultation.closed'), 'consultation.closed');
    assert.equal((await postForm(c.base, `/console/budgets/${DISTRICT}/window`, admin, { csrf, action: 'reset' })).status, 303);
    assert.equal(await until(() => post(a.base, late).then((r) => r.status), (s) => s === 201), 201, 'open again on A after the reset on C');

    // Publishing: a draft uploaded on A and published on B is what C serves.
    const county = await (await fetch(`${a.base}/budgets/${COUNTY}.json`)).json();
    county.notice = `${county.notice} Revised.`;
    const form = new FormData();
    form.append('csrf', csrf);
    form.append('file', new Blob([JSON.stringify(county)]), 'revised.json');
    const uploaded = await fetch(`${a.base}/console/budgets/${COUNTY}/drafts`, { method: 'POST', redirect: 'manual', body: form,
      headers: { Origin: a.base, 'Sec-Fetch-Site': 'same-origin', Cookie: `console_session=${admin}` } });
    assert.equal(uploaded.status, 303, await uploaded.text());
    const draft = uploaded.headers.get('location');
    const published = await postForm(b.base, `${draft}/publish`, admin, { csrf, confirmed: 'yes', when: 'now' });
    assert.equal(published.status, 303, published.text.slice(0, 300));
    const versionOn = async (base) => (await (await fetch(`${base}/budgets/${COUNTY}.json`)).json()).version;
    assert.equal(await timed('publish', () => versionOn(c.base), (v) => v === 2), 2);
    assert.equal(await until(() => versionOn(a.base), (v) => v === 2), 2);

    // The sign-in throttle: five wrong passwords from one address, spread over the three servers,
    // and the right one is refused on any of them from that address, never from another.
    const from = (address) => ({ 'X-Forwarded-For': address });
    for (let i = 0; i < 5; i++)
      assert.equal((await signIn(cluster.nodes[i % 3].base, { ...ADMIN, password: 'not the passphrase' }, from('198.51.100.7'))).status, 401);
    assert.equal((await signIn(c.base, ADMIN, from('198.51.100.7'))).status, 429);
    assert.equal((await signIn(b.base, ADMIN, from('198.51.100.8'))).status, 303);
    console.log(`propagation between servers (ms): ${JSON.stringify(times)}`);
  });
});
