import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The feature shape, checked (docs/ARCHITECTURE.md "One feature shape"):
 * - a feature reaches another only through that feature's `index.ts` (no deep import);
 * - no use case and no repository imports Fastify (use cases are callable from jobs, consumers, partner APIs).
 */
export interface Violation {
  file: string;
  line: number;
  rule: 'deep_import' | 'http_in_use_case';
  text: string;
}

/** The TypeScript sources under `dir`, tests left out. */
export function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Scans `<srcRoot>/features/*` for imports that break the feature shape. */
export function featureShapeViolations(srcRoot: string): Violation[] {
  const featuresDir = join(srcRoot, 'features');
  const out: Violation[] = [];
  for (const file of walk(featuresDir)) {
    const text = readFileSync(file, 'utf8');
    const feature = relative(featuresDir, file).split(sep)[0];
    const rel = relative(featuresDir, file);
    const isUseCase = rel.split(sep).includes('use-cases');
    const isRepository = /\.repository\.ts$/.test(file);
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
      if ((isUseCase || isRepository) && (spec === 'fastify' || spec.startsWith('fastify/') || spec.startsWith('@fastify/') || /platform\/http\//.test(spec))) {
        out.push({ file: relative(srcRoot, file), line, rule: 'http_in_use_case', text: spec });
      }
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      const targetRel = relative(featuresDir, target);
      if (targetRel.startsWith('..')) continue; // platform, db, …
      const [targetFeature, ...rest] = targetRel.split(sep);
      if (targetFeature === feature) continue;
      if (rest.length === 1 && rest[0] === 'index.ts') continue;
      out.push({ file: relative(srcRoot, file), line, rule: 'deep_import', text: spec });
    }
  }
  return out;
}
