import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * What the back office's list pages share on the server: the page window of a query, the search pattern
 * and the Excel export of the current view. Lists page by offset over an index-ordered query within the
 * caller's scope (a clerk's queue is the applications of one agency subtree in a few statuses, so the
 * offset stays small); the export walks the same query in batches and is capped (EXPORT_LIMIT).
 */
export const DEFAULT_PAGE_SIZE = 20;
/** An export larger than this is cut at this many rows and says so in its last row. */
export const EXPORT_LIMIT = 10_000;
const EXPORT_BATCH = 500;

/**
 * A list counts at most this many matches (共 10000+ 条) and pages no deeper: the count and the offset stay
 * bounded at province scale (a count of millions on SQLite would hold the event loop); a narrower filter
 * finds anything further.
 */
export const COUNT_CAP = 10_000;

export function pageWindow(q: { page?: number; pageSize?: number }): { page: number; pageSize: number; offset: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const offset = (page - 1) * pageSize;
  if (offset >= COUNT_CAP) throw new AppError('REQUEST.INVALID', `列表仅可翻阅前 ${COUNT_CAP} 条，请增加筛选条件缩小范围`, { page, pageSize });
  return { page, pageSize, offset };
}

/** The total of a page answer from a capped count (`limit COUNT_CAP + 1` in the counting subquery). */
export function cappedTotal(n: number | string | undefined): { total: number; capped: boolean } {
  const count = Number(n ?? 0);
  return { total: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP };
}

/** `%text%` for LIKE, with LIKE's own wildcards taken literally (ESCAPE '\'). */
/** The total of a filtered list, counting at most COUNT_CAP + 1 matches: bounded work whatever the scope. */
export async function cappedCount<TB extends keyof DB>(
  db: Executor,
  filtered: SelectQueryBuilder<DB, TB, object>,
): Promise<{ total: number; capped: boolean }> {
  const matches = filtered
    .select(sql<number>`1`.as('one'))
    .limit(COUNT_CAP + 1)
    .as('m');
  const r = await db
    .selectFrom(matches)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return cappedTotal(r?.n);
}

export function containsPattern(q: string): string {
  return `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Any of these columns contains the search text (LIKE with the wildcards escaped). */
export function searchAny(columns: readonly string[], q: string) {
  const p = containsPattern(q);
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => sql`${sql.ref(c)} like ${p} escape '\\'`),
    sql` or `,
  )})`;
}

/** A column of an export: its Chinese title, width and value. */
export interface ExportColumn<T> {
  title: string;
  width?: number;
  value(row: T): string | number | null;
}

/**
 * Streams an .xlsx of the rows `fetch(offset, limit)` returns, batch by batch, through exceljs's
 * streaming writer (DESIGN §6): a sheet with a bold header row and one row per record. Values are
 * written as text or numbers, never as formulas, so a cell starting with `=` cannot run in Excel.
 */
export function xlsxExport<T>(sheetName: string, columns: ExportColumn<T>[], fetch: (offset: number, limit: number) => Promise<T[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ key: String(i), width: c.width ?? 16 }));
  const header = ws.addRow(columns.map((c) => c.title));
  header.font = { bold: true };
  header.commit();
  void (async () => {
    let offset = 0;
    for (;;) {
      const rows = await fetch(offset, Math.min(EXPORT_BATCH, EXPORT_LIMIT - offset));
      for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? '')).commit();
      offset += rows.length;
      if (rows.length < EXPORT_BATCH) break;
      if (offset >= EXPORT_LIMIT) {
        ws.addRow([`仅导出前 ${EXPORT_LIMIT} 条，请缩小筛选范围后分批导出`]).commit();
        break;
      }
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/** The Content-Disposition of a download with a Chinese file name. */
export function attachment(filename: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
