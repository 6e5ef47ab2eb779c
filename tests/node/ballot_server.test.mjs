// Ballot votes through budget-server on SQLite and PostgreSQL: votes are checked by the core, stored
// once each (a retry is 200, a different vote under the same id 409), refused outside the ballot's
// dates, and counted to exactly what `budget-tool pb count` says of the same votes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startPostgres, post, toolBin, budgetsDir } from './server_harness.mjs';

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
  });
}
