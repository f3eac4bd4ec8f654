/**
 * Acceptance "apps/web has no hand-copied API type or label": the web takes response shapes from
 * @fep/contracts and Chinese labels of enum values from @fep/domain. This scans apps/web/src for
 * (a) an interface or object type alias named like a contracts schema or a domain type,
 * (b) an object literal mapping enum-like keys to Chinese text (a label map), and
 * (c) in pages/ and components/, a local shape of API data: an `interface` or object `type` whose name ends
 *     in View, Row, Answer, Request, Response or Status, or that is the type argument of `useApi<…>`,
 *     `api<…>` or `useApiMutation<…>` in the same file, and any inline object type given as such a type
 *     argument (`api<{ … }>`). Component props (`…Props`) and UI state (form values, drafts of a dialog)
 *     are not API data and pass: their names end otherwise and they are not handed to the API helpers.
 *     The fix is a schema in packages/contracts (exported as `Static<typeof X>`) imported by the page.
 * It names file and line of each finding.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import * as contracts from '@fep/contracts';

const SRC = new URL('.', import.meta.url).pathname;
const DOMAIN = new URL('../../../packages/domain/src/', import.meta.url).pathname;
const CJK = /[\u3400-\u9fff]/;

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Names a web file must not declare: every schema @fep/contracts exports and every type the domain exports. */
export function sharedTypeNames(): Set<string> {
  const names = new Set(Object.keys(contracts).filter((k) => /^[A-Z]/.test(k)));
  for (const f of files(DOMAIN)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/export (?:interface|type) ([A-Z]\w*)/g)) names.add(m[1] as string);
  }
  return names;
}

export interface Finding {
  file: string;
  line: number;
  what: string;
}

const API_SUFFIX = /(?:View|Row|Answer|Request|Response|Status)$/;
const API_HELPER = /\b(?:useApi|api|useApiMutation)</g;

/** The text between the `<` at `open` and its matching `>`. */
function typeArguments(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && text[i - 1] !== '=') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return '';
}

/** Scans one file's text. */
export function scan(file: string, text: string, shared: Set<string>): Finding[] {
  const found: Finding[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  // (a) `interface Me {` / `type Me = {` (also exported) with a shared name.
  for (const m of text.matchAll(/(?:^|\n)\s*(?:export\s+)?(?:interface\s+([A-Z]\w*)|type\s+([A-Z]\w*)\s*(?:<[^=]*>)?\s*=\s*\{)/g)) {
    const name = (m[1] ?? m[2]) as string;
    if (shared.has(name))
      found.push({ file, line: lineOf(m.index + m[0].indexOf(name)), what: `declares ${name}, which @fep/contracts or @fep/domain already defines` });
  }
  // (c) local shapes of API data in pages/ and components/.
  if (/^(?:pages|components)\//.test(file.replaceAll('\\', '/'))) {
    const handed = new Set<string>();
    for (const m of text.matchAll(API_HELPER)) {
      const open = m.index + m[0].length - 1;
      const args = typeArguments(text, open);
      for (const id of args.matchAll(/\b[A-Z]\w*/g)) handed.add(id[0]);
      if (/^\s*\{/.test(args) || /,\s*\{/.test(args))
        found.push({ file, line: lineOf(m.index), what: 'gives an inline object type to an API helper: take the shape from @fep/contracts' });
    }
    for (const m of text.matchAll(/(?:^|\n)\s*(?:export\s+)?(?:interface\s+([A-Z]\w*)|type\s+([A-Z]\w*)\s*(?:<[^=]*>)?\s*=\s*\{)/g)) {
      const name = (m[1] ?? m[2]) as string;
      if (shared.has(name) || name.endsWith('Props')) continue;
      if (API_SUFFIX.test(name) || handed.has(name))
        found.push({ file, line: lineOf(m.index + m[0].indexOf(name)), what: `declares ${name}, a shape of API data: add it to @fep/contracts and import it` });
    }
  }
  // (b) an object literal of at least two `enum_value: '中文'` entries: a label map.
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const body = m[1] as string;
    const entries = [...body.matchAll(/(?:^|[,\n{])\s*['"]?([a-z][a-z0-9_]*)['"]?\s*:\s*(['"`])([^'"`\n]*)\2/g)];
    const cjk = entries.filter((e) => CJK.test(e[3] as string));
    const allKeysEnumLike = entries.length > 0 && entries.every((e) => /^[a-z][a-z0-9_]*$/.test(e[1] as string));
    // Only entries that are string values of enum-like keys, at least two of them Chinese, and nothing else.
    const rest = body.replace(/(?:^|[,\n{])\s*['"]?[a-z][a-z0-9_]*['"]?\s*:\s*(['"`])[^'"`\n]*\1/g, '').replace(/[\s,]/g, '');
    if (cjk.length >= 2 && allKeysEnumLike && cjk.length === entries.length && rest === '') {
      found.push({ file, line: lineOf(m.index), what: `maps ${cjk.map((e) => e[1]).join(', ')} to Chinese text: take the labels from @fep/domain` });
    }
  }
  // (b') `Record<…, string> = {` declarations whose values are Chinese.
  for (const m of text.matchAll(/Record<[^>]+,\s*string>\s*=\s*\{([^}]*)\}/g)) {
    if (CJK.test(m[1] as string) && !found.some((f) => f.line === lineOf(m.index))) {
      found.push({ file, line: lineOf(m.index), what: 'declares a Record of Chinese labels: take them from @fep/domain' });
    }
  }
  return found;
}

export function scanDir(dir: string): Finding[] {
  const shared = sharedTypeNames();
  return files(dir).flatMap((f) => scan(relative(dir, f), readFileSync(f, 'utf8'), shared));
}

describe('apps/web has no hand-copied API type or label', () => {
  it('apps/web/src declares no type of @fep/contracts or @fep/domain and keeps no label map of its own', () => {
    const found = scanDir(SRC);
    assert.deepEqual(
      found.map((f) => `apps/web/src/${f.file}:${f.line} ${f.what}`),
      [],
    );
  });

  it('the scanner fails on a planted copy of a contract type and of a label map, naming file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fep-web-scan-'));
    try {
      mkdirSync(join(dir, 'pages'));
      writeFileSync(
        join(dir, 'pages', 'PlantedPage.tsx'),
        [
          'interface PublicStatus {',
          '  valid: boolean;',
          '}',
          'export interface RegisterRow { number: string }',
          'interface CardProps { title: string }',
          'interface FormValues { name: string }',
          "const status = useApi<PublicStatus>('/api/v1/licences/verify/X');",
          "const r = await api<{ orderId: string | null }>('/api/v1/x', { method: 'POST' });",
          'const [v, setV] = useState<{ open: boolean }>({ open: false });',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'Planted.tsx'),
        [
          "import { Tag } from 'antd';",
          'export interface Me {',
          '  id: string;',
          '}',
          'type LicenceView = { id: string };',
          "const STATUS = { draft: '草稿', submitted: '已提交' };",
          "export const UNITS: Record<string, string> = { working_days: '个工作日', hours: '小时' };",
          "const fine = { label: '许可办件', icon: 'application' };",
          "const alsoFine = { title: '标题' };",
          '',
        ].join('\n'),
      );
      const found = scanDir(dir);
      assert.deepEqual(
        found.map((f) => `${f.file}:${f.line}`),
        // Outside pages/ and components/ only (a) and (b) apply; in pages/: the interface handed to useApi,
        // the one named …Row and the inline type given to api<…>, not the props or the form values.
        ['Planted.tsx:2', 'Planted.tsx:5', 'Planted.tsx:6', 'Planted.tsx:7', 'pages/PlantedPage.tsx:8', 'pages/PlantedPage.tsx:1', 'pages/PlantedPage.tsx:4'],
      );
      assert.match(found[0]?.what ?? '', /declares Me/);
      assert.match(found[2]?.what ?? '', /maps draft, submitted to Chinese text/);
      assert.match(found[4]?.what ?? '', /inline object type/);
      assert.match(found[5]?.what ?? '', /declares PublicStatus, a shape of API data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
