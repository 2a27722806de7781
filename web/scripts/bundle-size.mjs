// Reports the JavaScript a first visit downloads (the scripts and module
// preloads dist/index.html names) and every lazy chunk, gzipped, and fails
// when the initial JavaScript exceeds the budget of issue 7 (250 kB gzipped).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));

const kb = (bytes) => (bytes / 1000).toFixed(1);
let initialGzip = 0;
for (const file of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).sort()) {
  const path = `assets/${file}`;
  const raw = readFileSync(join(dist, path));
  const gzip = gzipSync(raw, { level: 9 }).length;
  const isInitial = initial.has(path);
  if (isInitial) initialGzip += gzip;
  console.log(`${isInitial ? 'initial' : 'lazy   '}  ${path.padEnd(36)} ${kb(raw.length).padStart(7)} kB  gzip ${kb(gzip).padStart(6)} kB`);
}
console.log(`initial JavaScript: ${kb(initialGzip)} kB gzipped (budget ${BUDGET_KB} kB)`);
if (initialGzip > BUDGET_KB * 1000) {
  console.error('initial JavaScript is over budget');
  process.exit(1);
}
