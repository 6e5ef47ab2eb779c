// wasm/minify_site.js: the pages and scripts residents download mean the same after minifying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const minifier = new URL('../../wasm/minify_site.js', import.meta.url).pathname;
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };

function minify(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minify-'));
  fs.mkdirSync(path.join(dir, 'in'));
  fs.mkdirSync(path.join(dir, 'out'));
  const file = path.join(dir, 'in', name);
  fs.writeFileSync(file, text);
  const run = spawnSync(process.execPath, [minifier, path.join(dir, 'out'), file], { env, encoding: 'utf8' });
  const outFile = path.join(dir, 'out', name);
  const out = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : null;
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: run.status, stderr: run.stderr, out };
}

// Code whose meaning hangs on line breaks, spaces between operators, templates and regexes.
const tricky = `'use strict';
// drop-me
const results = [];
let a = 1
let b = a
/* a block
   comment */ ++b
results.push(a + +b, a - -b, a+ ++b)
function f() {
  return
    42;
}
results.push(f())
const t = \`line one
    indented line \${a /* inside */ + 1}\`;
results.push(t, 'a // not a comment', /\\/\\/ ?x/.test('// x'))
results.push(typeof void 0, 1 .toString(), a in { 1: 1 })
results;
`;

test('a script computes the same after minifying, and is shorter', () => {
  const { status, stderr, out } = minify('page.js', tricky);
  assert.equal(status, 0, stderr);
  assert.ok(out.length < tricky.length);
  assert.ok(!out.includes('drop-me') && !out.includes('inside'), out);
  const run = (code) => JSON.stringify(vm.runInNewContext(code));  // one realm's arrays, as text
  assert.equal(run(out), run(tricky));
  assert.equal(vm.runInNewContext(out)[3], undefined);  // `return` then a line break returns nothing
});

test('a page keeps its text and loses comments and indentation', () => {
  const page = `<!doctype html>
<!-- for the web team -->
<html><head><link rel="stylesheet" href="a.css"></head>
<body>
  <p>Two  words</p>
  <script src="a.js" defer></script>
</body></html>
`;
  const { status, stderr, out } = minify('page.html', page);
  assert.equal(status, 0, stderr);
  assert.ok(!out.includes('web team'), out);
  assert.ok(out.includes('\n<p>Two  words</p>\n<script src="a.js" defer></script>'), out);
});

test('a stylesheet keeps selectors and strings', () => {
  const css = `/* mirror */
.mode #m :focus { outline : 3px solid #fd0 ; }
a:hover, b > c { content: "a: b, c; {d}" ; }
`;
  const { status, stderr, out } = minify('page.css', css);
  assert.equal(status, 0, stderr);
  assert.ok(!out.includes('mirror'), out);
  assert.ok(out.includes('.mode #m :focus{outline:3px solid #fd0;}'), out);
  assert.ok(out.includes('a:hover,b>c{content:"a: b, c; {d}";}'), out);
});

test('a page with inline script or style stops the build (its Content-Security-Policy would refuse it)', () => {
  for (const [inline, shown] of [['<script>go()</script>', '<script>'], ['<style>p{}</style>', '<style>'],
    ['<p style="color:red">x</p>', 'style='], ['<button onclick="go()">x</button>', 'onclick='],
    ['<a href="javascript:go()">x</a>', 'javascript:']]) {
    const { status, stderr, out } = minify('page.html', `<!doctype html><html><body>${inline}</body></html>\n`);
    assert.notEqual(status, 0, inline);
    assert.ok(stderr.includes(`page.html: inline script or style (${shown}`), stderr);
    assert.equal(out, null);
  }
  // A script from a file, and the words in a comment, are fine.
  assert.equal(minify('ok.html', '<p>x</p><!-- <script>no</script> --><script src="a.js" defer></script>\n').status, 0);
});

test('a script that does not parse stops the build and writes nothing', () => {
  const { status, stderr, out } = minify('broken.js', 'const = 1;\n');
  assert.notEqual(status, 0);
  assert.match(stderr, /broken\.js: Unexpected token \(1:6\)/);
  assert.equal(out, null);
});

test('a message catalogue keeps every message, with its header, and loses its comments', () => {
  const po = '# A translator\'s note\nmsgid ""\nmsgstr ""\n"Language: cy\\n"\n\n#: wasm/app.cpp\n#, fuzzy\nmsgid "Start"\nmsgstr "Dechrau"\n\n' +
             'msgid "A # is not a comment "\n"inside a string"\nmsgstr "Nid yw # yn sylw"\n';
  assert.equal(minify('cy.po', po).out, 'msgid ""\nmsgstr ""\n"Language: cy\\n"\n\nmsgid "Start"\nmsgstr "Dechrau"\n\n' +
               'msgid "A # is not a comment "\n"inside a string"\nmsgstr "Nid yw # yn sylw"\n');
});

test('other files are copied unchanged', () => {
  const json = '{\n  "budget": "x"\n}\n';
  assert.equal(minify('config.json', json).out, json);
});

test('the site builds minified pages that still parse (after the web build)', (t) => {
  const built = new URL('../../build/web/site/index.html', import.meta.url).pathname;
  if (!fs.existsSync(built)) return t.skip('no web build');
  const html = fs.readFileSync(built, 'utf8');
  for (const script of ['a11y-mirror.js', 'app-page.js', 'consultations.js'])
    new vm.Script(fs.readFileSync(path.join(path.dirname(built), script), 'utf8'));
  assert.ok(!html.includes('<!--'));
});
