// Starts budget-server (and a throwaway PostgreSQL cluster) for the node tests, on 127.0.0.1 only.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, chmodSync, readdirSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBin = process.env.BUDGET_SERVER || join(root, 'build', 'native', 'budget-server', 'budget-server');
export const toolBin = process.env.BUDGET_TOOL || join(root, 'build', 'native', 'budget-tool', 'budget-tool');
export const TOKEN = 'officer-token-for-tests-0123456789';

// Parses CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks) into rows of cells.
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A budgets folder with the examples plus a copy whose results are not public.
export function budgetsDir() {
  const dir = mkdtempSync(join(tmpdir(), 'budgets-'));
  for (const f of readdirSync(join(root, 'budgets'))) if (f.endsWith('.json')) copyFileSync(join(root, 'budgets', f), join(dir, f));
  const priv = JSON.parse(readFileSync(join(root, 'budgets', 'eastbrook-district-2026.json'), 'utf8'));
  priv.id = 'private-district-2026';
  priv.results_public = false;
  writeFileSync(join(dir, 'private-district-2026.json'), JSON.stringify(priv));
  // Council profiles, for the annual reports.
  mkdirSync(join(dir, 'councils'));
  for (const f of readdirSync(join(root, 'budgets', 'councils'))) {
    if (f.endsWith('.json')) copyFileSync(join(root, 'budgets', 'councils', f), join(dir, 'councils', f));
  }
  // Ballots, and a copy whose results are not public.
  mkdirSync(join(dir, 'ballots'));
  for (const f of readdirSync(join(root, 'budgets', 'ballots'))) {
    if (f.endsWith('.json')) copyFileSync(join(root, 'budgets', 'ballots', f), join(dir, 'ballots', f));
  }
  const fund = JSON.parse(readFileSync(join(root, 'budgets', 'ballots', 'bro-tegid-community-fund-2027.json'), 'utf8'));
  fund.id = 'private-fund-2027';
  fund.results_public = false;
  writeFileSync(join(dir, 'ballots', 'private-fund-2027.json'), JSON.stringify(fund));
  return dir;
}

// `env`: more environment for the server (a test moves its clock with libfaketime's FAKETIME).
// `port`: the one to listen on (a server restarted where a proxy expects it), else a free one.
export async function startServer({ dataDir, database = '', budgets = budgetsDir(), extra = [], env = {}, port } = {}) {
  port = port || await freePort();
  dataDir = dataDir || mkdtempSync(join(tmpdir(), 'server-data-'));
  const tokenFile = join(dataDir + '-token');
  writeFileSync(tokenFile, TOKEN + '\n');
  const args = ['--port', String(port), '--data', dataDir, '--budgets', budgets, '--officer-token-file', tokenFile, ...extra];
  if (database) args.push('--database', database);
  const proc = spawn(serverBin, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`budget-server exited: ${log}`);
    try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
    await sleep(25);
  }
  return {
    base, port, dataDir, budgets, proc, log: () => log,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null) return proc.exitCode;
      const exited = new Promise((r) => proc.on('exit', (code, sig) => r(code ?? sig)));
      proc.kill(signal);
      return exited;
    },
  };
}

export function sample(budgetFile, count, seed) {
  const out = execFileSync(toolBin, ['sample', join(root, 'budgets', budgetFile), '--count', String(count), '--seed', String(seed)],
    { maxBuffer: 1 << 28 });
  return out.toString().trim().split('\n');
}

export async function post(base, body, contentType = 'application/json') {
  // A stuck server fails the test in 20 s with this message, rather than holding it until ctest's timeout.
  const res = await fetch(`${base}/api/v1/submissions`, { method: 'POST', headers: { 'Content-Type': contentType }, body,
                                                          signal: AbortSignal.timeout(20000) });
  return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
}

export async function officer(base, budget, what, token = TOKEN) {
  const res = await fetch(`${base}/api/v1/budgets/${budget}/${what}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes, text: bytes.toString('utf8'), headers: res.headers };
}

// One statement against the server's database: PostgreSQL when `pg` is given, else DATA's SQLite file.
export function queryDatabase(pg, dataDir, statement) {
  return (pg ? execFileSync('psql', [pg.url, '-At', '-c', statement])
    : execFileSync('sqlite3', [join(dataDir, 'submissions.sqlite3'), statement])).toString().trim();
}

// A throwaway PostgreSQL cluster: Debian's binaries, initdb in a temporary folder, loopback only.
export async function startPostgres() {
  const bin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1']).toString().trim();
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  chmodSync(dir, 0o777);
  const asPostgres = (cmd, args) => (process.getuid() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, cmd), args, { stdio: 'pipe' }));
  execFileSync('chown', ['-R', 'postgres', dir]);
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const start = () => asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', 'start', '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=on`]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode = 'fast') => asPostgres('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    start,
  };
}

// An event stream as a projector's tally reads it: each event's id and parsed data, in order.
export async function openEvents(base, id, lastEventId) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/budgets/${id}/events`,
    { signal: controller.signal, headers: lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) } });
  const events = [];
  const waiters = [];
  (async () => {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of res.body) {
        text += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
          if (!fields.data) continue;
          events.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data), at: performance.now() });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch { /* aborted */ }
  })();
  return {
    res, events,
    async next(predicate, timeout = 5000) {
      const deadline = performance.now() + timeout;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (performance.now() > deadline) throw new Error('no such event within ' + timeout + ' ms');
        await new Promise((r) => { waiters.push(r); setTimeout(r, 50); });
      }
    },
    close: () => controller.abort(),
  };
}
