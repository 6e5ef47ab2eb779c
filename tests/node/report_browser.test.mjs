// The annual report (/report/ID) in Debian's Chromium against budget-server on 127.0.0.1: no script,
// its Content-Security-Policy, warning signs and unknowns as the core judged them, every indicator's
// years on a labelled scale, Welsh, axe at phone and desktop sizes, a 404 for an unknown council, and
// printed to A4 PDF, where pdftotext finds the signs and the sources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { lookAtPage } from './browser_harness.mjs';
import { startServer, root, budgetsDir, toolBin, sample, post } from './server_harness.mjs';

const shots = join(root, 'build', 'screenshots', 'report');
const PHONE = { width: 390, height: 844 }, DESKTOP = { width: 1280, height: 900 };
let server, browser, budgets;

before(async () => {
  mkdirSync(shots, { recursive: true });
  budgets = budgetsDir();
  // A district whose profile no budget names: its indicators are unknown, and its figures show no sign.
  const quiet = JSON.parse(readFileSync(join(budgets, 'councils', 'eastbrook-district.json'), 'utf8'));
  quiet.id = 'quiet-district';
  writeFileSync(join(budgets, 'councils', 'quiet-district.json'), JSON.stringify(quiet));
  server = await startServer({ budgets, extra: ['--site', join(root, 'build', 'web', 'site')] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});
after(async () => { await browser?.close(); await server?.stop(); });

// What the core says of the profile today (the server judges at the earlier of today and as_of).
const judged = (id, budget) => JSON.parse(execFileSync(toolBin, ['signals', join(budgets, 'councils', `${id}.json`),
                                                                 ...(budget ? ['--budget', join(budgets, budget)] : [])]).toString());

test('the report is HTML with no script, under its own Content-Security-Policy; an unknown council is a 404 page', async () => {
  const res = await fetch(`${server.base}/report/northmoor-county`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'; style-src 'self'/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script/i);
  const missing = await fetch(`${server.base}/report/nowhere`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /No such annual report/);
  assert.equal((await fetch(`${server.base}/report/northmoor-county`, { method: 'POST' })).status, 405);
  const css = await fetch(`${server.base}/report/report.css`);
  assert.match(css.headers.get('content-type'), /^text\/css/);
});

// Residents' ratings, sent with ten responses: adult social care rated by all ten (7 of them
// satisfied), children's services by nine (suppressed), trust by ten with "don't know" left out.
test('residents\' ratings beside the council\'s own: a share with its 95% Wilson range from 10 ratings, none below', async () => {
  const docs = sample('northmoor-county-2026.json', 10, 4242);
  for (const [i, line] of docs.entries()) {
    const doc = JSON.parse(line);
    doc.ratings = { services: { adults: i < 7 ? 'fairly_satisfied' : 'very_dissatisfied' },
                    council: { trust: i < 5 ? 'a_great_deal' : 'not_at_all' } };
    if (i < 9) doc.ratings.services.children = 'very_satisfied';
    if (i === 9) doc.ratings.council.runs_things = 'dont_know';
    const res = await post(server.base, JSON.stringify(doc));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  // The results thread counts them within a second or so.
  let page = '';
  for (let i = 0; i < 40 && !/residents who rated anything<\/span>?: 10|residents who rated anything: 10/.test(page); i++) {
    await new Promise((r) => setTimeout(r, 250));
    page = await (await fetch(`${server.base}/report/northmoor-county`)).text();
  }
  const plain = (h) => h.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
  const group = (name) => plain(page.slice(page.indexOf(`<h3>${name}</h3>`), page.indexOf('</div>', page.indexOf(`<h3>${name}</h3>`))));
  assert.match(plain(page), /residents who rated anything: 10\)/);
  // 7 of 10: Wilson 39.7% to 89.2%, shown whole.
  assert.match(group('Adult social care'), /Residents: 70% satisfied \(95% range 40% to 89%; residents who rated it: 10\)/);
  assert.match(group('Adult social care'), /The council's own rating: Adequate\. Assessments are quicker/);
  assert.match(group('Children, families and education'), /Residents: fewer than 10 residents have rated this, so no share is shown yet\./);
  assert.match(group('Children, families and education'), /The council's own rating: Good\./);
  assert.match(group('Ring-fenced and fixed costs'), /The council's own rating: none given\./);
  const whole = plain(page.slice(page.indexOf('<h3>The council as a whole</h3>')));
  assert.match(whole, /How much do you trust the council\? 50% a great deal or a fair amount \(95% range 24% to 76%; residents who answered: 10\)/);
  assert.match(whole, /the way the council runs things\? fewer than 10 residents have answered/);
  // The public results say the same in figures.
  const results = await (await fetch(`${server.base}/api/v1/budgets/northmoor-county-2026/results`)).json();
  const adults = results.ratings.services.find((x) => x.id === 'adults');
  assert.deepEqual(adults, { id: 'adults', rated: 10, positive: 7, percent: '70.0', low_percent: '39.7', high_percent: '89.2' });
  assert.deepEqual(results.ratings.services.find((x) => x.id === 'children'), { id: 'children', suppressed: true });
  // Welsh, and the page at a phone's width with axe.
  const cy = plain(await (await fetch(`${server.base}/report/northmoor-county?lang=cy`)).text());
  assert.match(cy, /Sut mae trigolion yn sgorio’r cyngor/);
  assert.match(cy, /70% yn fodlon \(ystod 95% 40% i 89%; trigolion a’i sgoriodd: 10\)/);
  const tab = await browser.newPage({ viewport: PHONE });
  await tab.goto(`${server.base}/report/northmoor-county#ratings`);
  await tab.locator('section[aria-labelledby="ratings"]').screenshot({ path: join(shots, 'report-northmoor-ratings-390.png') });
  await tab.close();
});

for (const size of [PHONE, DESKTOP]) {
  test(`at ${size.width}px: the council at a glance, the signs the core found, indicators with every year; axe finds nothing`, async () => {
    const page = await browser.newPage({ viewport: size });
    await page.goto(`${server.base}/report/northmoor-county`);
    await lookAtPage(page, shots, 'report-northmoor');
    const core = judged('northmoor-county', 'northmoor-county-2026.json');
    const ids = await page.$$eval('.sign', (els) => els.map((e) => e.id.replace('sign-', '')));
    assert.deepEqual(ids, core.signals.map((s) => s.id));
    const words = await page.$$eval('.sign > p', (els) => els.map((e) => e.textContent));
    assert.deepEqual(words, core.signals.map((s) => s.words));
    assert.equal(await page.locator('.unknown-signs li').count(), core.unknown.length);
    // The glance table: every year of the profile, and "not known" where a figure is absent.
    const years = await page.$$eval('.glance thead th', (ths) => ths.slice(1, -1).map((t) => t.textContent.trim()));
    assert.deepEqual(years.map((y) => y.slice(0, 7)), ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25']);
    assert.match(years[4], /forecast/);
    assert.ok(await page.locator('.glance td.unknown').count() > 0);
    // Each indicator: a chart naming every year, a scale with labels, and the same values in a table.
    const budget = JSON.parse(readFileSync(join(budgets, 'northmoor-county-2026.json'), 'utf8'));
    const charts = await page.$$eval('figure.indicator', (figs) => figs.map((f) => ({
      years: [...f.querySelectorAll('svg text.year')].map((t) => t.textContent),
      ticks: [...f.querySelectorAll('svg text.tick')].map((t) => t.textContent),
      cells: [...f.querySelectorAll('table.values tbody td')].length,
    })));
    assert.equal(charts.length, budget.kpis.length);
    budget.kpis.forEach((k, i) => {
      // Every year named, in full or as "23/24" where full names would crowd a phone's chart.
      assert.deepEqual(charts[i].years, k.history.map((h) => (charts[i].years[0].length === 5 ? h.year.slice(2) : h.year)), k.id);
      assert.ok(charts[i].ticks.length >= 3, `${k.id}: a labelled scale`);
      assert.equal(charts[i].cells, k.history.length);
    });
    // Beside similar councils: the core's words (budget-tool benchmark), a line for each council
    // that published a figure, and every council named in the profile's order; never a rank.
    const bench = JSON.parse(execFileSync(toolBin, ['benchmark', join(budgets, 'councils', 'northmoor-county.json'),
                                                    join(budgets, 'northmoor-county-2026.json')]).toString());
    const profile = JSON.parse(readFileSync(join(budgets, 'councils', 'northmoor-county.json'), 'utf8'));
    const blocks = await page.$$eval('figure.indicator', (figs) => figs.map((f) => {
      const n = f.querySelector('.neighbours');
      return n && { text: n.querySelector('p').textContent, ticks: n.querySelectorAll('line.neighbour').length,
                    rows: [...n.querySelectorAll('tbody th')].map((t) => t.textContent) };
    }));
    let compared = 0;
    budget.kpis.forEach((k, i) => {
      const b = bench.indicators.find((x) => x.id === k.id);
      if (!b) return assert.equal(blocks[i], null, k.id);
      ++compared;
      assert.ok(blocks[i].text.includes(`: ${b.words}.`), `${k.id}: ${blocks[i].text}`);
      assert.match(blocks[i].text, /\(CIPFA nearest neighbours \(illustrative\)\)/);
      // Every figure with its year: the council's latest, the neighbours' published one.
      assert.ok(blocks[i].text.includes(`(${b.own_year}); their median: `) && blocks[i].text.endsWith(`(${b.year}).`), blocks[i].text);
      assert.equal(blocks[i].ticks, profile.neighbours.indicators[k.id].values.filter((v) => v !== null).length, k.id);
      assert.deepEqual(blocks[i].rows.slice(0, 15), profile.neighbours.councils, k.id);
    });
    assert.equal(compared, 5);
    for (const words of await page.$$eval('.neighbours', (ns) => ns.map((n) => n.textContent))) {
      assert.doesNotMatch(words, /\b(rank|ranked|league|position)\b/i);
    }
    await page.close();
  });
}

test('Welsh: ?lang=cy is in Welsh, signs and dates too, and axe finds nothing', async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(`${server.base}/report/bro-tegid?lang=cy`);
  await lookAtPage(page, shots, 'report-bro-tegid-cy');
  assert.equal(await page.getAttribute('html', 'lang'), 'cy');
  assert.equal(await page.textContent('h1'), 'Cyngor Sir Bro Tegid: adroddiad blynyddol');
  assert.ok(await page.getByRole('heading', { name: 'Arwyddion rhybudd' }).isVisible());
  const core = judged('bro-tegid', 'bro-tegid-2026.json');
  assert.ok(core.signals.length > 0, 'the example profile has signs to show');
  const levels = await page.$$eval('.sign .level', (els) => els.map((e) => e.textContent));
  assert.deepEqual(levels, core.signals.map((s) => (s.level === 'red' ? 'Coch' : 'Ambr')));
  const words = await page.$$eval('.sign > p', (els) => els.map((e) => e.textContent));
  for (const w of words) assert.doesNotMatch(w, /\b(The|would|fell|council)\b/, `English left in: ${w}`);
  assert.match(await page.textContent('main'), /Ffigurau ar 31 Mawrth 2025/);
  await page.close();
});

test('a district with no warning signs says so, and lists what it could not judge', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(`${server.base}/report/quiet-district`);
  await lookAtPage(page, shots, 'report-quiet-district');
  const core = judged('quiet-district');
  assert.equal(core.signals.length, 0);
  assert.ok(core.unknown.some((u) => u.id === 'performance.red_worsening'));
  assert.equal(await page.locator('#indicators').count(), 0, 'no budget names it: no indicators section');
  assert.ok(await page.getByText('No warning signs in the figures we hold.').isVisible());
  assert.equal(await page.locator('.unknown-signs li').count(), core.unknown.length);
  await page.close();
});

test("a real council's report: its published figures with their sources, no illustrative notice, the rest unknown", async () => {
  const core = judged('isle-of-anglesey');
  assert.equal(core.signals.length, 0);
  for (const [lang, none, source] of [['en', 'No warning signs in the figures we hold.', 'Sources and dates'],
    ['cy', null, null]]) {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${server.base}/report/isle-of-anglesey${lang === 'cy' ? '?lang=cy' : ''}`);
      await lookAtPage(page, shots, `report-isle-of-anglesey-${lang}`);
      const text = await page.textContent('main');
      assert.match(text, lang === 'cy' ? /Cyngor Sir Ynys Môn/ : /Isle of Anglesey County Council/);
      assert.equal(await page.locator('.notice').count(), 0, 'a real council is not marked illustrative');
      if (none) assert.ok(await page.getByText(none).isVisible());
      if (source) assert.ok(await page.getByRole('heading', { name: source }).isVisible());
      assert.equal(await page.locator('.unknown-signs li').count(), core.unknown.length);
      // Every year's source is a link to the council's own papers.
      const links = await page.$$eval('a[href^="https://democracy.anglesey.gov.uk/"], a[href^="https://anglesey.gov.wales/"], a[href^="http://democracy.anglesey.gov.uk/"]',
        (els) => els.map((e) => e.href));
      assert.ok(links.length >= 4, `links to the sources: ${links.join(' ')}`);
      await page.close();
    }
  }
});

test('printed on A4, the PDF holds the warning signs and the sources', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(`${server.base}/report/northmoor-county`);
  const pdf = join(shots, 'report-northmoor.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /Warning signs/);
  assert.match(text, /Usable reserves fell by 32\.3% in three years/);
  assert.match(text, /Sources and dates/);
  assert.match(text, /Northmoor Statement of Accounts 2023\/24 \(illustrative\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [pdf]).toString());
  assert.ok(pages >= 1);
  assert.ok(Math.abs(Number(size[1]) - 595.28) < 2 && Math.abs(Number(size[2]) - 841.89) < 2, `A4: ${size[0]}`);
  await page.close();
});
