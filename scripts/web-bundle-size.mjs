#!/usr/bin/env node
// Gzipped JavaScript (kB = 1000 bytes, gzip level 9) the portal home `/` loads on first paint: the entry script of apps/web/dist/index.html,
// the chunks it links with modulepreload, the lazily loaded page of `/`, and every chunk they import
// statically (other lazy `import()` chunks, i.e. the other pages, are not followed). `--build` builds the web app first; otherwise apps/web/dist must exist.
//   node scripts/web-bundle-size.mjs [--build]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'apps/web/dist');

if (process.argv.includes('--build') || !existsSync(join(dist, 'index.html'))) {
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Vite's manifest (build.manifest) names each chunk's static `imports` and its lazy `dynamicImports`.
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
// What the page itself asks for: the entry script and the chunks it preloads …
const start = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]),
];
// … and the lazily loaded page of `/` (React.lazy in routes.ts), which the home cannot render without.
const HOME_PAGE = 'src/pages/PortalHome.tsx';
const byFile = new Map(Object.entries(manifest).map(([key, c]) => [c.file, key]));
const queue = [...start.map((f) => byFile.get(f) ?? f), HOME_PAGE];
const seen = new Map();
while (queue.length) {
  const key = queue.shift();
  const chunk = manifest[key];
  const file = chunk ? chunk.file : key;
  if (seen.has(file) || !file.endsWith('.js')) continue;
  const code = readFileSync(join(dist, file));
  seen.set(file, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
  for (const imp of chunk?.imports ?? []) queue.push(imp);
}

let raw = 0;
let gzip = 0;
for (const [file, s] of [...seen].sort((a, b) => b[1].gzip - a[1].gzip)) {
  raw += s.raw;
  gzip += s.gzip;
  console.log(`${(s.gzip / 1000).toFixed(1).padStart(8)} kB gz  ${(s.raw / 1000).toFixed(1).padStart(8)} kB  ${file}`);
}
console.log(`portal home / loads ${seen.size} JS files: ${(gzip / 1000).toFixed(1)} kB gzipped (${(raw / 1000).toFixed(1)} kB raw)`);
