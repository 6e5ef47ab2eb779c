// Lighthouse 12.2.3 (pinned in this folder's package.json, kept out of the test command's install)
// against the resident app served by budget-server on 127.0.0.1, in Debian's Chromium. Prints each
// run's Performance and Accessibility scores, TBT, LCP and FCP, the medians of RUNS runs (default 3)
// for mobile and desktop, and where the main thread's time went. Prints figures; asserts nothing.
// Usage: npm ci --prefix tests/bench/lighthouse && node tests/bench/lighthouse/run.mjs [BUDGET_ID]
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { startServer, root } from '../../node/server_harness.mjs';

const RUNS = Number(process.env.RUNS) || 3;
const budget = process.argv[2] || 'northmoor-county-2026';
const server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
                '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const url = `${server.base}/?budget=${budget}`;
try {
  for (const [name, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error',
                                             onlyCategories: ['performance', 'accessibility'] }, config);
      const lhr = result.lhr;
      const audit = (id) => lhr.audits[id]?.numericValue;
      const run = {
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
        tbt: audit('total-blocking-time'), lcp: audit('largest-contentful-paint'), fcp: audit('first-contentful-paint'),
        mainThread: (lhr.audits['mainthread-work-breakdown']?.details?.items ?? [])
          .map((x) => `${x.groupLabel} ${Math.round(x.duration)} ms`).join(', '),
        bootup: (lhr.audits['bootup-time']?.details?.items ?? []).slice(0, 4)
          .map((x) => `${x.url.replace(/^https?:\/\/[^/]+/, '')} ${Math.round(x.total)} ms (script ${Math.round(x.scripting)})`).join(', '),
      };
      runs.push(run);
      console.log(`${name} run ${i + 1}: Performance ${run.performance}, Accessibility ${run.accessibility}; ` +
                  `TBT ${Math.round(run.tbt)} ms, LCP ${Math.round(run.lcp)} ms, FCP ${Math.round(run.fcp)} ms`);
      console.log(`  main thread: ${run.mainThread}`);
      console.log(`  scripts: ${run.bootup}`);
    }
    console.log(`${name} median of ${RUNS}: Performance ${median(runs.map((r) => r.performance))} ` +
                `(target ${name === 'mobile' ? '>= 90' : '>= 95'}), TBT ${Math.round(median(runs.map((r) => r.tbt)))} ms (target <= 300), ` +
                `LCP ${Math.round(median(runs.map((r) => r.lcp)))} ms (target <= 2500), Accessibility ${median(runs.map((r) => r.accessibility))}`);
  }
} finally {
  await chrome.kill();
  await server.stop();
}
