// What the resident app's browser suites share: the collector on 127.0.0.1 serving the built site,
// Debian's Chromium (SwiftShader WebGL2), pages opened ready, and every CSP refusal seen.
import { before, after } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { appState, settle, reveal, clickLabel } from './browser_harness.mjs';
import { startServer, root } from './server_harness.mjs';

export const shots = join(root, 'build', 'screenshots');
export const axeSource = readFileSync(join(root, 'tests', 'node', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const state = appState;
// The suite's server and browser, and everything the pages' Content-Security-Policy refused, from
// every page of every test (Chromium says so on the console); each suite checks there was nothing.
export const app = { server: null, browser: null, cspViolations: [] };

export function useApp() {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    app.server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
    app.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-gpu-compositing',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const watch = (page) => page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) app.cspViolations.push(`${page.url()}: ${m.text()}`);
    });
    const newPage = app.browser.newPage.bind(app.browser), newContext = app.browser.newContext.bind(app.browser);
    app.browser.newPage = async (...options) => { const page = await newPage(...options); watch(page); return page; };
    app.browser.newContext = async (...options) => { const context = await newContext(...options); context.on('page', watch); return context; };
  });
  after(async () => { await app.browser?.close(); await app.server?.stop(); });
}

export async function open(size, query = '') {
  const page = await app.browser.newPage({ viewport: size });
  await page.goto(`${app.server.base}/${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  return page;
}

// Closes the district's gap through the UI: every saving, every fee, council tax to its limit,
// then the first services cut to their minimum until the budget balances.
export async function balanceDistrict(page) {
  await clickLabel(page, 'Start');
  await clickLabel(page, 'tab:savings');
  for (const id of ['garden-waste-rounds', 'shared-planning', 'leisure-contract', 'office-move', 'digital-payments', 'temporary-accommodation'])
    await clickLabel(page, `saving:${id}`);
  await clickLabel(page, 'tab:income');
  const tax = await reveal(page, 'council-tax');
  await page.mouse.click(tax.x + tax.width - 3, tax.y + tax.height / 2);
  await settle(page);
  for (const id of ['garden-waste-charge', 'parking-charges', 'pre-application-fees', 'commercial-property', 'bulky-waste-fee'])
    await clickLabel(page, `income:${id}`);
  await clickLabel(page, 'tab:services');
  for (const id of ['waste-collection', 'street-cleansing', 'parks', 'environmental-health']) {
    if ((await state(page)).balanced) break;
    const r = await reveal(page, `service:${id}`);
    await page.mouse.click(r.x + 2, r.y + r.height / 2);
    await settle(page);
  }
  return state(page);
}

// A phone (360 x 740, touch) on the app, ready; `ratio` is its devicePixelRatio.
export async function openPhone(query, ratio = 1) {
  const context = await app.browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: ratio, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${app.server.base}/${query}`);
  await page.evaluate(() => window.budgetApp.ready);
  await settle(page);
  return { context, page };
}
