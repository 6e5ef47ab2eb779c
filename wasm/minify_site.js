// Copies the site's pages, scripts and message catalogues into build/web/site with the whitespace
// and comments that residents need not download taken out. Names are kept, so the browser console still reads well.
// Usage: node minify_site.js OUT_DIR FILE...   (NODE_PATH must reach acorn: /usr/share/nodejs)
'use strict';
const fs = require('fs');
const path = require('path');
const acorn = require('acorn');

const [outDir, ...files] = process.argv.slice(2);

// Token by token (acorn, as Emscripten uses): comments and indentation go; a line break (also one
// inside a comment) stays one, so automatic semicolons mean the same; a space stays where two
// tokens would otherwise run together. A syntax error stops the build.
function minifyScript(source, label) {
  const word = /[A-Za-z0-9_$\\]/;
  const joins = '+-*/%<>=!&|?.';
  let out = '';
  let end = -1;
  try {
    acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
    for (const token of acorn.tokenizer(source, { ecmaVersion: 'latest', sourceType: 'script' })) {
      const text = source.slice(token.start, token.end);
      if (end >= 0 && token.start > end) {
        const a = out[out.length - 1], b = text[0];
        if (/[\n\r\u2028\u2029]/.test(source.slice(end, token.start))) out += '\n';
        else if ((word.test(a) && word.test(b)) || (joins.includes(a) && joins.includes(b)) || (/[0-9]/.test(a) && b === '.')) {
          out += ' ';  // e.g. `a + +b`, `1 .toString()`
        }
      }
      out += text;
      end = token.end;
    }
    acorn.parse(out, { ecmaVersion: 'latest', sourceType: 'script' });  // and so must what we wrote
  } catch (e) {
    throw new Error(`${label}: ${e.message}`);
  }
  return out;
}

// Comments and runs of spaces go; strings stay as written. Spaces around ':' go only inside
// declarations (in a selector, a space before ':' means a descendant).
function minifyStyle(css) {
  let depth = 0;
  return css.replace(/\/\*[\s\S]*?\*\//g, '').split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/).map((part, i) => {
    if (i % 2) return part;
    return part.replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/[{}]|\s*:\s*/g, (m) => {
      if (m === '{') depth++;
      else if (m === '}') depth--;
      else if (depth > 0) return ':';
      return m;
    });
  }).join('').trim();
}

// Pages lose their comments and indentation (they hold no inline script or style: see below).
function minifyPage(html) {
  return html.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/\n[ \t]+/g, '\n');
}

// The pages are sent with a Content-Security-Policy that refuses inline script and style, so an
// inline one would silently not run: the build stops instead.
function refuseInline(html, label) {
  const inline = /<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle=|\son[a-z]+=|javascript:/i.exec(html.replace(/<!--[\s\S]*?-->/g, ''));
  if (inline) throw new Error(`${label}: inline script or style (${inline[0].trim()}); put it in a file of its own`);
}

// Message catalogues (gettext .po) lose their comments (translators' notes, source references):
// the app reads only the messages.
function minifyCatalogue(po) {
  return po.split('\n').filter((line) => !line.startsWith('#')).join('\n');
}

for (const file of files) {
  const source = fs.readFileSync(file, 'utf8');
  const name = path.basename(file);
  if (name.endsWith('.html')) refuseInline(source, name);
  const out = name.endsWith('.js') ? minifyScript(source, name) + '\n'
    : name.endsWith('.html') ? minifyPage(source)
    : name.endsWith('.css') ? minifyStyle(source) + '\n'
    : name.endsWith('.po') ? minifyCatalogue(source)
    : source;
  const target = path.join(outDir, name);
  fs.writeFileSync(target + '.tmp', out);
  fs.renameSync(target + '.tmp', target);  // no half-written page is ever served
}
