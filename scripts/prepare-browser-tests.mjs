#!/usr/bin/env node
// Browser tests need the built web app and Debian's Chromium with a CJK font. Chromium is never
// downloaded by a test tool: it comes from Debian's packages (installed here when running as root).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('# installing Debian chromium and fonts-noto-cjk for the browser tests');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null', { stdio: 'inherit' });
  } else {
    console.error(`Browser tests need Chromium at ${chromium}: run "sudo apt-get install chromium fonts-noto-cjk" (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
}
console.log('# building the web app for the browser tests');
execSync('npm run build -w apps/web --silent', { cwd: root, stdio: 'inherit' });
