// Council profile authoring in the console over HTTP, on SQLite and PostgreSQL: download the figures
// behind an annual report as a workbook, upload it with problems (each listed by cell, with what to
// do), fix it, preview the report it would make (officers only), publish it; the report, and the app's
// pack for the budget that names the profile, change at once, and the version survives a restart.
// Limits: administrators only, the form's token, another council's profile, a budget's workbook.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startPostgres, root, budgetsDir } from './server_harness.mjs';
import { addOfficer, signIn, get, postForm, csrfOf, sessionOf, ADMIN, ANALYST, editWorkbook } from './console_harness.mjs';

const ID = 'northmoor-county';
const BUDGET = 'northmoor-county-2026';
const work = mkdtempSync(join(tmpdir(), 'profile-authoring-'));

async function upload(base, session, csrf, name, bytes, id = ID) {
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${base}/console/profiles/${id}/drafts`, {
    method: 'POST', redirect: 'manual', body: form,
    headers: { Origin: base, 'Sec-Fetch-Site': 'same-origin', Cookie: `console_session=${session}` },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const download = async (base, path, session) => {
  const res = await fetch(`${base}${path}`, { headers: { Cookie: `console_session=${session}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};

for (const backend of ['sqlite', 'postgresql']) {
  describe(`council profile authoring on ${backend}`, () => {
    let server, pg, admin, analyst, budgets;
    const db = () => (pg ? ['--database', pg.url] : []);
    const start = async (dataDir) => startServer({ dataDir, database: pg ? pg.url : '', budgets });

    before(async () => {
      if (backend === 'postgresql') pg = await startPostgres();
      budgets = budgetsDir();
      server = await start();
      addOfficer(server, ADMIN, db());
      addOfficer(server, ANALYST, db());
      admin = sessionOf(await signIn(server.base, ADMIN));
      analyst = sessionOf(await signIn(server.base, ANALYST));
    });
    after(async () => {
      await server?.stop();
      pg?.stop();
    });

    test('a workbook with problems is listed by cell; fixed, it previews as the report and publishes, and the report and the app change at once', async () => {
      const home = await get(server.base, '/console/', admin);
      assert.match(home.text, /<h2 id="profiles-heading">Annual reports<\/h2>/);
      assert.match(home.text, new RegExp(`<a href="/console/profiles/${ID}">Northmoor County Council</a>`));
      const page = await get(server.base, `/console/profiles/${ID}`, admin);
      assert.equal(page.status, 200);
      assert.match(page.text, /The annual report shows version <strong>0<\/strong> \(The profile file the server started from\)/);
      const csrf = csrfOf(page.text);
      const xlsx = await download(server.base, `/console/profiles/${ID}/profile.xlsx`, admin);
      assert.equal(xlsx.status, 200);
      assert.match(xlsx.headers.get('content-disposition'), /filename="northmoor-county-v0.xlsx"/);
      const original = join(work, `${backend}-v0.xlsx`);
      writeFileSync(original, xlsx.bytes);
      const packBefore = (await download(server.base, `/budgets/${BUDGET}.pack`, '')).bytes;

      // Two problems: each with its sheet and cell, and what to do.
      const broken = join(work, `${backend}-broken.xlsx`);
      editWorkbook(original, broken, [['Finance', 3, 'Gross external debt', 'a lot'], ['Profile', 6, 'Value', '31/03/2025']]);
      const first = await upload(server.base, admin, csrf, 'northmoor-profile.xlsx', readFileSync(broken));
      assert.equal(first.status, 303, first.text);
      const draftPath = first.headers.get('location');
      assert.match(draftPath, new RegExp(`^/console/profiles/${ID}/drafts/\\d+$`));
      const problems = await get(server.base, draftPath, admin);
      assert.equal(problems.status, 200);
      assert.match(problems.text, /There are 2 problems\. Nothing can be published until they are put right\./);
      assert.match(problems.text, /<span class="place">Finance!G3<\/span><\/th><td data-label="What is wrong">&quot;a lot&quot; is not an amount of money/);
      assert.match(problems.text, /<span class="place">Profile!B6<\/span><\/th><td data-label="What is wrong">&quot;31\/03\/2025&quot; is not a date/);
      assert.match(problems.text, /Type a date like 2024-03-31\./);
      assert.match(problems.text, /upload it again on the profile page/);
      assert.doesNotMatch(problems.text, /Publish as the next version/);
      assert.equal((await get(server.base, `${draftPath}/preview`, admin)).status, 404);
      assert.equal((await postForm(server.base, `${draftPath}/publish`, admin, { csrf })).status, 409);

      // Fixed, with a real change: the figures are now as of 30 June 2025.
      const fixed = join(work, `${backend}-fixed.xlsx`);
      editWorkbook(original, fixed, [['Profile', 6, 'Value', '2025-06-30']]);
      const second = await upload(server.base, admin, csrf, 'northmoor-profile.xlsx', readFileSync(fixed));
      assert.equal(second.status, 303);
      const ready = second.headers.get('location');
      const number = ready.split('/').pop();
      const readyPage = await get(server.base, ready, admin);
      assert.match(readyPage.text, /This draft has no problems/);
      assert.match(readyPage.text, /Publishing makes this draft version 1\./);

      // The preview is the report the draft would make, for officers only, marked as a preview.
      const preview = await get(server.base, `${ready}/preview?lang=en`, analyst);
      assert.equal(preview.status, 200);
      assert.match(preview.text, new RegExp(`Preview of draft ${number}\\.`));
      assert.match(preview.text, /Figures as of 30 June 2025/);
      assert.match(preview.headers.get('content-security-policy'), /default-src 'none'/);
      assert.equal((await get(server.base, `${ready}/preview?lang=en`)).status, 303);  // no session: to sign-in
      assert.match((await get(server.base, `/report/${ID}`)).text, /Figures as of 31 March 2025/);  // residents: unchanged

      // An analyst cannot publish; an admin can, once.
      const analystCsrf = csrfOf((await get(server.base, `/console/profiles/${ID}`, analyst)).text);
      assert.equal((await postForm(server.base, `${ready}/publish`, analyst, { csrf: analystCsrf })).status, 403);
      const published = await postForm(server.base, `${ready}/publish`, admin, { csrf });
      assert.equal(published.status, 303, published.text);
      assert.equal(published.headers.get('location'), `/console/profiles/${ID}?done=published`);
      assert.equal((await postForm(server.base, `${ready}/publish`, admin, { csrf })).status, 409);

      // The report and the app's pack for the budget that names the profile change at once.
      const report = await get(server.base, `/report/${ID}`);
      assert.match(report.text, /Figures as of 30 June 2025/);
      assert.doesNotMatch(report.text, /Preview of draft/);
      const packAfter = (await download(server.base, `/budgets/${BUDGET}.pack`, '')).bytes;
      assert.ok(!packAfter.equals(packBefore), 'the budget\'s pack carries the new digest');
      assert.ok(packAfter.includes(Buffer.from('30 June 2025')));
      const after1 = await get(server.base, `/console/profiles/${ID}?done=published`, admin);
      assert.match(after1.text, /Version 1 is published\. The annual report shows it now\./);
      assert.match(after1.text, /Published by alice\.admin on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)/);
      const json1 = JSON.parse((await get(server.base, `/console/profiles/${ID}/profile.json`, admin)).text);
      assert.equal(json1.as_of, '2025-06-30');
      const audit = await get(server.base, '/console/audit', admin);
      assert.match(audit.text, /profile\.draft_uploaded/);
      assert.match(audit.text, /profile\.published/);

      // After a restart the published version is still the one the report shows.
      await server.stop();
      server = await start(server.dataDir);
      assert.match((await get(server.base, `/report/${ID}`)).text, /Figures as of 30 June 2025/);
      assert.ok((await download(server.base, `/budgets/${BUDGET}.pack`, '')).bytes.includes(Buffer.from('30 June 2025')));
      admin = sessionOf(await signIn(server.base, ADMIN));
      analyst = sessionOf(await signIn(server.base, ANALYST));
      assert.match((await get(server.base, `/console/profiles/${ID}`, admin)).text, /The annual report shows version <strong>1<\/strong>/);
    });

    test('uploads are limited: administrators only, the form\'s token, this council\'s own profile, and a budget is not a profile', async () => {
      const page = await get(server.base, `/console/profiles/${ID}`, admin);
      const csrf = csrfOf(page.text);
      const own = readFileSync(join(root, 'budgets', 'councils', 'northmoor-county.json'));
      assert.equal((await upload(server.base, admin, 'not-the-token', 'p.json', own)).status, 403);
      const analystCsrf = csrfOf((await get(server.base, `/console/profiles/${ID}`, analyst)).text);
      assert.equal((await upload(server.base, analyst, analystCsrf, 'p.json', own)).status, 403);
      assert.equal((await get(server.base, '/console/profiles/nowhere', admin)).status, 404);
      // Another council's profile, uploaded here.
      const other = await upload(server.base, admin, csrf, 'eastbrook.json', readFileSync(join(root, 'budgets', 'councils', 'eastbrook-district.json')));
      assert.equal(other.status, 303);
      const otherPage = await get(server.base, other.headers.get('location'), admin);
      assert.match(otherPage.text, /this file is the council profile &quot;eastbrook-district&quot;, not &quot;northmoor-county&quot;/);
      assert.match(otherPage.text, /Upload this council&#39;s own profile, or change the profile id back\./);
      // A budget's workbook is not a profile: its problems say so, and nothing can be published.
      const budgetXlsx = await download(server.base, `/console/budgets/${BUDGET}/budget.xlsx`, admin);
      const wrong = await upload(server.base, admin, csrf, 'budget.xlsx', budgetXlsx.bytes);
      const wrongPage = await get(server.base, wrong.headers.get('location'), admin);
      assert.match(wrongPage.text, /the workbook has no &quot;Profile&quot; sheet/);
      assert.doesNotMatch(wrongPage.text, /Publish as the next version/);
    });
  });
}
