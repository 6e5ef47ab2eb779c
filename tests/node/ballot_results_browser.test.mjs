// A ballot's public results on the plain consultations page, in Debian's Chromium: the rule in plain
// words, every project's votes, the winners and (equal shares) what their supporters paid, in English
// and Welsh, on a phone and a desktop; axe, GOV.UK body sizes, screenshots; and the pabulib file it
// links to counts to the same winners in budget-tool.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { lookAtPage } from './browser_harness.mjs';
import { startServer, root, budgetsDir, post, toolBin } from './server_harness.mjs';

const ID = 'bro-tegid-community-fund-2027';
const site = join(root, 'build', 'web', 'site');
const shots = join(root, 'build', 'screenshots', 'ballots');
let server, browser, budgets;

before(async () => {
  mkdirSync(shots, { recursive: true });
  budgets = budgetsDir();
  server = await startServer({ budgets, extra: ['--site', site, '--rate-per-minute', '1000000'] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const votes = execFileSync(toolBin, ['pb', 'sample', join(budgets, 'ballots', `${ID}.json`), '--count', '400', '--seed', '5'])
    .toString().trim().split('\n').map((l) => JSON.parse(l));
  let n = 0;
  for (const v of votes) {
    const r = await post(server.base, JSON.stringify({ format: 'pb-ballot-vote', format_version: 1, submission_id: `paper-${++n}-vote`,
                                                       ballot: { id: ID, version: 1 }, projects: v.projects }));
    assert.equal(r.status, 201);
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the results page explains the count and names the winners, in English and Welsh, on a phone and a desktop', async () => {
  const results = await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).json();
  const ballot = await (await fetch(`${server.base}/budgets/${ID}.json`)).json();
  const name = (id, lang) => ballot.projects.find((p) => p.id === id).name[lang];
  for (const [lang, query, words] of [['en', '', ['Method of Equal Shares', 'Why these projects won', '400 residents have voted.']],
                                      ['cy', '?lang=cy', ['Dull Cyfrannau Cyfartal', 'Pam yr enillodd y prosiectau hyn', 'Mae 400 o drigolion wedi pleidleisio.']]]) {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.base}/consultations.html${query}`);
      const article = page.locator(`article[aria-labelledby="h-${ID}"]`);
      await article.locator('text=' + words[1]).first().waitFor();
      const text = await article.innerText();
      for (const w of words) assert.ok(text.includes(w), `${lang} ${width}: "${w}"`);
      for (const area of results.areas) {
        for (const w of area.winners) assert.ok(text.includes(name(w.id, lang)), `${lang}: winner ${w.id}`);
      }
      // The winners' lists are in the order the rule chose them.
      const why = await article.locator('ol.why li strong').allInnerTexts();
      assert.deepEqual(why, results.areas.flatMap((a) => a.winners.map((w) => name(w.id, lang))));
      await article.scrollIntoViewIfNeeded();
      await lookAtPage(page, shots, `ballot-results-${lang}`);
      await article.screenshot({ path: join(shots, `ballot-article-${lang}-${width}.png`) });
      await page.close();
    }
  }
});

test('the pabulib files it links to hold every vote and count to the same winners, one area a file', async () => {
  const results = await (await fetch(`${server.base}/api/v1/budgets/${ID}/results`)).json();
  const page = await browser.newPage();
  await page.goto(`${server.base}/consultations.html`);
  const links = page.locator(`article[aria-labelledby="h-${ID}"] a[href*="results.pb"]`);
  await links.first().waitFor();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
  await page.close();
  assert.equal(hrefs.length, results.areas.length);
  for (const [i, area] of results.areas.entries()) {
    const res = await fetch(hrefs[i]);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), new RegExp(`filename="${ID}-${area.area}.pb"`));
    const file = join(server.dataDir, `${area.area}.pb`);
    writeFileSync(file, await res.text());
    const counted = execFileSync(toolBin, ['pb', 'count', file]).toString().trim().split('\n');
    assert.deepEqual(counted, area.winners.map((w) => w.id));
    const text = execFileSync('cat', [file]).toString();
    assert.match(text, new RegExp(`\\nnum_votes;${area.voters}\\n`));
    assert.match(text, /\nrule;equalshares\/add1\n/);
  }
  const none = await fetch(`${server.base}/api/v1/budgets/${ID}/results.pb`);
  assert.equal(none.status, 404);
  assert.equal((await none.json()).error.code, 'ballot.unknown_area');
});
