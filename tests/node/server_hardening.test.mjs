// budget-server against what an outside probe found: leaks, wrapped integers, repeated keys, HTTP
// framing, methods, symbolic links, log lines, connection hogging, CSV formula gaps, token guessing,
// stored demographics, compression and validators, and the Content-Security-Policy. SQLite and
// PostgreSQL where storage is involved.
import { brotliDecompressSync } from 'node:zlib';
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, symlinkSync, utimesSync, cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import http from 'node:http';
import net from 'node:net';
import { startServer, startPostgres, sample, post, officer, parseCsv, TOKEN, root } from './server_harness.mjs';

const DISTRICT = 'eastbrook-district-2026';
const FUND = 'bro-tegid-community-fund-2027';
const site = join(root, 'build', 'web', 'site');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One HTTP request through node:http, from a chosen local address (127.0.0.x are all this machine).
function request(port, path, { method = 'GET', headers = {}, body, localAddress = '127.0.0.1', agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, localAddress, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Raw bytes on a fresh connection; resolves with everything the server sent before it closed.
function raw(port, bytes, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let data = '';
    const timer = setTimeout(() => { s.destroy(); resolve({ data, closed: false }); }, timeoutMs);
    s.on('data', (d) => { data += d; });
    s.on('error', () => {});
    s.on('close', () => { clearTimeout(timer); resolve({ data, closed: true }); });
  });
}

function openFiles(pid) { return execFileSync('ls', [`/proc/${pid}/fd`]).toString().trim().split('\n').length; }
// What each open file is, for a failure's message: "socket:[…]" → socket, files by their path.
function openFileNames(pid) {
  return execFileSync('ls', ['-l', `/proc/${pid}/fd`]).toString().split('\n').map((l) => l.split(' -> ')[1]).filter(Boolean)
    .map((t) => t.replace(/:\[\d+\]$/, '')).sort();
}
function rssKiB(pid) { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); }

async function waitForCount(base, budget, count) {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${base}/api/v1/budgets/${budget}/results`);
    if (res.status === 200 && (await res.json()).count >= count) return true;
    await sleep(50);
  }
  return false;
}

// HARDENING=sqlite, postgresql or http runs one part (ctest runs the three side by side); unset, all.
const part = process.env.HARDENING || '';
// Calls to each of the 18 routes in the leak test: 2,000 in the test command (36,000 requests, so a
// leak of 500 bytes a request breaks the 16 MiB bound); a longer soak with HARDENING_CALLS=20000
// (docs/testing.md).
const CALLS = Number(process.env.HARDENING_CALLS || 1000);
const runs = (name) => !part || part === name;

for (const backend of ['sqlite', 'postgresql'].filter(runs)) {
  describe(`hardening on ${backend}`, () => {
    let server, pg;
    const lines = sample('eastbrook-district-2026.json', 60, 9090);
    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      server = await startServer({ database: pg ? pg.url : '', extra: ['--site', site, '--max-streams-per-address', '256'] });  // aborted streams linger in fetch's pool for 4 s
    });
    after(async () => {
      await server?.stop();
      pg?.stop();
    });

    test(`no route leaks: ${CALLS.toLocaleString('en-GB')} calls each to health, results, a static file, a consultation\'s state, every officer route, the ballot routes and the annual report`, async (t) => {
      for (const line of lines.slice(0, 5)) assert.equal((await post(server.base, line)).status, 201);
      for (let i = 0; i < 5; i++) {
        const vote = { format: 'pb-ballot-vote', format_version: 1, submission_id: `hardening-vote-${i}`, ballot: { id: FUND, version: 1 },
                       projects: [i % 2 ? 'youth-club' : 'lakeside-path'] };
        assert.equal((await post(server.base, JSON.stringify(vote))).status, 201);
      }
      let agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const auth = { Authorization: `Bearer ${TOKEN}` };
      const routes = [
        ['/api/v1/health', {}], ['/api/v1/health', {}, 'HEAD'], [`/api/v1/budgets/${DISTRICT}/results`, {}], ['/index.html', {}],
        [`/api/v1/budgets/${DISTRICT}`, {}], [`/api/v1/budgets/${FUND}`, {}],  // what the app asks at start
        ...['export.csv', 'aggregate.csv', 'aggregate.json', 'submissions.jsonl'].map((w) => [`/api/v1/budgets/${DISTRICT}/${w}`, auth]),
        // Ballots: their results (counted on a worker thread), a pabulib file, the file and the app's pack, the QR code.
        [`/api/v1/budgets/${FUND}/results`, {}], [`/api/v1/budgets/${FUND}/results.pb?area=bala`, {}], [`/budgets/${FUND}.json`, {}],
        [`/budgets/${FUND}.pack`, {}],
        [`/api/v1/budgets/${FUND}/join.svg`, {}],
        // A council's annual report, rendered for each request from its profile and the core's signs.
        ['/report/northmoor-county', {}], ['/report/bro-tegid?lang=cy', {}],
        // The council's colour for the console's pages (public, no session).
        [`/console/brand/${DISTRICT}/brand.css`, {}],
      ];
      const hammer = async (times) => {
        for (const [path, headers, method = 'GET'] of routes) {
          let next = 0;
          await Promise.all(Array.from({ length: 8 }, async () => {
            while (next++ < times) {
              const res = await request(server.port, path, { headers, method, agent });
              assert.equal(res.status, 200, path);
            }
          }));
        }
      };
      // A leak stays; a reader the results thread opens each second comes and goes (an SQLite reader
      // is three files: the database, its WAL and its shared memory). So the count is the least of 40
      // looks over 6 s: on a machine running four test files at once a refresh can hold its reader
      // for most of a second. The files at the least are kept for the message.
      let namesAtLeast = [];
      const settledFiles = async () => {
        let least = Infinity;
        for (let i = 0; i < 40; i++) {
          const n = openFiles(server.proc.pid);
          if (n < least) { least = n; namesAtLeast = openFileNames(server.proc.pid); }
          await sleep(150);
        }
        return least;
      };
      await hammer(200);  // warm: caches, pools, allocator arenas
      // Counted with no client connection open: kept-alive sockets come and go with load, leaks stay.
      agent.destroy();
      agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      await sleep(300);
      const files = await settledFiles(), rss = rssKiB(server.proc.pid);
      const namesBefore = namesAtLeast;
      await hammer(CALLS);
      agent.destroy();
      await sleep(300);
      const filesAfter = await settledFiles(), rssAfter = rssKiB(server.proc.pid);
      t.diagnostic(`open files ${files} -> ${filesAfter}; RSS ${rss} -> ${rssAfter} KiB after ${CALLS * routes.length} requests`);
      // SQLite keeps the descriptor of a connection closed while another holds a lock on the same
      // file, and reuses it for the next open (unixClose's "unused" list): so the database file's own
      // descriptors can rise with the peak number of connections at once (8 clients here), and stay
      // there. A leaked connection would hold its WAL open too, and every other file counts strictly.
      const database = (names) => names.filter((n) => n.endsWith('submissions.sqlite3')).length;
      const message = `open files grew from ${files} to ${filesAfter}: ${JSON.stringify(namesBefore)} -> ${JSON.stringify(namesAtLeast)}`;
      assert.ok(filesAfter - database(namesAtLeast) <= files - database(namesBefore) + 2, message);
      assert.ok(database(namesAtLeast) <= database(namesBefore) + 8, message);
      assert.ok(rssAfter - rss < 16 * 1024, `RSS grew by ${rssAfter - rss} KiB`);
      assert.equal((await fetch(`${server.base}/api/v1/health`)).status, 200);
    });

    test('event streams opened and dropped leave nothing behind', async (t) => {
      const settled = async () => {
        let least = Infinity;
        for (let i = 0; i < 20; i++) { least = Math.min(least, openFiles(server.proc.pid)); await sleep(150); }
        return least;
      };
      const openAndDrop = async (times) => {
        let next = 0;
        await Promise.all(Array.from({ length: 16 }, async () => {
          while (next++ < times) {
            const controller = new AbortController();
            const res = await fetch(`${server.base}/api/v1/budgets/${next % 2 ? FUND : DISTRICT}/events`, { signal: controller.signal });
            assert.equal(res.status, 200);
            const reader = res.body.getReader();
            await reader.read();  // the first event: the latest results
            controller.abort();
          }
        }));
      };
      // fetch keeps an aborted stream's socket in its pool for up to 4 s before closing it, so the
      // server's count of open sockets is read after that, each time.
      await openAndDrop(100);
      await sleep(5000);
      const files = await settled(), rss = rssKiB(server.proc.pid);
      await openAndDrop(2000);
      await sleep(5000);
      const filesAfter = await settled(), rssAfter = rssKiB(server.proc.pid);
      t.diagnostic(`open files ${files} -> ${filesAfter}; RSS ${rss} -> ${rssAfter} KiB after 2,000 streams`);
      assert.ok(filesAfter <= files + 2, `open files grew from ${files} to ${filesAfter}`);
      assert.ok(rssAfter - rss < 16 * 1024, `RSS grew by ${rssAfter - rss} KiB`);
    });

    test('integers beyond int64 and repeated keys are refused, and nothing is stored', async () => {
      const before = (await officer(server.base, DISTRICT, 'submissions.jsonl')).text;
      const doc = lines[10];
      const cases = [
        [doc.replace(/"council_tax_bp":-?\d+/, '"council_tax_bp":18446744073709551563'), 422, 'submission.integer_out_of_range', '/choices/council_tax_bp'],
        [doc.replace(/"remaining_gap_pence":-?\d+/, '"remaining_gap_pence":-9223372036854775809'), 422, 'submission.integer_out_of_range', '/outcome/remaining_gap_pence'],
        [doc.replace(/"services":\{"([a-z-]+)":-?\d+/, '"services":{"$1":9223372036854775808'), 422, 'submission.integer_out_of_range', null],
        [doc.replace('{"budget":', '{"language":"cy","budget":'), 400, 'json.duplicate_key', '/language'],
        [doc.replace('"choices":{', '"choices":{"council_tax_bp":0,'), 400, 'json.duplicate_key', '/choices/council_tax_bp'],
      ];
      for (const [body, status, code, pointer] of cases) {
        assert.notEqual(body, doc);
        const res = await post(server.base, body);
        assert.equal(res.status, status, body.slice(0, 120));
        assert.equal(res.body.error.code, code);
        if (pointer) assert.equal(res.body.error.problems[0].pointer, pointer);
      }
      assert.equal((await officer(server.base, DISTRICT, 'submissions.jsonl')).text, before);
    });

    test('results follow new submissions within about a second, from memory', async () => {
      const res = await fetch(`${server.base}/api/v1/budgets/${DISTRICT}/results`);
      const { count } = await res.json();
      for (const line of lines.slice(20, 25)) assert.equal((await post(server.base, line)).status, 201);
      assert.ok(await waitForCount(server.base, DISTRICT, count + 5), 'results did not catch up');
    });

    test('demographic answers are stored linked to their submission, as docs/privacy.md says, never in its document', async () => {
      const doc = JSON.parse(lines[30]);
      doc.demographics = { age: '65-plus', area: 'villages' };
      const stored = await post(server.base, JSON.stringify(doc));
      assert.equal(stored.status, 201);
      const query = 'SELECT d.question, d.answer FROM demographic_answers d JOIN submissions s ON s.id = d.submission_row ' +
                    `WHERE s.submission_id = '${doc.submission_id}' ORDER BY d.question`;
      const rows = backend === 'sqlite'
        ? execFileSync('sqlite3', [join(server.dataDir, 'submissions.sqlite3'), query]).toString()
        : execFileSync('psql', [pg.url, '-Atc', query]).toString();
      assert.equal(rows.trim(), 'age|65-plus\narea|villages');
      const jsonl = (await officer(server.base, DISTRICT, 'submissions.jsonl')).text;
      assert.ok(!JSON.parse(jsonl.split('\n').find((l) => l.includes(doc.submission_id))).demographics);
    });

    test('CSV exports neutralise every formula start and carry no control bytes', async () => {
      const payloads = [' =1+1', '\u00a0=HYPERLINK("x")', '\u200b-2', '\ufeff+3', '\n@SUM(A1)', '\uff1d1+1', '\uff0b1',
                        '\uff0d1', '\uff20x', '|calc', 'bell\u0007 and escape\u001b[31m'];
      const doc = JSON.parse(lines[31]);
      const services = Object.keys(doc.choices.services);
      doc.comments = { overall: payloads[0], services: Object.fromEntries(services.slice(0, payloads.length - 1).map((s, i) => [s, payloads[i + 1]])) };
      const res = await post(server.base, JSON.stringify(doc));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const sent = [doc.comments.overall, ...Object.values(doc.comments.services)];
      const invisible = /^[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\ufffd]*/u;
      for (const what of ['export.csv', 'aggregate.csv']) {
        const csv = (await officer(server.base, DISTRICT, what)).text;
        assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(csv), `${what} holds a control byte`);
        const cells = parseCsv(csv.replace(/^\uFEFF/, '')).flat();
        // No cell a spreadsheet could run: after anything invisible, no = + - @ (or full-width) or |.
        for (const cell of cells) {
          if (cell.startsWith("'") || /^-?\d+(\.\d+)?$/.test(cell)) continue;  // guarded, or a number we wrote
          assert.ok(!/^[=+\-@|\uff1d\uff0b\uff0d\uff20\u2212]/.test(cell.replace(invisible, '')), `${what}: ${JSON.stringify(cell)}`);
          assert.ok(!/^[\t\r\n]/.test(cell), `${what}: ${JSON.stringify(cell)}`);
        }
        assert.ok(cells.includes(`'${doc.comments.overall}`), `${what}: the overall comment is not guarded`);
      }
      // The aggregate lists each comment in a cell of its own: every formula start guarded.
      const cells = parseCsv((await officer(server.base, DISTRICT, 'aggregate.csv')).text.replace(/^\uFEFF/, '')).flat();
      for (const p of sent.filter((x) => !/[\u0007\u001b]/.test(x))) assert.ok(cells.includes(`'${p}`), `${JSON.stringify(p)} not guarded`);
      if (sent.includes(payloads.at(-1))) assert.ok(cells.includes('bell\ufffd and escape\ufffd[31m'), 'control bytes not replaced');
    });

    test('wrong officer tokens: 429 with Retry-After after ten a minute from one address; the scheme in any case', async () => {
      const path = `/api/v1/budgets/${DISTRICT}/aggregate.json`;
      const from = { localAddress: '127.0.0.3' };
      assert.equal((await request(server.port, path, { ...from, headers: { Authorization: `bearer ${TOKEN}` } })).status, 200);
      assert.equal((await request(server.port, path, { ...from, headers: { Authorization: `BEARER  ${TOKEN}` } })).status, 200);
      for (let i = 0; i < 10; i++)
        assert.equal((await request(server.port, path, { ...from, headers: { Authorization: `Bearer wrong-${i}-0123456789` } })).status, 401);
      const blocked = await request(server.port, path, { ...from, headers: { Authorization: 'Bearer wrong-again-0123456789' } });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.headers['retry-after'], '60');
      assert.equal(JSON.parse(blocked.body).error.code, 'auth.throttled');
      // Guessing must stop, so even the right token waits; another address is unaffected.
      assert.equal((await request(server.port, path, { ...from, headers: { Authorization: `Bearer ${TOKEN}` } })).status, 429);
      assert.equal((await request(server.port, path, { localAddress: '127.0.0.4', headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
    });
  });
}

describe('HTTP by the RFC', { skip: !runs('http') }, () => {
  let server;
  before(async () => { server = await startServer({ extra: ['--site', site] }); });
  after(async () => { await server?.stop(); });

  test('a Transfer-Encoding other than exactly chunked is 400 and the connection closes; what follows is never a request', async () => {
    for (const coding of ['gzip', 'chunked, gzip', 'gzip, chunked', 'identity', 'chunked, chunked']) {
      const smuggled = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n';
      const { data, closed } = await raw(server.port, `POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Transfer-Encoding: ${coding}\r\n\r\n${smuggled}`);
      assert.match(data, /^HTTP\/1.1 400 /, coding);
      assert.match(data, /http.bad_transfer_encoding/);
      assert.equal((data.match(/HTTP\/1.1 /g) || []).length, 1, `${coding}: the smuggled request was answered`);
      assert.ok(closed);
    }
    // Chunked itself works.
    const line = sample('eastbrook-district-2026.json', 1, 777)[0];
    const chunked = `${line.length.toString(16)}\r\n${line}\r\n0\r\n\r\n`;
    const { data } = await raw(server.port, `POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Transfer-Encoding: Chunked\r\nConnection: close\r\n\r\n${chunked}`);
    assert.match(data, /^HTTP\/1.1 201 /);
  });

  test('a request with no Host (HTTP/1.1) or two Hosts is 400 (RFC 9112 §3.2); HTTP/1.0 may leave it out', async () => {
    for (const head of ['GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n',
                        'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n',
                        'GET /api/v1/health HTTP/1.0\r\nHost: x\r\nHost: x\r\n\r\n']) {
      const { data } = await raw(server.port, head);
      assert.match(data, /^HTTP\/1\.[01] 400 /, head);
      assert.match(data, /http.bad_host/);
    }
    assert.match((await raw(server.port, 'GET /api/v1/health HTTP/1.0\r\n\r\n')).data, /^HTTP\/1\.[01] 200 /);
    assert.match((await raw(server.port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).data, /^HTTP\/1.1 200 /);
  });

  test('each route answers only its methods; 405 names them in Allow', async () => {
    for (const [method, path, allow] of [['POST', '/api/v1/health', 'GET, HEAD, OPTIONS'], ['DELETE', '/api/v1/health', 'GET, HEAD, OPTIONS'],
      ['PUT', '/api/v1/budgets', 'GET, HEAD, OPTIONS'], ['POST', `/api/v1/budgets/${DISTRICT}`, 'GET, HEAD, OPTIONS'],
      ['GET', '/api/v1/submissions', 'POST, OPTIONS'],
      ['POST', `/api/v1/budgets/${DISTRICT}/results`, 'GET, HEAD, OPTIONS'], ['POST', '/index.html', 'GET, HEAD'],
      ['DELETE', `/budgets/${DISTRICT}.pack`, 'GET, HEAD']]) {
      const res = await request(server.port, path, { method });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.allow, allow, `${method} ${path}`);
    }
    assert.equal((await request(server.port, '/api/v1/nothing', { method: 'OPTIONS' })).status, 404);
    const pre = await request(server.port, '/api/v1/submissions', { method: 'OPTIONS' });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.allow, 'POST, OPTIONS');
  });

  test('log lines are bounded, escaped, and keep the path of a 404 and a 405', async () => {
    const long = `/${'a'.repeat(7000)}`;
    assert.equal((await request(server.port, long)).status, 404);
    // Beast refuses control bytes in the request line (400) before a path is read: none reaches the log.
    assert.match((await raw(server.port, 'GET /esc\x1b[2J\x07here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).data, /^HTTP\/1.1 400 /);
    assert.equal((await request(server.port, '/back\\slash')).status, 404);
    assert.equal((await request(server.port, '/api/v1/health', { method: 'PATCH' })).status, 405);
    await sleep(100);
    const log = server.log().split('\n');
    const longLine = log.find((l) => l.includes(' /aaaa'));
    assert.ok(longLine && longLine.length < 300, `long path logged as ${longLine?.length} characters`);
    assert.match(longLine, /\.\.\.\(7001 bytes\) 404 /);
    assert.ok(log.some((l) => l.includes('GET /back\\x5Cslash 404')), 'backslash not escaped');
    assert.ok(log.some((l) => / - - 400 /.test(l)), 'the unreadable request is not logged');
    assert.ok(log.some((l) => / PATCH \/api\/v1\/health 405 /.test(l)));
    assert.ok(!server.log().includes('\x1b'));
  });

  test('a symbolic link out of the site folder is never followed; one within it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-links-'));
    const own = join(dir, 'site');
    mkdirSync(own);
    writeFileSync(join(own, 'index.html'), '<!doctype html><title>x</title><p>home</p>\n');
    writeFileSync(join(dir, 'secret.txt'), 'outside\n');
    symlinkSync('/etc/passwd', join(own, 'passwd.txt'));
    symlinkSync(join(dir, 'secret.txt'), join(own, 'secret.txt'));
    symlinkSync(dir, join(own, 'up'));
    symlinkSync(join(own, 'index.html'), join(own, 'home.html'));
    const linked = await startServer({ extra: ['--site', own] });
    try {
      for (const path of ['/passwd.txt', '/secret.txt', '/up/secret.txt'])
        assert.equal((await fetch(`${linked.base}${path}`)).status, 404, path);
      // A link that leaves and comes back in is judged by where it ends: inside.
      assert.equal((await fetch(`${linked.base}/up/site/index.html`)).status, 200);
      const home = await fetch(`${linked.base}/home.html`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /home/);
    } finally {
      await linked.stop();
    }
  });

  test('precompressed files by Accept-Encoding, application/wasm, ETag and Last-Modified with 304', async (t) => {
    const wasm = readFileSync(join(site, 'budget-app.wasm'));
    const br = await request(server.port, '/budget-app.wasm', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.deepEqual(br.body, readFileSync(join(site, 'budget-app.wasm.br')));
    const gz = await request(server.port, '/budget-app.wasm', { headers: { 'Accept-Encoding': 'gzip, br;q=0' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gz.body, readFileSync(join(site, 'budget-app.wasm.gz')));
    const plain = await request(server.port, '/budget-app.wasm');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, wasm);
    // Validators: each representation its own tag; 304 with none of the body.
    assert.notEqual(br.headers.etag, plain.headers.etag);
    const again = await request(server.port, '/budget-app.wasm', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, br.headers.etag);
    const since = await request(server.port, '/budget-app.wasm', { headers: { 'If-Modified-Since': plain.headers['last-modified'] } });
    assert.equal(since.status, 304);
    const pack = await request(server.port, `/budgets/${DISTRICT}.pack`);
    assert.equal((await request(server.port, `/budgets/${DISTRICT}.pack`, { headers: { 'If-None-Match': pack.headers.etag } })).status, 304);
    // A budget pack (made in memory at start) is sent with brotli too, decoding to the same bytes.
    const packBr = await request(server.port, `/budgets/${DISTRICT}.pack`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    assert.equal(packBr.headers['content-encoding'], 'br');
    assert.equal(packBr.headers.vary, 'Accept-Encoding');
    assert.deepEqual(brotliDecompressSync(packBr.body), pack.body);
    assert.ok(packBr.body.length < pack.body.length * 0.6, `${packBr.body.length} of ${pack.body.length} bytes`);
    assert.notEqual(packBr.headers.etag, pack.headers.etag);
    assert.equal((await request(server.port, `/budgets/${DISTRICT}.pack`, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': packBr.headers.etag } })).status, 304);
    // The resident's first visit, in bytes, with and without compression.
    let compressed = 0, identity = 0;
    for (const file of ['index.html', 'app-page.css', 'a11y-mirror.js', 'app-page.js', 'budget-app.js', 'budget-app.wasm', 'config.json',
      'fonts/NotoSans-Regular.ttf']) {
      compressed += (await request(server.port, `/${file}`, { headers: { 'Accept-Encoding': 'br, gzip' } })).body.length;
      identity += (await request(server.port, `/${file}`)).body.length;
    }
    t.diagnostic(`app page's files: ${identity} bytes uncompressed, ${compressed} bytes with brotli`);
    assert.ok(compressed < identity * 0.5);
  });

  test('a stale precompressed copy (older than its file) is not sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-stale-'));
    cpSync(site, dir, { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    utimesSync(join(dir, 'config.json.br'), old, old);
    writeFileSync(join(dir, 'config.json'), `${readFileSync(join(dir, 'config.json'), 'utf8').trim()}\n\n`);
    const own = await startServer({ extra: ['--site', dir] });
    try {
      const res = await request(own.port, '/config.json', { headers: { 'Accept-Encoding': 'br, gzip' } });
      assert.notEqual(res.headers['content-encoding'], 'br');
      assert.ok(statSync(join(dir, 'config.json.gz')).mtimeMs < statSync(join(dir, 'config.json')).mtimeMs ||
                res.headers['content-encoding'] === 'gzip');
    } finally {
      await own.stop();
    }
  });

  test('every page carries the Content-Security-Policy; --frame-ancestors sets who may frame it', async () => {
    for (const path of ['/', '/index.html', '/consultations.html']) {
      const csp = (await fetch(`${server.base}${path}`)).headers.get('content-security-policy');
      assert.equal(csp, "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors *", path);
    }
    assert.equal((await fetch(`${server.base}/api/v1/health`)).headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    const framed = await startServer({ extra: ['--site', site, '--frame-ancestors', "'self' https://www.council.example"] });
    try {
      assert.match((await fetch(`${framed.base}/`)).headers.get('content-security-policy'), /frame-ancestors 'self' https:\/\/www\.council\.example$/);
    } finally {
      await framed.stop();
    }
    await assert.rejects(startServer({ extra: ['--frame-ancestors', "*; script-src *"] }), /--frame-ancestors takes CSP sources/);
  });
});

test('one address cannot hold every connection: 4,000 idle sockets from 127.0.0.1, 127.0.0.2 still served at once', { skip: !runs('http') }, async (t) => {
  const server = await startServer({ extra: ['--site', site] });
  const sockets = [];
  try {
    await Promise.all(Array.from({ length: 4000 }, () => new Promise((resolve) => {
      const s = net.connect({ port: server.port, host: '127.0.0.1', localAddress: '127.0.0.1' }, resolve);
      s.on('error', resolve);
      s.on('close', resolve);
      sockets.push(s);
    })));
    await sleep(200);
    const times = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const res = await request(server.port, i % 2 ? '/api/v1/health' : `/budgets/${DISTRICT}.pack`, { localAddress: '127.0.0.2' });
      times.push(performance.now() - t0);
      assert.equal(res.status, 200);
    }
    times.sort((a, b) => a - b);
    t.diagnostic(`from 127.0.0.2 while 127.0.0.1 held its share: median ${times[25].toFixed(1)} ms, slowest ${times.at(-1).toFixed(1)} ms`);
    // Served, not queued behind the flood: well inside the 10 s read deadline a starved client would
    // meet. (Speed itself is bench_server's; four test files at once can delay one request 150 ms.)
    assert.ok(times.at(-1) < 2000, `slowest request took ${times.at(-1)} ms`);
    assert.ok(sockets.filter((s) => !s.destroyed && s.readyState === 'open').length <= 64 + 1, 'more than 64 kept from one address');
  } finally {
    for (const s of sockets) s.destroy();
    await server.stop();
  }
});
