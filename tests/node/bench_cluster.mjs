// Benchmark: budget-server on one PostgreSQL with one server and with three. Prints submissions a
// second (clients spread over the servers), how long a vote posted to one server takes to reach a
// live tally held on another (p50, p99), how long moderation and a close date made on one server
// take to show on another (p50, p99), and what a crash round (a server killed with SIGKILL every
// 1.5 s under load) lost or stored twice.
// Usage: node tests/node/bench_cluster.mjs [SECONDS]   (after `cmake --build --preset native` and `web`)
import { startPostgres, sample, post, queryDatabase, openEvents } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN } from './console_harness.mjs';
import { startCluster, until } from './cluster_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const FUND = 'bro-tegid-community-fund-2027';
const seconds = Number(process.argv[2] || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (v) => `${v.toFixed(1)} ms`;

// `clients` loops posting distinct responses for `secs`, each to its own server in turn.
async function throughput(nodes, lines, secs, clients = 48) {
  let next = 0, stored = 0, failed = 0;
  const end = performance.now() + secs * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    const node = nodes[c % nodes.length];
    while (performance.now() < end && next < lines.length) {
      const res = await post(node.base, lines[next++]);
      if (res.status === 201) stored++;
      else failed++;
    }
  }));
  return { perSecond: stored / secs, stored, failed, ranOut: next >= lines.length };
}

const lines = sample(`${DISTRICT}.json`, 40000, 3001);
for (const count of [1, 3]) {
  const pg = await startPostgres();
  const cluster = await startCluster(pg, count);
  try {
    await throughput(cluster.nodes, lines.slice(0, 500), 2);  // warm up
    const r = await throughput(cluster.nodes, lines.slice(500), seconds);
    const total = queryDatabase(pg, '', 'SELECT count(*) FROM submissions');
    console.log(`${count} server${count > 1 ? 's' : ''}: ${r.perSecond.toFixed(0)} submissions/s (${r.stored} stored in ${seconds} s by 48 clients, ` +
                `${r.failed} refused${r.ranOut ? ', ran out of responses' : ''}; count(*) ${total})`);
    if (count === 1) continue;

    // A vote posted to server i, seen on a stream held on server i+1.
    const [a, b, c] = cluster.nodes;
    const latencies = [];
    const streams = await Promise.all(cluster.nodes.map((n) => openEvents(n.base, FUND)));
    let votes = (await streams[0].next(() => true, 10000)).data.votes;
    for (let i = 0; i < 100; i++) {
      const from = i % 3, to = (i + 1) % 3;
      const vote = JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: `bench-vote-${i}`,
                                    ballot: { id: FUND, version: 1 }, language: 'en', projects: ['youth-club'] });
      const posted = await post(cluster.nodes[from].base, vote);
      const t0 = performance.now();
      if (posted.status !== 201) throw new Error(`vote refused: ${posted.status}`);
      votes++;
      const seen = await streams[to].next((e) => e.data.votes >= votes, 10000);
      latencies.push(Math.max(0, seen.at - t0));
    }
    streams.forEach((s) => s.close());
    console.log(`tally between servers: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))} (100 votes, from the 201 to the event)`);

    // Moderation and dates made on one server, seen on another.
    addOfficer(a, ADMIN, ['--database', pg.url]);
    const admin = sessionOf(await signIn(a.base, ADMIN));
    const csrf = csrfOf((await get(a.base, `/console/budgets/${DISTRICT}`, admin)).text);
    const commented = JSON.stringify({ ...JSON.parse(lines[0]), submission_id: 'bench-comment-1', comments: { overall: 'Bench comment' } });
    await post(b.base, commented);
    const back = `/console/budgets/${DISTRICT}/comments`;
    await postForm(a.base, `/console/budgets/${DISTRICT}/comments/approve`, admin, { csrf, submission: 'bench-comment-1', about: 'overall', back });
    const published = async (base) => ((await (await fetch(`${base}/api/v1/budgets/${DISTRICT}/results`)).json()).comments || [])
      .some((x) => x.text === 'Bench comment');
    const fast = async (read, ok) => { const t0 = performance.now(); const v = await until(read, ok, 10000); if (!ok(v)) throw new Error('not seen in 10 s'); return performance.now() - t0; };
    await until(() => published(c.base), (v) => v);
    const moderation = [], dates = [];
    for (let i = 0; i < 20; i++) {
      await postForm(a.base, `/console/budgets/${DISTRICT}/comments/${i % 2 ? 'show' : 'hide'}`, admin,
        { csrf, submission: 'bench-comment-1', about: 'overall', reason: 'Benchmark', back });
      moderation.push(await fast(() => published(c.base), (v) => v === (i % 2 === 1)));
      const closes = new Date(Date.now() + (30 + i) * 86400e3);
      const local = closes.toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T').slice(0, 16);
      await postForm(b.base, `/console/budgets/${DISTRICT}/window`, admin, { csrf, action: 'save', opens_at: '', closes_at: local });
      const listed = async (base) => (await (await fetch(`${base}/api/v1/budgets/${DISTRICT}`)).json()).closes_at || '';
      dates.push(await fast(() => listed(c.base), (v) => v.slice(0, 16) === closes.toISOString().slice(0, 16)));
    }
    console.log(`moderation between servers: p50 ${ms(percentile(moderation, 50))}, p99 ${ms(percentile(moderation, 99))} (20 hides and shows; read every 50 ms)`);
    console.log(`close date between servers: p50 ${ms(percentile(dates, 50))}, p99 ${ms(percentile(dates, 99))} (20 changes; read every 50 ms)`);
    await postForm(a.base, `/console/budgets/${DISTRICT}/window`, admin, { csrf, action: 'reset' });

    // A crash round: a server killed every 1.5 s while 24 clients send, each resending until taken.
    const crashLines = sample(`${DISTRICT}.json`, 4000, 3002);
    const acked = new Set();
    let next = 0, stop = false, kills = 0;
    const load = Promise.all(Array.from({ length: 24 }, async (_, r) => {
      while (!stop && next < crashLines.length) {
        const line = crashLines[next++];
        for (;;) {
          const res = await post(cluster.nodes[(r + next) % 3].base, line).catch(() => null);
          if (res && (res.status === 201 || res.status === 200)) { acked.add(JSON.parse(line).submission_id); break; }
          await sleep(100);
        }
      }
    }));
    for (let i = 0; i < 6; i++) {
      await sleep(1500);
      const k = Math.floor(Math.random() * 3);
      cluster.nodes[k].proc.kill('SIGKILL');
      await sleep(300);
      await cluster.restart(k);
      kills++;
    }
    stop = true;
    await load;
    const stored = queryDatabase(pg, '', `SELECT submission_id FROM submissions WHERE submission_id IN (${[...acked].map((id) => `'${id}'`).join(',')})`).split('\n');
    const lost = acked.size - new Set(stored).size;
    console.log(`crash round: ${acked.size} acknowledged, ${kills} servers killed; lost ${lost}, duplicates ${stored.length - new Set(stored).size}`);
  } finally {
    await cluster.stop();
    pg.stop();
  }
}
