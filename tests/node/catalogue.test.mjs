// The app's message catalogue (wasm/po/cy.po) against the code: every message the app asks for with
// tr("...") has a Welsh translation, every entry is still used, and no English-and-Welsh pair is
// left inline in the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasm = join(root, 'wasm');
// The app's code, and the core's words it shows (the rating scales and questions, marked N_ there).
const sources = readdirSync(wasm).filter((f) => f.endsWith('.cpp')).map((f) => [f, readFileSync(join(wasm, f), 'utf8')])
  .concat([['resident_ratings.cpp', readFileSync(join(root, 'core', 'submission', 'resident_ratings.cpp'), 'utf8')]]);

const LITERAL = /"((?:[^"\\]|\\.)*)"/y;
const unescape = (s) => s.replace(/\\(["\\n])/g, (_, c) => (c === 'n' ? '\n' : c));

// The English of each tr("..." "...") or N_("...") call: adjacent literals joined, as the compiler does.
function messagesUsed() {
  const used = new Map();
  for (const [file, text] of sources) {
    const call = /\b(?:tr|N_)\(\s*"/g;  // tr("...") translates; N_("...") marks words kept in a table
    for (let m; (m = call.exec(text));) {
      let at = m.index + m[0].length - 1, english = '';
      for (;;) {
        LITERAL.lastIndex = at;
        const lit = LITERAL.exec(text);
        if (!lit) break;
        english += unescape(lit[1]);
        at = LITERAL.lastIndex;
        const next = /\s*/y;
        next.lastIndex = at;
        next.exec(text);
        if (text[next.lastIndex] !== '"') break;
        at = next.lastIndex;
      }
      used.set(english, file);
    }
  }
  return used;
}

function catalogue(path) {
  const entries = new Map();
  let id = null, str = null, field = null;
  const finish = () => { if (id !== null && id !== '') entries.set(id, str); id = str = field = null; };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) { if (!t && str !== null) finish(); continue; }
    const q = t.match(/^(msgid|msgstr)?\s*"((?:[^"\\]|\\.)*)"$/);
    assert.ok(q, `${path}: cannot read ${t}`);
    if (q[1] === 'msgid') { if (str !== null) finish(); id = ''; field = 'id'; }
    if (q[1] === 'msgstr') { str = ''; field = 'str'; }
    if (field === 'id') id += unescape(q[2]); else str += unescape(q[2]);
  }
  finish();
  return entries;
}

test('every message the app asks for is in the Welsh catalogue, translated, and every entry is used', () => {
  const used = messagesUsed();
  const welsh = catalogue(join(wasm, 'po', 'cy.po'));
  assert.ok(used.size > 100, `only ${used.size} messages found`);
  const missing = [...used].filter(([english]) => !welsh.get(english)).map(([english, file]) => `${file}: ${JSON.stringify(english)}`);
  assert.deepEqual(missing, [], 'not translated');
  const stale = [...welsh.keys()].filter((english) => !used.has(english));
  assert.deepEqual(stale, [], 'in the catalogue but not used');
});

test('no English-and-Welsh pair is left inline in the app\'s code', () => {
  const inline = sources.filter(([, text]) => /\btext\(\s*"(?:[^"\\]|\\.)*"\s*,\s*"/.test(text)).map(([file]) => file);
  assert.deepEqual(inline, []);
});

// The officer console (budget-server/console): {{_ English _}} in templates, tr(c, "...") in the
// code, and the role names shown in the header.
test('every word of the officer console is in its Welsh catalogue, translated, and every entry is used', () => {
  const consoleDir = join(root, 'budget-server', 'console');
  const used = new Map([['admin', 'officer_store.cpp'], ['analyst', 'officer_store.cpp']]);
  for (const f of readdirSync(join(consoleDir, 'templates'))) {
    for (const m of readFileSync(join(consoleDir, 'templates', f), 'utf8').matchAll(/\{\{_ ([\s\S]*?) _\}\}/g)) used.set(m[1], f);
  }
  for (const f of readdirSync(consoleDir).filter((f) => f.endsWith('.cpp'))) {
    for (const m of readFileSync(join(consoleDir, f), 'utf8').matchAll(/\b(?:tr\(c, |N_\()"((?:[^"\\]|\\.)*)"\)/g)) used.set(unescape(m[1]), f);
  }
  // The rating scales and questions the results pages show (marked N_ in the core).
  const ratings = join(root, 'core', 'submission', 'resident_ratings.cpp');
  for (const m of readFileSync(ratings, 'utf8').matchAll(/\bN_\("((?:[^"\\]|\\.)*)"\)/g)) used.set(unescape(m[1]), 'resident_ratings.cpp');
  assert.ok(used.size > 80, `only ${used.size} messages found`);
  checkCatalogue(used, join(consoleDir, 'po', 'cy.po'));
});

// Every message used has a Welsh translation, every entry is used, and every {name} in the English
// is kept in the Welsh.
function checkCatalogue(used, poPath) {
  const welsh = catalogue(poPath);
  const missing = [...used].filter(([english]) => !welsh.get(english)).map(([english, file]) => `${file}: ${JSON.stringify(english)}`);
  assert.deepEqual(missing, [], 'not translated');
  const stale = [...welsh.keys()].filter((english) => !used.has(english));
  assert.deepEqual(stale, [], 'in the catalogue but not used');
  const marks = (s) => [...s.matchAll(/\{[a-z_]+\}/g)].map((m) => m[0]).sort().join(' ');
  const changed = [...welsh].filter(([english, cy]) => marks(english) !== marks(cy)).map(([english]) => english);
  assert.deepEqual(changed, [], 'a {mark} differs between English and Welsh');
}

// The annual report (budget-server/report): {{_ English _}} in its templates, tr("...") and N_("...")
// in its code, and the words of the warning signs the core marks with N_("...").
test('every word of the annual report and of the warning signs is in the report\'s Welsh catalogue, and every entry is used', () => {
  const reportDir = join(root, 'budget-server', 'report');
  const used = new Map();
  for (const f of readdirSync(join(reportDir, 'templates'))) {
    for (const m of readFileSync(join(reportDir, 'templates', f), 'utf8').matchAll(/\{\{_ ([\s\S]*?) _\}\}/g)) used.set(m[1], f);
  }
  const code = [[join(reportDir, 'annual_report.cpp'), 'annual_report.cpp'],
                [join(root, 'core', 'accountability', 'warning_signs.cpp'), 'warning_signs.cpp'],
                [join(root, 'core', 'accountability', 'neighbours.cpp'), 'neighbours.cpp'],
                [join(root, 'core', 'submission', 'resident_ratings.cpp'), 'resident_ratings.cpp'],
                [join(root, 'core', 'accountability', 'council_profile.cpp'), 'council_profile.cpp']];
  for (const [path, name] of code) {
    for (const m of readFileSync(path, 'utf8').matchAll(/\b(?:tr|N_)\("((?:[^"\\]|\\.)*)"\)/g)) used.set(unescape(m[1]), name);
  }
  used.delete('english');  // N_'s own parameter
  assert.ok(used.size > 90, `only ${used.size} messages found`);
  checkCatalogue(used, join(reportDir, 'po', 'cy.po'));
});
