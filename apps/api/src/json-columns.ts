import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { walk } from './architecture.ts';

/**
 * JSON columns go through their codec (db/json.ts), checked (docs/ARCHITECTURE.md "JSON columns"):
 * - `json_outside_codec`: no `JSON.parse` / `JSON.stringify` in the sources of features/ and platform/
 *   (tests excepted), but for the uses in `JSON_ALLOWED` — each names its file, the code, and why it is
 *   not a column (a cache key, a page cursor, a comparison). An entry that no longer matches is reported
 *   too (`stale_allowance`), so the list cannot outlive its reason.
 * - `json_literal`: no JSON text written into a `*_json` column as a literal (`inspector_ids_json: '[]'`).
 * - `column_without_codec` / `column_with_two_codecs`: every JSON column of db/schema has exactly one
 *   `jsonColumn('table.column', …)` definition in features/ or platform/.
 */
export interface JsonViolation {
  file: string;
  line: number;
  rule: 'json_outside_codec' | 'json_literal' | 'stale_allowance' | 'column_without_codec' | 'column_with_two_codecs';
  text: string;
}

export interface JsonAllowance {
  /** Path under the source root, `/`-separated. */
  file: string;
  /** A piece of the line that holds the use. */
  code: string;
  reason: string;
}

export const JSON_ALLOWED: readonly JsonAllowance[] = [
  {
    file: 'platform/partners/outbox.ts',
    code: 'const body = JSON.stringify(bare ? envelope.data : envelope);',
    reason:
      'the body of an outbound HTTP push to a partner (the envelope, or its data alone for the credit and 12345 platforms), read through its codec (not a column write)',
  },
  {
    file: 'platform/partners/outbox.ts',
    code: 'payload: JSON.stringify(PAYLOAD.decode(d.payload_json), null, 2),',
    reason: 'the push shown to an administrator in the delivery log, read through its codec (not a column write)',
  },
  {
    file: 'platform/partners/secrets.ts',
    code: "const part = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');",
    reason: 'the claims of a signed identity assertion (a token on the wire, not a column)',
  },
  {
    file: 'platform/partners/secrets.ts',
    code: "const c = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Partial<IdentityClaims>;",
    reason: 'the claims of a signed identity assertion read back (a token on the wire, not a column)',
  },
  {
    file: 'platform/audit/checkpoints.ts',
    code: '.map((l) => JSON.parse(l) as CheckpointLine);',
    reason: 'the lines of the checkpoint sink, a file outside the database (not a column)',
  },
  {
    file: 'platform/audit/checkpoints.ts',
    code: 'JSON.stringify(line)}\\n',
    reason: 'a line appended to the checkpoint sink, a file outside the database (not a column)',
  },
  {
    file: 'platform/audit/checkpoints.ts',
    code: 'lines = JSON.parse(r.text);',
    reason: "the checkpoint endpoint's answer to GET, the lines it keeps outside the database (not a column)",
  },
  {
    file: 'platform/audit/checkpoints.ts',
    code: "request('POST', JSON.stringify(line))",
    reason: 'a line sent to the checkpoint endpoint, the sink outside the database (not a column)',
  },
  {
    file: 'features/inspections/inspections.repository.ts',
    code: 'const keyOf = (t: Counted) => JSON.stringify(',
    reason: 'the in-memory key that sums task count deltas per rollup row; never stored',
  },
  {
    file: 'features/inspections/inspections.repository.ts',
    code: "Buffer.from(JSON.stringify(p)).toString('base64url')",
    reason: 'the opaque page cursor of the task list (a query parameter, not a column)',
  },
  {
    file: 'features/inspections/inspections.repository.ts',
    code: "JSON.parse(Buffer.from(cursor, 'base64url')",
    reason: 'reads that cursor back; anything but a [createdAt, id] pair is refused',
  },
  {
    file: 'features/dashboard/dashboard.routes.ts',
    code: 'JSON.stringify({ version: v })',
    reason: 'the data line of a server-sent event of the dashboard stream; never stored',
  },
  {
    file: 'features/dashboard/map-query.ts',
    code: "JSON.parse(readFileSync(config.file, 'utf8'))",
    reason: "reads the operator's boundaries file (FEP_MAP_BOUNDARIES) once at start; no column",
  },
  {
    file: 'features/supervision/figures.ts',
    code: 'JSON.stringify(scope)',
    reason: 'the in-process cache key of the figures of one data scope; never stored',
  },
  {
    file: 'features/supervision/draw-input.ts',
    code: 'JSON.stringify(t.inspectorIds)',
    reason: 'the replay check compares the stored draw with the re-run one as exact texts; never stored',
  },
  {
    file: 'features/supervision/draw-input.ts',
    code: 'JSON.stringify(d.inspectors)',
    reason: 'the same comparison, the re-run side',
  },
  {
    file: 'features/supervision/draw-input.ts',
    code: 'JSON.stringify(stored) === JSON.stringify(replayed)',
    reason: 'the same comparison, of the two sorted lists',
  },
  {
    file: 'platform/calendar/use-cases/set-calendar-year.ts',
    code: 'JSON.stringify([...ds].sort(',
    reason: "compares a year's stored days with the ones sent (CALENDAR.UNCHANGED); never stored",
  },
  {
    file: 'features/notifications/sms.ts',
    code: 'TemplateParam: JSON.stringify(',
    reason: "the SMS provider's request parameter is a JSON text by its API; sent, never stored",
  },
  {
    file: 'features/notifications/sms.ts',
    code: 'answer = JSON.parse(text)',
    reason: "reads the SMS provider's HTTP answer; only its status is kept (in the delivery log's columns)",
  },
];

/** The JSON columns whose names do not end in `_json`. */
const OTHER_JSON_COLUMNS = ['domain_events.payload', 'idempotency_keys.response_body', 'audit_events.details'];

const posix = (p: string) => p.split(sep).join('/');

/** Every JSON column of db/schema/*.ts as `table.column`. */
export function jsonColumnsOfSchema(srcRoot: string): string[] {
  const dir = join(srcRoot, 'db/schema');
  const fields = new Map<string, string[]>();
  const tables = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const m of text.matchAll(/export interface (\w+Table) \{([\s\S]*?)\n\}/g)) {
      fields.set(
        m[1]!,
        [...m[2]!.matchAll(/^\s+(\w+)\??:/gm)].map((f) => f[1]!),
      );
    }
    for (const m of text.matchAll(/^\s+(\w+): (\w+Table);/gm)) tables.set(m[2]!, m[1]!);
  }
  const out: string[] = [];
  for (const [iface, table] of tables) for (const f of fields.get(iface) ?? []) if (f.endsWith('_json')) out.push(`${table}.${f}`);
  const tableNames = new Set(tables.values());
  return [...out, ...OTHER_JSON_COLUMNS.filter((c) => tableNames.has(c.split('.')[0]!))].sort();
}

export function jsonColumnViolations(srcRoot: string, allowed: readonly JsonAllowance[] = JSON_ALLOWED): JsonViolation[] {
  const out: JsonViolation[] = [];
  const used = new Set<JsonAllowance>();
  const codecs = new Map<string, { file: string; line: number }[]>();
  const files = ['features', 'platform'].flatMap((d) => walk(join(srcRoot, d)));
  for (const path of files) {
    const file = posix(relative(srcRoot, path));
    const source = readFileSync(path, 'utf8');
    for (const m of source.matchAll(/\bjsonColumn\(\s*['"`]([a-z_]+\.[a-z_]+)/g)) {
      codecs.set(m[1]!, [...(codecs.get(m[1]!) ?? []), { file, line: source.slice(0, m.index).split('\n').length }]);
    }
    const lines = source.split('\n');
    lines.forEach((text, i) => {
      const line = i + 1;
      const uses = [...text.matchAll(/\bJSON\.(?:parse|stringify)\b/g)].length;
      if (uses) {
        const mine = allowed.filter((a) => a.file === file && text.includes(a.code));
        for (const a of mine) used.add(a);
        // An allowance covers the uses inside its code; any other use on the line is a violation.
        const covered = mine.reduce((n, a) => n + [...a.code.matchAll(/\bJSON\.(?:parse|stringify)\b/g)].length, 0);
        if (uses > covered) out.push({ file, line, rule: 'json_outside_codec', text: text.trim() });
      }
      if (/\b\w+_json\s*:\s*['"`]/.test(text)) out.push({ file, line, rule: 'json_literal', text: text.trim() });
    });
  }
  for (const a of allowed) if (!used.has(a)) out.push({ file: a.file, line: 0, rule: 'stale_allowance', text: a.code });
  for (const column of jsonColumnsOfSchema(srcRoot)) {
    const defs = codecs.get(column) ?? [];
    if (defs.length === 0) out.push({ file: 'db/schema', line: 0, rule: 'column_without_codec', text: column });
    if (defs.length > 1) out.push({ file: defs[1]!.file, line: defs[1]!.line, rule: 'column_with_two_codecs', text: column });
  }
  return out;
}
