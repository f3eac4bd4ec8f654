import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { featureShapeViolations } from './architecture.ts';

const SRC = new URL('.', import.meta.url).pathname;

test('features reach each other only through index.ts, and no use case or repository imports HTTP', () => {
  const found = featureShapeViolations(SRC);
  assert.deepEqual(
    found.map((v) => `${v.file}:${v.line} ${v.rule} ${v.text}`),
    [],
  );
});

test('the check fails on a planted deep import and on Fastify in a use case', () => {
  const root = mkdtempSync(join(tmpdir(), 'fep-shape-'));
  try {
    mkdirSync(join(root, 'features/alpha/use-cases'), { recursive: true });
    mkdirSync(join(root, 'features/beta/use-cases'), { recursive: true });
    writeFileSync(join(root, 'features/beta/index.ts'), "export { b } from './use-cases/do-b.ts';\n");
    writeFileSync(join(root, 'features/beta/use-cases/do-b.ts'), 'export const b = 1;\n');
    writeFileSync(
      join(root, 'features/alpha/use-cases/do-a.ts'),
      [
        "import type { FastifyRequest } from 'fastify';",
        "import { b } from '../../beta/index.ts';",
        "import { b as deep } from '../../beta/use-cases/do-b.ts';",
        'export const a = (r: FastifyRequest) => [r, b, deep];',
      ].join('\n'),
    );
    writeFileSync(join(root, 'features/alpha/alpha.repository.ts'), "import { actorOf } from '../../platform/http/actor.ts';\nexport const x = actorOf;\n");
    const found = featureShapeViolations(root).map((v) => `${v.file}:${v.line} ${v.rule}`);
    assert.deepEqual(found.sort(), [
      'features/alpha/alpha.repository.ts:1 http_in_use_case',
      'features/alpha/use-cases/do-a.ts:1 http_in_use_case',
      'features/alpha/use-cases/do-a.ts:3 deep_import',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
