// Open files and memory of a budget-server before and after 10,000 GET /api/v1/health, the call a
// load balancer repeats all day (an outside probe found each one leaked a SQLite connection).
// Prints figures; asserts nothing. Usage: node tests/node/bench_open_files.mjs [BUDGET_SERVER] [CALLS]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { freePort, root, serverBin } from './server_harness.mjs';

const bin = process.argv[2] || serverBin;
const calls = Number(process.argv[3] || 10000);
const port = await freePort();
const proc = spawn(bin, ['--port', String(port), '--data', mkdtempSync(join(tmpdir(), 'open-files-')), '--budgets', join(root, 'budgets')],
  { stdio: 'ignore' });
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const get = () => new Promise((resolve) => {
  http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent }, (r) => { r.resume(); r.on('end', () => resolve(r.statusCode)); })
    .on('error', () => resolve(0));
});
for (let i = 0; i < 200 && (await get()) !== 200; i++) await new Promise((r) => setTimeout(r, 25));
const openFiles = () => execFileSync('ls', [`/proc/${proc.pid}/fd`]).toString().trim().split('\n').length;
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]);
console.log(`${bin}\nbefore: ${openFiles()} open files, RSS ${rss()} KiB`);
const statuses = {};
let next = 0;
await Promise.all(Array.from({ length: 4 }, async () => {
  while (next++ < calls) { const s = await get(); statuses[s] = (statuses[s] || 0) + 1; }
}));
console.log(`after ${calls} health calls: ${openFiles()} open files, RSS ${rss()} KiB; answers ${JSON.stringify(statuses)}`);
agent.destroy();
proc.kill('SIGTERM');
