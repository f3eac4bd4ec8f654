import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RECORD_ACTION_LABELS, recordActionLabel } from '@fep/domain';

/**
 * The 流转记录 (timeline) of a file shows each recorded step by its Chinese label, never by its code: every
 * action code the API writes into the enforcement record must have a label in RECORD_ACTION_LABELS
 * (packages/domain/src/labels.ts). Literal codes are found in the source; codes built from a template are
 * listed here with every value they take.
 */
const TEMPLATED = [
  'clock.pause',
  'clock.resume',
  'clock.extend',
  'clock.stop',
  'clock.alert.due_soon',
  'clock.alert.overdue',
  'licence_request.amend',
  'licence_request.reissue',
  'licence.amended',
  'licence.reissued',
  'application.read',
  'inspection_task.read',
  'rectification_order.read',
  'random_plan.read',
  'unit.read',
  'clock.read',
  'officer_complaint.read',
  'user.read',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return n.endsWith('.ts') && !n.endsWith('.test.ts') && !p.includes('test-support') && !p.includes('/testing/') ? [p] : [];
  });
}

test('every action the API records has a Chinese label for the timeline (流转记录)', () => {
  const root = new URL('../..', import.meta.url).pathname;
  const found = new Set<string>(TEMPLATED);
  for (const file of sources(root)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction:/.test(line)) continue;
      for (const m of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1]!);
    }
  }
  assert.ok(found.size > 40, `found only ${found.size} action codes: the scan is broken`);
  const missing = [...found].filter((a) => !(a in RECORD_ACTION_LABELS)).sort();
  assert.deepEqual(missing, [], `actions without a Chinese label: ${missing.join(', ')}`);
  for (const label of Object.values(RECORD_ACTION_LABELS)) assert.match(label, /[\u4e00-\u9fa5]/);
  assert.equal(recordActionLabel('no.such_action'), '其他操作');
});
