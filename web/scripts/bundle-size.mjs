// Reports the JavaScript a first visit downloads (the scripts and module
// preloads dist/index.html names) and every lazy chunk, gzipped; then, for
// each lazy page (a route: a dynamic entry of Vite's manifest under
// src/app/routes), what opening it first downloads: the initial JavaScript
// plus the page's chunk and the chunks it imports. Fails when the initial JavaScript or any page's first load exceeds
// the budget of issue 7 (250 kB gzipped).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const kb = (bytes) => (bytes / 1000).toFixed(1);
const gzipped = new Map();
for (const file of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).sort()) {
  const path = `assets/${file}`;
  const raw = readFileSync(join(dist, path));
  gzipped.set(path, gzipSync(raw, { level: 9 }).length);
  const kind = initial.has(path) ? 'initial' : 'lazy   ';
  console.log(`${kind}  ${path.padEnd(36)} ${kb(raw.length).padStart(7)} kB  gzip ${kb(gzipped.get(path)).padStart(6)} kB`);
}
const sum = (files) => [...files].reduce((total, file) => total + (gzipped.get(file) ?? 0), 0);

let over = false;
const initialGzip = sum(initial);
console.log(`initial JavaScript: ${kb(initialGzip)} kB gzipped (budget ${BUDGET_KB} kB)`);
over ||= initialGzip > BUDGET_KB * 1000;

/** A chunk and every chunk it imports statically (what loading it downloads). */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isDynamicEntry || !key.startsWith('src/app/routes/')) continue; // pages, not lazy parts of a page
  const page = new Set([...initial, ...closure(key)]);
  const total = sum(page);
  console.log(`first load of ${key}: ${kb(total)} kB gzipped (budget ${BUDGET_KB} kB)`);
  over ||= total > BUDGET_KB * 1000;
}
if (over) {
  console.error('over budget');
  process.exit(1);
}
