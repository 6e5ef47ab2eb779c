// Helpers for the officer console's tests: officers made by the command, and requests that carry
// the session cookie and forms as a browser sends them.
import { execFileSync } from 'node:child_process';
import { serverBin } from './server_harness.mjs';

export const ADMIN = { name: 'alice.admin', password: 'alice keeps a long passphrase', role: 'admin' };
export const ANALYST = { name: 'bob.analyst', password: 'bob also has a long one', role: 'analyst' };

// `budget-server officer add`, the password on standard input.
export function addOfficer(server, { name, password, role }, database = []) {
  execFileSync(serverBin, ['officer', 'add', '--data', server.dataDir, ...database, '--name', name, '--role', role],
    { input: `${password}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function answer(res) {
  return { status: res.status, headers: res.headers, text: await res.text() };
}

// A same-origin form post (as a browser sends it: Origin and Sec-Fetch-Site), with the session cookie.
export async function postForm(base, path, session, fields, headers = {}, scheme = 'http') {
  const origin = base.replace(/^http/, scheme);
  const res = await fetch(base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, 'Sec-Fetch-Site': 'same-origin',
      ...(session ? { Cookie: `console_session=${session}` } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),  // an object, or [name, value] pairs (a name may repeat)
  });
  return answer(res);
}

export async function signIn(base, { name, password }, headers = {}, scheme = 'http') {
  return postForm(base, '/console/sign-in', '', { name, password }, headers, scheme);
}

export async function get(base, path, session = '', headers = {}) {
  const res = await fetch(base + path, { redirect: 'manual', headers: { ...(session ? { Cookie: `console_session=${session}` } : {}), ...headers } });
  return answer(res);
}

// The session id a sign-in set.
export function sessionOf(res) {
  const m = (res.headers.get('set-cookie') || '').match(/console_session=([0-9a-f]{64})/);
  if (!m) throw new Error(`no session cookie (status ${res.status}): ${res.text.slice(0, 300)}`);
  return m[1];
}

// The CSRF token in a page's forms.
export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

// Changes cells of a workbook with openpyxl (Debian's python3): [sheet, row, column heading, value].
export function editWorkbook(from, to, edits) {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for sheet, row, heading, value in json.loads(sys.argv[3]):
    ws = wb[sheet]
    headings = [c.value for c in ws[1]]
    ws.cell(row=row, column=headings.index(heading) + 1).value = value
wb.save(sys.argv[2])`;
  execFileSync('/usr/bin/python3', ['-c', script, from, to, JSON.stringify(edits)]);
}
