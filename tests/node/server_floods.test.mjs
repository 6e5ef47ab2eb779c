// Floods from people without an account: console POSTs checked before their bodies are read, bodies
// in memory capped by client and in all, upload deadlines by size, live results streams bounded
// (slow readers, caps, idle and lifetime limits), and password hashing queued apart from pages.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { startServer, post, root } from './server_harness.mjs';
import { ADMIN, addOfficer, signIn, sessionOf, get } from './console_harness.mjs';

const ID = 'northmoor-county-2026';
const FUND = 'bro-tegid-community-fund-2027';
const site = join(root, 'build', 'web', 'site');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

// A raw connection that sends `head` and collects what comes back; `ended` settles when the server
// closes it (or after `limitMs`, with what came so far).
function openRaw(port, head, { localAddress = '127.0.0.1', limitMs = 10000 } = {}) {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  let text = '';
  const started = Date.now();
  socket.on('data', (d) => { text += d; });
  socket.write(head);
  const ended = new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ text, closed: false, ms: Date.now() - started }), limitMs);
    socket.on('close', () => { clearTimeout(timer); resolve({ text, closed: true, ms: Date.now() - started }); });
    socket.on('error', () => {});
  });
  return { socket, ended, text: () => text };
}

const uploadHead = (port, length, { session = '', origin = `http://127.0.0.1:${port}` } = {}) =>
  `POST /console/budgets/${ID}/drafts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=b\r\n` +
  `Content-Length: ${length}\r\nOrigin: ${origin}\r\nSec-Fetch-Site: same-origin\r\n` +
  (session ? `Cookie: console_session=${session}\r\n` : '') + '\r\n';

const streamHead = (port, id, extra = '') => `GET /api/v1/budgets/${id}/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}\r\n`;
const statusOf = (text) => Number((/^HTTP\/1\.1 (\d{3})/.exec(text) || [])[1] || 0);

// A GET through node's http with a chosen source address (127.0.0.0/8 is all loopback on Linux).
function getFrom(port, path, localAddress, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, localAddress, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function formFrom(port, path, localAddress, fields) {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', localAddress, agent: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body),
                 Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const vote = (base, n) => post(base, JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: `flood-vote-${n}`,
                                                      ballot: { id: FUND, version: 1 }, projects: [n % 2 ? 'youth-club' : 'lakeside-path'] }));

describe('console bodies', () => {
  let server, session;
  before(async () => {
    server = await startServer({ extra: ['--site', site, '--request-timeout', '2'] });
    addOfficer(server, ADMIN);
    session = sessionOf(await signIn(server.base, ADMIN));
  });
  after(async () => { await server?.stop(); });

  test('an upload without a session is 401 before its body is read: 256 held uploads from 4 addresses leave memory flat', async (t) => {
    const rss = rssKiB(server.proc.pid);
    const uploads = [];
    for (let a = 1; a <= 4; a++)
      for (let i = 0; i < 64; i++) uploads.push(openRaw(server.port, uploadHead(server.port, 10_000_000), { localAddress: `127.0.1.${a}` }));
    const answers = await Promise.all(uploads.map((u) => u.ended));
    const rssAfter = rssKiB(server.proc.pid);
    t.diagnostic(`RSS ${rss} -> ${rssAfter} KiB after 256 uploads of 10 MB declared without a session; slowest answer ${Math.max(...answers.map((a) => a.ms))} ms`);
    for (const a of answers) {
      assert.equal(statusOf(a.text), 401, a.text.slice(0, 200));
      assert.match(a.text, /Sign in first/);
      assert.ok(a.closed, 'the connection is closed after the answer');
    }
    assert.ok(rssAfter - rss < 32 * 1024, `RSS grew by ${rssAfter - rss} KiB`);
  });

  test('a signed-in officer\'s upload from another site is 403 before its body is read; from this site it is read', async () => {
    const foreign = await openRaw(server.port, uploadHead(server.port, 10_000_000, { session, origin: 'https://elsewhere.example' })).ended;
    assert.equal(statusOf(foreign.text), 403);
    assert.match(foreign.text, /The form did not come from this console/);
    const own = openRaw(server.port, uploadHead(server.port, 10_000_000, { session }) + '--b\r\n');
    await sleep(1500);
    assert.equal(own.text(), '', 'the server is still reading the body');
    own.socket.destroy();
  });

  test('bodies being read are capped: two 10 MB uploads from one address, 26 in all; then 503 with Retry-After, at once', async () => {
    const held = [];
    const hold = (address) => { const u = openRaw(server.port, uploadHead(server.port, 10_000_000, { session }) + '--b\r\n', { localAddress: address, limitMs: 4000 }); held.push(u); return u; };
    try {
      hold('127.0.2.1');
      hold('127.0.2.1');
      await sleep(500);
      const third = await hold('127.0.2.1').ended;
      assert.equal(statusOf(third.text), 503, third.text.slice(0, 200));
      assert.match(third.text, /Retry-After: 10/i);
      assert.match(third.text, /"code":"http.busy"/);
      // 256 MiB in all: 26 bodies of 10 MB fit, the 27th does not.
      for (let a = 2; a <= 13; a++) { hold(`127.0.2.${a}`); hold(`127.0.2.${a}`); }
      await sleep(1000);
      for (const u of held.slice(0, 2).concat(held.slice(3))) assert.equal(u.text(), '', 'a held upload is still being read');
      const over = await hold('127.0.2.14').ended;
      assert.equal(statusOf(over.text), 503);
    } finally {
      for (const u of held) u.socket.destroy();
    }
    await sleep(300);
    // Given back when they went: the same address may send again.
    const again = openRaw(server.port, uploadHead(server.port, 10_000_000, { session }) + '--b\r\n', { localAddress: '127.0.2.1' });
    await sleep(800);
    assert.equal(again.text(), '');
    again.socket.destroy();
  });

  test('an upload\'s deadline grows with its size (64 KiB a second beyond the request timeout); a stalled one is cut', async () => {
    // --request-timeout 2: a 64 KiB upload has 3 s, a 3 MiB one 50 s.
    const small = openRaw(server.port, uploadHead(server.port, 65536, { session }) + '--b\r\n', { limitMs: 15000 });
    const large = openRaw(server.port, uploadHead(server.port, 3 << 20, { session }) + '--b\r\n', { limitMs: 15000 });
    const cut = await small.ended;
    assert.ok(cut.closed && cut.ms >= 2500 && cut.ms < 12000, `the small upload was cut after ${cut.ms} ms`);
    assert.equal(large.socket.destroyed, false, 'the large upload still has time');
    large.socket.destroy();
  });
});

describe('live results streams', () => {
  test('streams are capped by client address and in all: 429 and 503 with Retry-After, and a slot comes back when a stream ends', async () => {
    const server = await startServer({ extra: ['--site', site, '--max-streams-per-address', '4', '--max-streams', '6'] });
    const open = [];
    try {
      const stream = async (address) => {
        const s = openRaw(server.port, streamHead(server.port, FUND), { localAddress: address, limitMs: 3000 });
        open.push(s);
        for (let i = 0; i < 100 && !/\r\n\r\n/.test(s.text()); i++) await sleep(20);
        return s;
      };
      for (let i = 0; i < 4; i++) assert.equal(statusOf((await stream('127.0.3.1')).text()), 200);
      const fifth = await stream('127.0.3.1');
      assert.equal(statusOf(fifth.text()), 429);
      assert.match(fifth.text(), /Retry-After: 30/i);
      assert.match(fifth.text(), /"code":"events.too_many"/);
      for (let i = 0; i < 2; i++) assert.equal(statusOf((await stream('127.0.3.2')).text()), 200);
      const busy = await stream('127.0.3.3');
      assert.equal(statusOf(busy.text()), 503);
      assert.match(busy.text(), /"code":"events.busy"/);
      open[0].socket.destroy();
      await sleep(300);
      assert.equal(statusOf((await stream('127.0.3.1')).text()), 200);
    } finally {
      for (const s of open) s.socket.destroy();
      await server.stop();
    }
  });

  test('a stream ends after its lifetime and when idle, and resumes from Last-Event-ID without repeating an event', async () => {
    const server = await startServer({ extra: ['--site', site, '--stream-lifetime', '3', '--stream-idle', '2', '--rate-per-minute', '100000'] });
    try {
      assert.equal((await vote(server.base, 1)).status, 201);
      // Idle: no new results for 2 s.
      const idle = await openRaw(server.port, streamHead(server.port, FUND)).ended;
      assert.ok(idle.closed && idle.ms >= 1500 && idle.ms < 8000, `idle stream ended after ${idle.ms} ms`);
      const ids = [...idle.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      assert.equal(ids.length, 1, 'the latest results, once');
      // Lifetime: new results every half second keep it busy, yet it ends at 3 s.
      const busy = openRaw(server.port, streamHead(server.port, FUND));
      let n = 2;
      const voting = (async () => { while (!busy.socket.destroyed && n < 40) { await vote(server.base, n++); await sleep(400); } })();
      const lived = await busy.ended;
      await voting;
      assert.ok(lived.closed && lived.ms >= 2500 && lived.ms < 9000, `stream ended after ${lived.ms} ms`);
      const seen = [...lived.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      assert.ok(seen.length >= 2, `events while it lived: ${seen}`);
      // Resuming from the last id seen sends nothing older or equal.
      const resumed = openRaw(server.port, streamHead(server.port, FUND, `Last-Event-ID: ${seen.at(-1)}\r\n`), { limitMs: 1000 });
      const after = await resumed.ended;
      resumed.socket.destroy();
      for (const m of after.text.matchAll(/^id: (\d+)$/gm)) assert.ok(Number(m[1]) > seen.at(-1), `event ${m[1]} repeated`);
    } finally {
      await server.stop();
    }
  });

  test('200 streams that never read, under a flood of votes: memory stays bounded and a new reader gets the latest count', async (t) => {
    const server = await startServer({ extra: ['--site', site, '--rate-per-minute', '1000000', '--max-streams-per-address', '64'] });
    // Readers that take nothing, with a 2 KiB receive window (set before connecting, which node
    // cannot do): the kernel's buffers fill within a few events, and the server's writes then wait.
    const readers = spawn('/usr/bin/python3', ['-c', `
import socket, sys
held = []
for i in range(200):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    s.bind(('127.0.4.%d' % (1 + i % 4), 0))
    s.connect(('127.0.0.1', ${server.port}))
    s.sendall(b'GET /api/v1/budgets/${FUND}/events HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n')
    held.append(s)
print('open', flush=True)
sys.stdin.read()
`], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve, reject) => { readers.stdout.once('data', resolve); readers.once('exit', reject); });
      await sleep(500);
      const rss = rssKiB(server.proc.pid);
      let n = 0;
      const until = Date.now() + 8000;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (Date.now() < until) assert.equal((await vote(server.base, ++n)).status, 201);
      }));
      const rssAfter = rssKiB(server.proc.pid);
      t.diagnostic(`RSS ${rss} -> ${rssAfter} KiB with 200 streams not reading, after ${n} votes in 8 s`);
      assert.ok(rssAfter - rss < 64 * 1024, `RSS grew by ${rssAfter - rss} KiB`);
      // A reader now gets the count of every vote.
      const fresh = openRaw(server.port, streamHead(server.port, FUND), { limitMs: 4000 });
      let last = null;
      for (let i = 0; i < 100 && !last; i++) {
        await sleep(50);
        const data = [...fresh.text().matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]));
        if (data.length && data.at(-1).votes === n) last = data.at(-1);
      }
      fresh.socket.destroy();
      assert.ok(last, `a new reader saw all ${n} votes counted`);
    } finally {
      readers.stdin.end();
      readers.kill();
      await server.stop();
    }
  });
});

test('wrong sign-ins from many addresses queue apart: a signed-in officer\'s pages still answer at once, and past 32 waiting the flood gets 503', async (t) => {
  const server = await startServer({ extra: ['--site', site] });
  try {
    addOfficer(server, ADMIN);
    const session = sessionOf(await signIn(server.base, ADMIN));
    // 60 addresses, a name each: no throttle applies, and each costs a password hash (a dummy one for an unknown name).
    const flood = Array.from({ length: 60 }, (_, i) =>
      formFrom(server.port, '/console/sign-in', `127.0.5.${i + 1}`, { name: `stranger${i}`, password: 'guess' }));
    await sleep(200);
    const times = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const page = await get(server.base, '/console/', session);
      times.push(performance.now() - started);
      assert.equal(page.status, 200);
    }
    const statuses = await Promise.all(flood);
    t.diagnostic(`console home during the flood: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms; sign-ins: ` +
      `${statuses.filter((s) => s === 401).length} refused as wrong, ${statuses.filter((s) => s === 503).length} told to wait`);
    assert.ok(Math.max(...times) < 2000, `a page took ${Math.max(...times)} ms`);
    assert.ok(statuses.every((s) => s === 401 || s === 503), statuses.join(','));
    assert.ok(statuses.filter((s) => s === 503).length > 0, 'the hashing queue is bounded');
    // The right password still signs in afterwards.
    assert.equal((await signIn(server.base, ADMIN)).status, 303);
  } finally {
    await server.stop();
  }
});
