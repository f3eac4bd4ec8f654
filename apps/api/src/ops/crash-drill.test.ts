import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DATABASES } from '../test-support/harness.ts';
import { crashDrill } from './crash-drill.ts';

/** A few kill -9 cycles per database in every test run; `npm run bench` runs 200 (docs/benchmarks.md). */
for (const database of DATABASES)
  test(`crash drill: kill -9 during mixed writes loses nothing acknowledged, retries settle, chains verify [${database}]`, { timeout: 300_000 }, async () => {
    const r = await crashDrill({ database, cycles: 3 });
    assert.deepEqual(r.problems, []);
    assert.equal(r.cycles, 3);
    assert.ok(r.acknowledged > 0);
    assert.ok(r.inFlightAtKill > 0, 'the kills landed with writes in flight');
    assert.equal(r.lost, 0);
    assert.equal(r.brokenChains, 0);
    assert.ok(r.chainsVerified > 0);
    if (database === 'sqlite') assert.equal(r.integrityChecks, 3);
  });
