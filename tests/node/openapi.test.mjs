// docs/openapi.json against the real collector on 127.0.0.1: every route it describes answers with
// a status it documents and, when it succeeds, the media type it documents (and the JSON fields it
// says are required); officer routes refuse without a token; every route of docs/api.md is in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, sample, post, root, TOKEN } from './server_harness.mjs';

const spec = JSON.parse(readFileSync(join(root, 'docs', 'openapi.json'), 'utf8'));
const BUDGET = 'eastbrook-district-2026', BALLOT = 'bro-tegid-community-fund-2027';
let server;

before(async () => {
  server = await startServer();
  for (const line of sample(`${BUDGET}.json`, 3, 99)) assert.equal((await post(server.base, line)).status, 201);
});
after(async () => { await server?.stop(); });

const ballotOnly = (path) => path.endsWith('/results.pb');

test('every route of docs/api.md is described in docs/openapi.json', () => {
  const table = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
  const routes = [...table.matchAll(/^\| `(GET|POST) (\/api\/v1\/[^` ]+)`/gm)].map((m) => [m[1].toLowerCase(), m[2].replace(/\[\?.*\]$/, '')]);
  const tails = [...table.matchAll(/^\| (`…\/[^|]+)\|/gm)].flatMap((m) => [...m[1].matchAll(/`…\/([^`]+)`/g)].map((t) => t[1]));
  assert.ok(routes.length >= 8, JSON.stringify(routes));
  for (const [method, path] of routes) assert.ok(spec.paths[path]?.[method], `${method} ${path}`);
  assert.ok(tails.length >= 4, JSON.stringify(tails));
  for (const tail of tails) assert.ok(spec.paths[`/api/v1/budgets/{id}/${tail}`], tail);
});

test('each documented route answers as documented', async () => {
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const url = `${server.base}${path.replace('{id}', ballotOnly(path) ? BALLOT : BUDGET)}`;
      const headers = op.security ? { Authorization: `Bearer ${TOKEN}` } : {};
      let body;
      if (method === 'post') {
        headers['Content-Type'] = 'application/json';
        body = sample(`${BUDGET}.json`, 1, 4242)[0];
      }
      const res = await fetch(url, { method: method.toUpperCase(), headers, body, signal: AbortSignal.timeout(20000) });
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(String(res.status) in op.responses, `${where}: ${res.status} is not documented`);
      const documented = op.responses[String(res.status)];
      const content = documented.content ?? spec.components.responses.Error.content;
      const type = (res.headers.get('content-type') || '').split(';')[0];
      assert.ok(type in content, `${where}: ${type} is not documented for ${res.status}`);
      if (type === 'application/json') {
        const json = await res.json();
        const schema = content[type].schema.$ref ? spec.components.schemas.Error : content[type].schema;
        for (const key of schema.required ?? []) assert.ok(key in json, `${where}: ${key} missing`);
      } else {
        await res.body?.cancel();
      }
      if (op.security) {  // and without a token, a documented refusal
        const refused = await fetch(url);
        assert.equal(refused.status, 401, where);
        assert.ok('401' in op.responses, where);
        await refused.body?.cancel();
      }
    }
  }
});
