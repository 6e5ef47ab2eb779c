// Nothing a resident types is lost: keys with no pause between them, a long paste, IME composition,
// dictation and autocorrect, each followed by leaving the box at once, in Debian's Chromium on a
// phone and a desktop; the comment stored by budget-server (read back with `budget-tool export`) is
// byte for byte what the box showed. The same for the voter code box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { appState, settle, reveal } from './browser_harness.mjs';
import { startServer, budgetsDir, root, toolBin, serverBin } from './server_harness.mjs';

const shots = join(root, 'build', 'screenshots', 'typing');
const BUDGET = 'typing-district-2026', CODED = 'typing-coded-2026';
let server, browser, budgets;

before(async () => {
  mkdirSync(shots, { recursive: true });
  budgets = budgetsDir();
  // The district's budget, sendable without balancing (so each test sends at once), and one that asks for codes.
  const district = JSON.parse(readFileSync(join(root, 'budgets', 'eastbrook-district-2026.json'), 'utf8'));
  writeFileSync(join(budgets, `${BUDGET}.json`), JSON.stringify({ ...district, id: BUDGET, balance_rule: 'may_be_unbalanced' }));
  writeFileSync(join(budgets, `${CODED}.json`),
                JSON.stringify({ ...district, id: CODED, balance_rule: 'may_be_unbalanced', codes_required: true }));
  server = await startServer({ budgets, extra: ['--site', join(root, 'build', 'web', 'site'), '--rate-per-minute', '1000000'] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); await server?.stop(); });

const devices = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
  desktop: { viewport: { width: 1366, height: 768 } },
};

// Puts the finger or the mouse on an item, scrolled into view first.
async function press(page, device, key) {
  const r = await reveal(page, key);
  assert.ok(r, `no item labelled ${key}`);
  if (device === 'phone') await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
  else await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await settle(page);
}

// The review screen of `budget`, with the keyboard in the box `key`.
async function openBox(device, budget, key, permissions = []) {
  const context = await browser.newContext({ ...devices[device], permissions });
  const page = await context.newPage();
  await page.goto(`${server.base}/?budget=${budget}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  await press(page, device, 'Start');
  await press(page, device, 'Review');
  await press(page, device, 'Skip ratings');
  await press(page, device, key);
  // One tap or click; on a loaded machine the box's focus may land a few frames after settle.
  await page.waitForFunction((k) => document.activeElement?.dataset.key === k, key, { timeout: 10000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), key);
  return { context, page, cdp: await context.newCDPSession(page) };
}

// Each character as a key press, every event sent at once (0 ms between keys), then Tab at once,
// which takes the keyboard out of the box. Nothing is awaited until all are sent.
async function typeWithoutPause(cdp, text) {
  const sent = [];
  for (const ch of text) {
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch }));
  }
  sent.push(...leaveAtOnce(cdp));
  await Promise.all(sent);
}
const leaveAtOnce = (cdp) => [cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 }),
                              cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 })];

// What the box shows, once the app has drawn what it was sent.
async function boxAndApp(page, key) {
  await settle(page);
  return page.evaluate((k) => ({ box: document.querySelector(`[data-key="${k}"]`).value, app: window.budgetApp.state().overall_comment }), key);
}

// Sends, then reads the stored comment back through budget-tool export (the officers' JSON lines).
async function sendAndReadBack(page, device, budget) {
  await press(page, device, 'Send');
  await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
  const id = (await appState(page)).submission_id;
  const lines = execFileSync(toolBin, ['export', join(budgets, `${budget}.json`), '--data', server.dataDir, '--format', 'jsonl'],
                             { maxBuffer: 1 << 26 }).toString().trim().split('\n').map((l) => JSON.parse(l));
  const stored = lines.filter((l) => l.submission_id === id);
  assert.equal(stored.length, 1);
  return stored[0];
}

// 500 characters of a comment, as the report's residents wrote them (slashes, dashes, Welsh letters).
const fast = 'Keep going/and/going. Please keep the libraries open — diolch yn fawr iawn, ŵ ŷ! '.repeat(7).slice(0, 500);

for (const device of Object.keys(devices)) {
  test(`${device}: 500 characters typed with no pause, the box left at once: the stored comment is every one of them`, async () => {
    const { context, page, cdp } = await openBox(device, BUDGET, 'comment:overall');
    await typeWithoutPause(cdp, fast);
    const { box, app } = await boxAndApp(page, 'comment:overall');
    assert.equal(box, fast);
    assert.equal(app, fast);
    assert.notEqual(await page.evaluate(() => document.activeElement.dataset.key), 'comment:overall', 'Tab left the box');
    await page.screenshot({ path: join(shots, `${device}-typed.png`) });
    assert.equal((await sendAndReadBack(page, device, BUDGET)).comments.overall, fast);
    await context.close();
  });

  test(`${device}: 2,000 characters pasted, the box left at once: stored whole`, async () => {
    const { context, page, cdp } = await openBox(device, BUDGET, 'comment:overall', ['clipboard-read', 'clipboard-write']);
    const line = 'abcdefghij klmnopqrstu vwxyz ŵŷ.\n';
    const pasted = Array.from({ length: 2000 }, (_, i) => line[i % line.length]).join('');
    await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
    await Promise.all([cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'v', code: 'KeyV', windowsVirtualKeyCode: 86,
                                                            modifiers: 2, commands: ['paste'] }),
                       cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'v', code: 'KeyV', windowsVirtualKeyCode: 86, modifiers: 2 }),
                       ...leaveAtOnce(cdp)]);
    const { box, app } = await boxAndApp(page, 'comment:overall');
    assert.equal(box.length, 2000);
    assert.equal(box, pasted);
    assert.equal(app, pasted);
    assert.equal((await sendAndReadBack(page, device, BUDGET)).comments.overall, pasted);
    await context.close();
  });

  test(`${device}: IME composition (ŵ ŷ â), dictation of a phrase and an autocorrect replacement, the box left at once: stored as shown`, async () => {
    const { context, page, cdp } = await openBox(device, BUDGET, 'comment:overall');
    const sent = [];
    // A Welsh keyboard's dead keys: each letter composed, then committed.
    for (const [base, letter] of [['w', 'ŵ'], ['y', 'ŷ'], ['a', 'â']]) {
      sent.push(cdp.send('Input.imeSetComposition', { text: '^', selectionStart: 1, selectionEnd: 1 }));
      sent.push(cdp.send('Input.imeSetComposition', { text: `^${base}`, selectionStart: 2, selectionEnd: 2 }));
      sent.push(cdp.send('Input.insertText', { text: letter }));
      sent.push(cdp.send('Input.insertText', { text: ' ' }));
    }
    // Dictation gives a whole phrase at once; an emoji comes as one insertion too.
    sent.push(cdp.send('Input.insertText', { text: 'please keep the libarys open on Saturdays 📚' }));
    await Promise.all(sent);
    // Autocorrect selects the misspelt word and replaces it, then the box is left at once.
    await page.evaluate(() => { const el = document.activeElement; const at = el.value.indexOf('libarys'); el.setSelectionRange(at, at + 7); });
    await Promise.all([cdp.send('Input.insertText', { text: 'libraries' }), ...leaveAtOnce(cdp)]);
    const expected = 'ŵ ŷ â please keep the libraries open on Saturdays 📚';
    const { box, app } = await boxAndApp(page, 'comment:overall');
    assert.equal(box, expected);
    assert.equal(app, expected);
    assert.equal((await sendAndReadBack(page, device, BUDGET)).comments.overall, expected);
    await context.close();
  });
}

test('a screen reader\'s own edits of the box (value set, input sent) arrive in order, the last one kept', async () => {
  const { context, page } = await openBox('desktop', BUDGET, 'comment:overall');
  await page.evaluate(() => {
    const el = document.activeElement;
    for (let i = 1; i <= 50; i++) { el.value = 'word '.repeat(i).trim(); el.dispatchEvent(new Event('input', { bubbles: true })); }
    el.blur();
  });
  const { box, app } = await boxAndApp(page, 'comment:overall');
  assert.equal(box, 'word '.repeat(50).trim());
  assert.equal(app, box);
  await context.close();
});

for (const device of Object.keys(devices)) {
  test(`${device}: a voter code typed with no pause and left at once is the code sent, and the server takes it`, async () => {
    const csv = execFileSync(serverBin, ['codes', 'create', '--data', server.dataDir, '--consultation', CODED, '--count', '1']).toString();
    const code = csv.trim().split('\n')[1].split(',')[0];
    const { context, page, cdp } = await openBox(device, CODED, 'Voter code');
    const posted = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/submissions')) posted.push(JSON.parse(r.postData())); });
    await typeWithoutPause(cdp, code);
    await settle(page);
    assert.equal(await page.evaluate(() => document.querySelector('[data-key="Voter code"]').value), code);
    assert.equal(await page.evaluate(() => document.getElementById('m-Problem')?.textContent ?? ''), '');
    await page.screenshot({ path: join(shots, `${device}-voter-code.png`) });
    await press(page, device, 'Send');
    await page.waitForFunction(() => window.budgetApp.state().send_state === 'sent');
    assert.equal(posted.length, 1);
    assert.equal(posted[0].voter_code, code);
    await context.close();
  });
}
