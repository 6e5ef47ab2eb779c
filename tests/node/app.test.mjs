// The resident app in Debian's Chromium (headless, SwiftShader WebGL2), driven by playwright-core
// against budget-server on 127.0.0.1: WebGL2 first, then screens at phone, desktop and projector
// sizes, clicking by label through the read-only hook window.budgetApp.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, root } from './server_harness.mjs';

const shots = join(root, 'build', 'screenshots');
let server, browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); await server?.stop(); });

async function open(size, query = '') {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${server.base}/app.html${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  return page;
}

async function clickLabel(page, label) {
  const r = await page.evaluate((l) => window.budgetApp.rect(l), label);
  assert.ok(r, `no item labelled ${label}`);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await page.waitForTimeout(100);
}

test('WebGL2 exists in this browser', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/app.html`);
  assert.equal(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2')), true);
  await page.close();
});

for (const budget of ['northmoor-county-2026', 'eastbrook-district-2026', 'bro-tegid-2026']) {
  for (const [name, size] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1366, height: 768 }]]) {
    test(`${budget} at ${name}: welcome, then the simulator`, async () => {
      const page = await open(size, `?budget=${budget}`);
      let state = await page.evaluate(() => window.budgetApp.state());
      assert.equal(state.budget, budget);
      assert.equal(state.screen, 'welcome');
      await page.screenshot({ path: join(shots, `${budget}-${name}-welcome.png`) });
      await clickLabel(page, 'Start');
      state = await page.evaluate(() => window.budgetApp.state());
      assert.equal(state.screen, 'simulator');
      await page.screenshot({ path: join(shots, `${budget}-${name}-simulator.png`) });
      await page.close();
    });
  }
}

test('a slider moved with the mouse changes the budget, and undo restores it', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=eastbrook-district-2026');
  await clickLabel(page, 'Start');
  const before = await page.evaluate(() => window.budgetApp.state());
  const r = await page.evaluate(() => window.budgetApp.rect('service:waste-collection'));
  await page.mouse.click(r.x + r.width * 0.05, r.y + r.height / 2);  // near the left: a deep cut
  await page.waitForTimeout(100);
  const after = await page.evaluate(() => window.budgetApp.state());
  assert.ok(after.services_bp['waste-collection'] < 0, JSON.stringify(after.services_bp));
  assert.ok(after.remaining_gap_pence < before.remaining_gap_pence);
  await clickLabel(page, 'Undo');
  const undone = await page.evaluate(() => window.budgetApp.state());
  assert.equal(undone.services_bp['waste-collection'], 0);
  await page.close();
});

test('no frames are drawn while idle', async () => {
  const page = await open({ width: 1366, height: 768 });
  await page.waitForTimeout(300);
  const start = await page.evaluate(() => window.budgetApp.state().frames_drawn);
  await page.waitForTimeout(2000);
  const end = await page.evaluate(() => window.budgetApp.state().frames_drawn);
  assert.equal(end - start, 0);
  await page.close();
});

test('Welsh: ?lang=cy shows the Welsh budget', async () => {
  const page = await open({ width: 1366, height: 768 }, '?budget=bro-tegid-2026&lang=cy');
  assert.equal((await page.evaluate(() => window.budgetApp.state())).language, 'cy');
  await page.screenshot({ path: join(shots, 'bro-tegid-2026-cy-welcome.png') });
  await page.close();
});
