// The accessibility statement (site/accessibility.html and accessibility-cy.html) in Debian's Chromium
// against budget-server: axe and GOV.UK body sizes at a phone's and a desktop's width in English and
// Welsh; the two say the same; every check it claims is a test in this repository that runs axe;
// and the app, the consultations page and the console link to it in the reader's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { lookAtPage } from './browser_harness.mjs';
import { startServer, root } from './server_harness.mjs';

const shots = join(root, 'build', 'screenshots', 'accessibility');
let server, browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ extra: ['--site', join(root, 'build', 'web', 'site')] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});
after(async () => { await browser?.close(); await server?.stop(); });

test('the statement passes axe in English and Welsh, and each check it claims is a test here that runs axe', async () => {
  const claimed = {};
  for (const [file, lang, heading] of [['accessibility.html', 'en', 'Accessibility statement for the budget simulator'],
                                         ['accessibility-cy.html', 'cy', 'Datganiad hygyrchedd ar gyfer yr efelychydd cyllideb']]) {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
      const page = await browser.newPage({ viewport });
      const res = await page.goto(`${server.base}/${file}`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-security-policy'] ?? '', /default-src/);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.locator('h1').textContent(), heading);
      await lookAtPage(page, shots, `statement-${lang}`);
      claimed[lang] = await page.$$eval('#measured tbody td:last-child code', (cs) => cs.map((c) => c.textContent));
      await page.close();
    }
  }
  assert.deepEqual(claimed.cy, claimed.en, 'both languages claim the same checks');
  assert.ok(claimed.en.length >= 6);
  for (const path of claimed.en) {
    assert.ok(existsSync(join(root, path)), `${path} exists`);
    assert.match(readFileSync(join(root, path), 'utf8'), /\blookAtPage\(|\baxe\(|\baxe\.run\(/, `${path} runs axe`);
  }
  // This file is one of them.
  assert.ok(claimed.en.includes('tests/node/accessibility_statement.test.mjs'));
});

test('the app, the consultations page and the console link to the statement, in the reader\'s language', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  for (const [path, href] of [['/consultations.html', 'accessibility.html'], ['/consultations.html?lang=cy', 'accessibility-cy.html'],
                              ['/index.html?lang=cy', 'accessibility-cy.html'], ['/console/sign-in', '/accessibility.html']]) {
    await page.goto(`${server.base}${path}`);
    const link = page.locator('a', { hasText: path.includes('cy') ? 'Datganiad hygyrchedd' : 'Accessibility statement' });
    assert.equal(await link.getAttribute('href'), href, path);
  }
  await page.goto(`${server.base}/index.html`);
  assert.equal(await page.locator('#accessibility-link').getAttribute('href'), 'accessibility.html');
  await page.close();
});
