// Ballot votes through budget-server on SQLite and PostgreSQL: votes are checked by the core, stored
// once each (a retry is 200, a different vote under the same id 409), refused outside the ballot's
// dates, and counted to exactly what `budget-tool pb count` says of the same votes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startPostgres, post, toolBin, budgetsDir, sample, openEvents } from './server_harness.mjs';

const ID = 'bro-tegid-community-fund-2027';

function vote(projects, n, { ballot = ID, version = 1 } = {}) {
  return JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: `vote-${String(n).padStart(6, '0')}`,
                          ballot: { id: ballot, version }, language: 'en', projects });
}

for (const backend of ['sqlite', 'postgresql']) {
  describe(`ballot votes on ${backend}`, () => {
    let server, pg, budgets;
    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      budgets = budgetsDir();
      // A ballot that closed yesterday, and one that opens tomorrow.
      const fund = JSON.parse(readFileSync(join(budgets, 'ballots', `${ID}.json`), 'utf8'));
      const day = 86400e3;
      const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
      writeFileSync(join(budgets, 'ballots', 'closed.json'),
        JSON.stringify({ ...fund, id: 'closed-fund', opens_at: iso(Date.now() - 9 * day), closes_at: iso(Date.now() - day) }));
      writeFileSync(join(budgets, 'ballots', 'later.json'),
        JSON.stringify({ ...fund, id: 'later-fund', opens_at: iso(Date.now() + day), closes_at: iso(Date.now() + 9 * day) }));
      server = await startServer({ database: pg ? pg.url : '', budgets, extra: ['--rate-per-minute', '1000000'] });
    });
    after(async () => {
      await server?.stop();
      pg?.stop();
    });

    test('the ballot is listed beside the budgets', async () => {
      const list = await (await fetch(`${server.base}/api/v1/budgets`)).json();
      const item = list.budgets.find((b) => b.id === ID);
      assert.deepEqual({ kind: item.kind, counting: item.counting, state: item.state, results_public: item.results_public },
        { kind: 'ballot', counting: 'equal-shares', state: 'open', results_public: true });
      assert.equal(list.budgets.find((b) => b.id === 'closed-fund').state, 'closed');
      assert.equal(list.budgets.find((b) => b.id === 'northmoor-county-2026').kind, 'budget');
      for (const id of [ID, 'closed-fund', 'later-fund'])  // each alone, as the app asks for its own
        assert.deepEqual(await (await fetch(`${server.base}/api/v1/budgets/${id}`)).json(), list.budgets.find((b) => b.id === id));
    });

    test('sampled votes are stored once each and counted as budget-tool counts them', async () => {
      const lines = execFileSync(toolBin, ['pb', 'sample', join(budgets, 'ballots', `${ID}.json`), '--count', '600', '--seed', '11'])
        .toString().trim().split('\n').map((l) => JSON.parse(l));
      let n = 0;
      for (const v of lines) {
        const r = await post(server.base, vote(v.projects, ++n));
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.status, 'stored');
      }
      // A retry of the same vote (another spelling of the same JSON) is the same submission.
      const again = await post(server.base, JSON.stringify({ projects: lines[0].projects, ballot: { version: 1, id: ID },
        submission_id: 'vote-000001', language: 'en', format: 'pb-ballot-vote', format_version: 1 }));
      assert.equal(again.status, 200);
      assert.equal(again.body.status, 'already stored');
      const other = await post(server.base, vote(['youth-club'], 1));
      assert.equal(other.status, lines[0].projects.join() === 'youth-club' ? 200 : 409);

      const results = await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).text();
      const file = join(server.dataDir, 'votes.jsonl');
      writeFileSync(file, lines.map((v) => JSON.stringify({ projects: v.projects })).join('\n') + '\n');
      const expected = execFileSync(toolBin, ['pb', 'count', join(budgets, 'ballots', `${ID}.json`), file, '--json']).toString().trim();
      assert.equal(results, expected);
      const parsed = JSON.parse(results);
      assert.equal(parsed.votes, 600);
      assert.ok(parsed.areas.every((a) => a.winners.length > 0));

      // One more vote changes the count; the results follow it.
      const r = await post(server.base, vote(['community-bus'], ++n));
      assert.equal(r.status, 201);
      const after1 = JSON.parse(await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).text());
      assert.equal(after1.votes, 601);
      assert.equal(after1.areas[1].projects.find((p) => p.id === 'community-bus').approvals,
                   parsed.areas[1].projects.find((p) => p.id === 'community-bus').approvals + 1);
    });

    test('a vote that breaks the rule is refused with the core\'s code, and nothing is stored', async () => {
      const cases = [
        [vote(['lakeside-path', 'youth-club', 'town-benches', 'play-area'], 900), 'vote.too_many'],
        [vote(['lakeside-path', 'defibrillators'], 901), 'vote.mixed_areas'],
        [vote(['swimming-pool'], 902), 'vote.unknown_project'],
        [vote([], 903), 'vote.too_few'],
        [vote(['youth-club'], 904, { version: 2 }), 'submission.wrong_version'],
        [vote(['youth-club'], 905, { ballot: 'no-such-ballot' }), 'submission.unknown_ballot'],
      ];
      for (const [body, code] of cases) {
        const r = await post(server.base, body);
        assert.equal(r.status, 422, body);
        assert.equal(r.body.error.code, code);
      }
      const stored = JSON.parse(await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).text());
      assert.equal(stored.votes, 601);
    });

    test('a tally\'s event stream shows each vote within a second, and resumes from Last-Event-ID', async () => {
      const stream = await openEvents(server.base, ID);
      assert.equal(stream.res.status, 200);
      assert.match(stream.res.headers.get('content-type'), /^text\/event-stream/);
      const first = await stream.next(() => true);
      assert.equal(first.event, 'results');
      const start = first.data.votes;
      const latencies = [];
      for (let i = 1; i <= 5; i++) {
        const sent = performance.now();
        const r = await post(server.base, vote(['youth-club'], 2000 + i));
        assert.equal(r.status, 201);
        const e = await stream.next((x) => x.data.votes === start + i);
        latencies.push(e.at - sent);
        assert.ok(e.id > first.id);
      }
      console.log(`vote to tally event: ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      assert.ok(Math.max(...latencies) < 1000, `latencies ${latencies}`);
      const lastId = stream.events.at(-1).id;
      stream.close();
      // Reconnecting with the last id seen: nothing until there is something new; then the news.
      const again = await openEvents(server.base, ID, lastId);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(again.events.length, 0);
      assert.equal((await post(server.base, vote(['play-area'], 2100))).status, 201);
      const news = await again.next(() => true);
      assert.equal(news.data.votes, start + 6);
      again.close();
      // An older id gets the latest at once.
      const behind = await openEvents(server.base, ID, first.id);
      assert.equal((await behind.next(() => true)).data.votes, start + 6);
      behind.close();
    });

    test('a budget\'s tally stream follows its submissions too; private and unknown ones are refused', async () => {
      const stream = await openEvents(server.base, 'eastbrook-district-2026');
      // Seen once under load: no first event. The server's log says whether the results thread failed.
      const first = await stream.next(() => true).catch((e) => { throw new Error(`${e.message}; server's log but its requests:\n${server.log().split('\n').filter((l) => !/ (GET|POST|HEAD) /.test(l)).slice(-30).join('\n')}`); });
      const before = first.data.count ?? first.data.responses;
      assert.equal(typeof before, 'number', JSON.stringify(Object.keys(first.data)));
      const sent = performance.now();
      const [line] = sample('eastbrook-district-2026.json', 1, 77);
      assert.equal((await post(server.base, line)).status, 201);
      const e = await stream.next((x) => (x.data.count ?? x.data.responses) === before + 1);
      console.log(`submission to budget tally event: ${(e.at - sent).toFixed(0)} ms`);
      assert.ok(e.at - sent < 1000);
      stream.close();
      for (const [id, status] of [['private-fund-2027', 403], ['private-district-2026', 403], ['no-such', 404]]) {
        const r = await fetch(`${server.base}/api/v1/budgets/${id}/events`);
        assert.equal(r.status, status);
      }
    });

    test('the join link as a QR code: an SVG a projector or a printer can draw, with its link in words', async () => {
      const res = await fetch(`${server.base}/api/v1/budgets/${ID}/join.svg`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'image/svg+xml');
      const link = res.headers.get('x-join-link');
      assert.equal(link, `http://127.0.0.1:${server.port}/?budget=${ID}`);
      const svg = await res.text();
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
      assert.ok(svg.includes(`<title id="qr-title">QR code: ${link} (Community fund 2027: choose the projects)</title>`));
      // A version 3 code or larger (29+ modules and the quiet zone) with many dark runs.
      assert.ok(Number(svg.match(/viewBox="0 0 (\d+)/)[1]) >= 37);
      assert.ok((svg.match(/M/g) || []).length > 100);
      const budget = await fetch(`${server.base}/api/v1/budgets/northmoor-county-2026/join.svg`);
      assert.equal(budget.status, 200);
      // A Host that is not a plain host name is not put in a code.
      const odd = await new Promise((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(`GET /api/v1/budgets/${ID}/join.svg HTTP/1.1\r\nHost: evil.example/phish?\r\nConnection: close\r\n\r\n`);
        });
        let text = '';
        socket.on('data', (d) => { text += d; });
        socket.on('end', () => resolve(text));
      });
      assert.match(odd, /^HTTP\/1.1 400/);
      assert.match(odd, /qr.no_link/);
      assert.equal((await fetch(`${server.base}/api/v1/budgets/no-such/join.svg`)).status, 404);
    });

    test('outside its dates a ballot takes no votes; private results stay private', async () => {
      const closed = await post(server.base, vote(['youth-club'], 950, { ballot: 'closed-fund' }));
      assert.equal(closed.status, 403);
      assert.equal(closed.body.error.code, 'consultation.closed');
      const later = await post(server.base, vote(['youth-club'], 951, { ballot: 'later-fund' }));
      assert.equal(later.status, 403);
      assert.equal(later.body.error.code, 'consultation.not_open');
      const priv = await fetch(`${server.base}/api/v1/budgets/private-fund-2027/results`);
      assert.equal(priv.status, 403);
      assert.equal((await priv.json()).error.code, 'results.not_public');
    });

    test('open tally streams do not hold up a clean shutdown', async () => {
      const streams = await Promise.all([1, 2, 3].map(() => openEvents(server.base, ID)));
      await Promise.all(streams.map((s) => s.next(() => true)));
      const started = performance.now();
      assert.equal(await server.stop(), 0);
      assert.ok(performance.now() - started < 5000);
      assert.match(server.log(), /stopped cleanly/);
      streams.forEach((s) => s.close());
    });
  });
}
