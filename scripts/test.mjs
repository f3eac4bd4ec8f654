#!/usr/bin/env node
// Runs every test of the product with node's test runner: domain rules, API (SQLite always,
// PostgreSQL too when DATABASE_URL is set) and the browser tests (Debian Chromium, headless).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages/domain/src', 'packages/contracts/src', 'apps/api/src', 'apps/web/src', 'apps/web/e2e'];
const only = process.argv.slice(2);

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.ts$/.test(name)) out.push(relative(root, p));
  }
  return out;
}

let files = roots.flatMap((r) => walk(join(root, r), []));
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const databases = process.env.DATABASE_URL ? 'SQLite + PostgreSQL (DATABASE_URL)' : 'SQLite only — PostgreSQL not covered (DATABASE_URL is not set)';
console.log(`# databases covered by data-layer and API tests: ${databases}`);

if (files.some((f) => f.startsWith('apps/web/e2e'))) {
  const prep = spawnSync(process.execPath, [join(root, 'scripts/prepare-browser-tests.mjs')], { stdio: 'inherit' });
  if (prep.status !== 0) process.exit(prep.status ?? 1);
}

// Browser tests run after the others, one file at a time: each starts the product and a Chromium, and on
// two cores beside another test file their steps were starved for tens of seconds (toasts never seen).
const browserFiles = files.filter((f) => f.startsWith('apps/web/e2e'));
const otherFiles = files.filter((f) => !f.startsWith('apps/web/e2e'));
const env = { ...process.env, FEP_LOG_LEVEL: process.env.FEP_LOG_LEVEL ?? 'silent' };
const run = (list, concurrency) =>
  list.length
    ? (spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...list], {
        stdio: 'inherit',
        cwd: root,
        env,
      }).status ?? 1)
    : 0;
const first = run(otherFiles, 2);
const second = run(browserFiles, 1);
console.log(`# databases covered: ${databases}`);
process.exit(first || second);
