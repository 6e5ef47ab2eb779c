// Speed report for the resident app, beside a bare ImGui + WebGL2 program built with the same flags,
// in the same browser run: bytes as budget-server sends them (brotli where the browser takes it),
// start-up to the first interactive frame, frames
// drawn while idle, and CPU time per frame on the largest budget. Prints figures; asserts nothing.
// Usage (after both presets are built): node tests/node/bench_web.mjs
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, root } from './server_harness.mjs';

const app = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
const bare = await startServer({ extra: ['--site', join(root, 'build', 'web', 'bare')] });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function load(url, readyExpr) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const bodies = [];
  page.on('requestfinished', async (r) => {
    const sizes = await r.sizes();  // the body as it came over the wire (compressed)
    bodies.push({ url: r.url(), sent: sizes.responseBodySize });
  });
  await page.goto(url);
  const readyAt = await page.evaluate(readyExpr);
  await page.waitForTimeout(300);
  const sent = bodies.reduce((n, b) => n + b.sent, 0);
  return { context, page, readyAt, sent, files: bodies.map((b) => `${b.url.replace(/^https?:\/\/[^/]+/, '')} ${b.sent}`) };
}

const RUNS = Number(process.env.RUNS) || 21;
const MOVES = Number(process.env.MOVES) || 480;  // mouse moves while frame costs are measured
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = { app: [], bare: [] };
let appBytes, bareBytes;
for (let i = 0; i < RUNS; i++) {
  const a = await load(`${app.base}/?budget=northmoor-county-2026`, async () => { await window.budgetApp.ready; return window.budgetApp.readyAt; });
  runs.app.push(a.readyAt);
  appBytes = a;
  await a.context.close();
  const b = await load(`${bare.base}/`, async () => { await window.bareReady; return window.readyAt; });
  runs.bare.push(b.readyAt);
  bareBytes = b;
  await b.context.close();
}
console.log(`bytes as sent (everything the page downloads, compressed by budget-server): app ${appBytes.sent} B (${appBytes.files.join(', ')}); ` +
            `bare ImGui ${bareBytes.sent} B (${bareBytes.files.join(', ')}); ratio ${(appBytes.sent / bareBytes.sent).toFixed(3)} (target <= 1.6)`);
// A resident who reads Welsh also downloads the app's Welsh words (po/cy.po).
const welsh = await load(`${app.base}/?budget=northmoor-county-2026&lang=cy`, async () => { await window.budgetApp.ready; return 0; });
await welsh.context.close();
console.log(`bytes as sent in Welsh (?lang=cy): app ${welsh.sent} B; ratio ${(welsh.sent / bareBytes.sent).toFixed(3)}`);
console.log(`start-up to first interactive frame (median of ${RUNS}, interleaved, same browser): app ${median(runs.app).toFixed(0)} ms; ` +
            `bare ${median(runs.bare).toFixed(0)} ms; ratio ${(median(runs.app) / median(runs.bare)).toFixed(2)} (target <= 1.5)`);

const { context, page } = await load(`${app.base}/?budget=northmoor-county-2026`, async () => { await window.budgetApp.ready; return 0; });
const state = () => page.evaluate(() => window.budgetApp.state());
await page.waitForTimeout(500);
let before = (await state()).frames_drawn;
await page.waitForTimeout(2000);
console.log(`idle: ${(await state()).frames_drawn - before} frames drawn in 2 s with no input (target 0)`);
const start = await page.evaluate(() => window.budgetApp.rect('Start'));
await page.mouse.click(start.x + 10, start.y + 10);
await page.waitForTimeout(500);
// The first frames on a screen are dearer (layout, and the browser tiering the wasm up to optimised
// code), so the costs are given for the first 120 moves and for all of them.
const costs = (from, to) => {
  const frames = to.frames_drawn - from.frames_drawn;
  const mean = (to.frame_ms_mean * to.frames_drawn - from.frame_ms_mean * from.frames_drawn) / Math.max(1, frames);
  const build = (to.build_ms_mean * to.frames_drawn - from.build_ms_mean * from.frames_drawn) / Math.max(1, frames);
  return `${frames} frames (${to.frames_painted - from.frames_painted} painted; the rest drew what the canvas showed): ` +
         `ImGui + app ${build.toFixed(2)} ms, with GL submission ${mean.toFixed(2)} ms`;
};
const first = await state();
let early;
for (let i = 0; i < MOVES; i++) {
  await page.mouse.move(100 + (i * 9) % 600, 150 + (i * 37) % 500);
  await page.waitForTimeout(16);
  if (i === 119) early = await state();
}
const last = await state();
console.log(`CPU per frame, simulator on the largest budget while the mouse moves (target <= 1 ms with GL; SwiftShader, no GPU): ` +
            `first 120 moves, ${costs(first, early)}; all ${MOVES} moves, ${costs(first, last)}`);
await context.close();
await browser.close();
await app.stop();
await bare.stop();
