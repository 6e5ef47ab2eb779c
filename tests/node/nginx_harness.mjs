// Debian's nginx in front of budget-server, with the shipped deploy/nginx/budget-simulator.conf (only
// the lines marked CHANGE set for this machine): TLS with a throwaway certificate, on loopback.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import https from 'node:https';
import net from 'node:net';
import { freePort, root } from './server_harness.mjs';

export const site = join(root, 'build', 'web', 'site');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The shipped file with the lines marked CHANGE set for this machine; each must be found. Several
// upstream ports put one `server` line each in the upstream block, as a council running several would.
function siteConfig(upstreams, httpPort, tlsPort, cert, key) {
  const text = readFileSync(join(root, 'deploy', 'nginx', 'budget-simulator.conf'), 'utf8');
  const changes = [
    [/^(\s*)server 127\.0\.0\.1:8080;.*$/m, (_, indent) => upstreams.map((p) => `${indent}server 127.0.0.1:${p};`).join('\n')],
    [/^(\s*)listen 80;.*$/m, `$1listen 127.0.0.1:${httpPort};`],
    [/^(\s*)listen 443 ssl http2;.*$/m, `$1listen 127.0.0.1:${tlsPort} ssl http2;`],
    [/^(\s*)ssl_certificate .*$/m, `$1ssl_certificate ${cert};`],
    [/^(\s*)ssl_certificate_key .*$/m, `$1ssl_certificate_key ${key};`],
    [/^(\s*)root .*$/m, `$1root ${site};`],
  ];
  let out = text;
  for (const [pattern, replacement] of changes) {
    assert.match(out, pattern, `deploy/nginx/budget-simulator.conf has no line ${pattern}`);
    out = out.replace(pattern, replacement);
  }
  const left = out.split('\n').filter((l) => /# CHANGE/.test(l) && !/server_name/.test(l));
  assert.deepEqual(left, [], 'every CHANGE line but server_name is set by the test');
  return out;
}

// Starts nginx in front of the budget-server ports in `upstreams`; `base` is its https:// address.
export async function startNginx(upstreams) {
  const work = mkdtempSync(join(tmpdir(), 'nginx-'));
  const cert = join(work, 'cert.pem'), key = join(work, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
                           '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const port = await freePort();
  const httpPort = await freePort();
  writeFileSync(join(work, 'site.conf'), siteConfig(upstreams, httpPort, port, cert, key));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(work, d));
  // Debian's nginx.conf, reduced to what a test on loopback needs (its http block: mime.types, gzip on).
  writeFileSync(join(work, 'nginx.conf'), `
${process.getuid() === 0 ? 'user root root;' : ''}
daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${work}/access.log;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy; fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  sendfile on;
  gzip on;
  include ${work}/site.conf;
}
`);
  execFileSync('/usr/sbin/nginx', ['-t', '-p', work, '-c', join(work, 'nginx.conf')], { stdio: 'pipe' });
  const proc = spawn('/usr/sbin/nginx', ['-p', work, '-c', join(work, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited: ${log}`);
    if (await new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => { s.destroy(); r(true); }); s.on('error', () => r(false)); })) break;
    await sleep(25);
  }
  const base = `https://127.0.0.1:${port}`;
  return {
    base, port, work, log: () => log,
    errors: () => readFileSync(join(work, 'error.log'), 'utf8').split('\n').filter((l) => /\[(error|crit|alert|emerg)\]/.test(l)),
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGQUIT');
      await exited;
    },
    // An HTTPS request through nginx from a chosen loopback address (a client of its own); `agent`:
    // one that keeps its connection (as a phone's browser does), else a new connection each time.
    request(path, { method = 'GET', headers = {}, body, from = '127.0.0.1', timeout = 20000, agent = false } = {}) {
      return new Promise((resolve, reject) => {
        const req = https.request({ host: '127.0.0.1', port, path, method, localAddress: from, rejectUnauthorized: false, agent, timeout,
                                    headers: { ...(body ? { 'Content-Length': Buffer.byteLength(body) } : {}), ...headers } }, (res) => {
          let text = '';
          res.on('data', (d) => { text += d; });
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error('timed out')));
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}
