import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

/**
 * The product runs on Node 20 (README, package.json engines): every package the lockfile installs must
 * accept it, or `npm ci` warns (EBADENGINE) and the package may use what Node 20 lacks — cookie@2 and
 * content-disposition@3 want Node 22 and are held at their Node 18 majors by `overrides` in package.json.
 */
test('every installed package accepts the Node version the product runs on (npm ci prints no engine warning)', () => {
  const root = new URL('../../../../', import.meta.url).pathname;
  const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string }; optional?: boolean }>;
  };
  const wanted = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines: { node: string } }).engines.node;
  const floor = semver.minVersion(wanted)!.version;
  const refused: string[] = [];
  for (const [path, p] of Object.entries(lock.packages)) {
    if (!path || !p.engines?.node || !p.version) continue;
    // Optional platform binaries for other systems are not installed here and npm does not check them.
    if (p.optional && !existsSync(`${root}${path}`)) continue;
    for (const node of [floor, process.version])
      if (!semver.satisfies(node, p.engines.node)) refused.push(`${path}@${p.version} wants node ${p.engines.node} (not ${node})`);
  }
  assert.deepEqual(refused, []);
});
