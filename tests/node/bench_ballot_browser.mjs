// The counting benchmark (tests/bench/bench_ballot.cpp) in Debian's Chromium: the web preset's build,
// served on 127.0.0.1, its printed figures relayed here. Prints what it measured; asserts nothing.
// Usage (after `cmake --build --preset web --target bench_ballot`): node tests/node/bench_ballot_browser.mjs [RUNS]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'web', 'bench');
const runs = Number(process.argv[2]) || 5;
const page = `<!doctype html><html lang="en"><title>bench</title><script>
var Module = { arguments: ['${runs}'], print: (t) => console.log(t), printErr: (t) => console.log(t) };
</script><script src="bench_ballot.js"></script></html>`;
const server = createServer((req, res) => {
  if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); return; }
  const name = req.url.slice(1);
  if (name !== 'bench_ballot.js' && name !== 'bench_ballot.wasm') { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
  res.end(readFileSync(join(dir, name)));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--no-first-run'] });
const tab = await browser.newPage();
const done = new Promise((resolve) => {
  tab.on('console', (m) => {
    console.log(m.text());
    if (m.text().startsWith('greedy: mean') || m.text().includes('stopped')) resolve();
  });
});
console.log(`Chromium ${browser.version()}, WebAssembly built by the web preset`);
await tab.goto(`http://127.0.0.1:${server.address().port}/`);
await done;
await browser.close();
server.close();
