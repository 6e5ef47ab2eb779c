// Several budget-server processes on one PostgreSQL, as docs/hosting.md sets them up: for the
// cluster test and its benchmark.
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer } from './server_harness.mjs';
import { site } from './nginx_harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `read` until `ok(value)` or `ms` pass; returns the last value.
export async function until(read, ok, ms = 10000) {
  const end = Date.now() + ms;
  let value;
  for (;;) {
    value = await read();
    if (ok(value) || Date.now() > end) return value;
    await sleep(50);
  }
}

// Three servers on one PostgreSQL, sharing one secret file, as docs/hosting.md sets them up.
// `budgets`: a folder of their own (default: every budget, ballot and profile, as startServer makes).
export async function startCluster(pg, count = 3, budgets = undefined) {
  const work = mkdtempSync(join(tmpdir(), 'cluster-'));
  const secretFile = join(work, 'secret');
  writeFileSync(secretFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  const common = ['--secret-file', secretFile, '--site', site, '--trusted-proxy', '127.0.0.1', '--trust-proxy',
                  '--rate-per-minute', '100000', '--max-db-connections', '6'];
  const nodes = await Promise.all(Array.from({ length: count }, () => startServer({ database: pg.url, extra: common, budgets })));
  const restart = async (i) => {
    const { port, dataDir, budgets: folder } = nodes[i];
    nodes[i] = await startServer({ database: pg.url, extra: common, port, dataDir, budgets: folder });
    return nodes[i];
  };
  return { nodes, restart, stop: () => Promise.all(nodes.map((n) => n.stop())) };
}

