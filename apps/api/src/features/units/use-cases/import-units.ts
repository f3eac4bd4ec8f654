import type { Readable } from 'node:stream';
import { inScope, mapHeaders, parseUnitRow, type ResolvedPolicy, type UnitDefaultsPolicy, type UnitRow } from '@fep/domain';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { UnitTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { canonicalJson, sm3Hex } from '../../../platform/audit/chain.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Agency, findAgency } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { directoryChanged } from '../events.ts';
import { mayOverwrite } from '../units.access.ts';
import { existingUnits, unitDefaults } from '../units.repository.ts';

/**
 * SUP-01: import of the unit directory from CSV or XLSX, streamed (a province's file is never held in
 * memory), validated row by row. Valid rows are written in batches, each batch one transaction with its
 * enforcement record event; a USCI already in the directory is merged (updated), also when it repeats in
 * the file. Rejected rows are reported with their line number and reasons.
 */
export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
  rejections: { line: number; usci: string; reasons: string[] }[];
  batches: number;
}

/** Rows per transaction (one fsync each with synchronous=FULL); statements carry at most 1,000 rows. */
const BATCH = 5000;
const ROWS_PER_STATEMENT = 1000;
const MAX_LISTED_REJECTIONS = 1000;

/** No line of a unit directory comes near this; a longer record is a malformed or hostile file. */
const MAX_RECORD_BYTES = 64 * 1024;

async function* csvRows(input: Readable): AsyncGenerator<string[]> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, max_record_size: MAX_RECORD_BYTES }),
  );
  for await (const rec of parser) yield rec as string[];
}

async function* xlsxRows(input: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1);
      yield values.map((v) => {
        if (v === null || v === undefined) return '';
        if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text);
        if (typeof v === 'object' && v && 'result' in v) return String((v as { result: unknown }).result);
        return String(v);
      });
    }
    break; // the first sheet is the directory
  }
}

export interface ImportUnitsInput {
  file: Readable;
  format: 'csv' | 'xlsx';
}

export async function importUnits(ctx: Deps, actor: Actor, input: ImportUnitsInput): Promise<ImportReport> {
  const scope = actor.scope;
  const maxRows = ctx.config.imports.maxRows;
  const rows = input.format === 'csv' ? csvRows(input.file) : xlsxRows(input.file);
  const report: ImportReport = { rows: 0, inserted: 0, updated: 0, rejected: 0, rejections: [], batches: 0 };
  const agencies = new Map<string, Agency | null>();
  // A blank risk or credit cell takes the units.defaults policy of the row's agency, resolved once per agency.
  const defaults = new Map<string, ResolvedPolicy<UnitDefaultsPolicy>>();
  const agencyOf = async (regionCode: string): Promise<Agency | null> => {
    if (!agencies.has(regionCode)) {
      const a = /^\d{6}$/.test(regionCode) ? await findAgency(db, regionCode) : undefined;
      agencies.set(regionCode, a && inScope(scope, { agencyPath: a.path }) ? a : null);
    }
    return agencies.get(regionCode) ?? null;
  };
  const db = ctx.database.db;
  let index: ReturnType<typeof mapHeaders>['index'] | null = null;
  let line = 0;
  let batch = new Map<string, BatchRow>();
  const reject = (usci: string, reasons: string[]) => {
    report.rejected++;
    if (report.rejections.length < MAX_LISTED_REJECTIONS) report.rejections.push({ line, usci, reasons });
  };
  for await (const cells of rows) {
    line++;
    if (!index) {
      const h = mapHeaders(cells);
      if (h.missing.length)
        throw new AppError('UNIT.IMPORT_INVALID', `导入文件缺少必需的列：${h.missing.join('、')}（第一行应为表头）`, { missing: h.missing });
      index = h.index;
      continue;
    }
    report.rows++;
    if (report.rows > maxRows)
      throw new AppError('UNIT.IMPORT_TOO_LARGE', `导入文件超过 ${maxRows} 行，请拆分后分批导入（此前的批次已导入，见报告）`, {
        what: 'rows',
        limit: maxRows,
        report,
      });
    const agency = await agencyOf(index.regionCode === undefined ? '' : String(cells[index.regionCode] ?? '').trim());
    let policy: ResolvedPolicy<UnitDefaultsPolicy> | undefined;
    if (agency) {
      policy = defaults.get(agency.id);
      if (!policy) {
        policy = await unitDefaults(db, agency, ctx.now());
        defaults.set(agency.id, policy);
      }
    }
    const parsed = parseUnitRow(cells, index, policy?.values);
    if (!parsed.ok) {
      reject(String(cells[index.usci ?? 0] ?? ''), parsed.reasons);
      continue;
    }
    const r = parsed.row;
    if (!agency || !policy) {
      reject(r.usci, ['行政区划不在本机构辖区内']);
      continue;
    }
    batch.set(r.usci, { row: r, agency, defaultsVersion: policy.versionKey });
    if (batch.size >= BATCH) {
      await writeBatch(ctx, actor, batch, report);
      batch = new Map();
    }
  }
  if (!index) throw new AppError('UNIT.IMPORT_INVALID', '导入文件为空');
  if (batch.size) await writeBatch(ctx, actor, batch, report);
  return report;
}

interface BatchRow {
  row: UnitRow;
  agency: Agency;
  /** The units.defaults version that filled blank levels of the row. */
  defaultsVersion: string;
}

async function writeBatch(ctx: Deps, actor: Actor, batch: Map<string, BatchRow>, report: ImportReport) {
  const nowIso = ctx.now().toISOString();
  await transact(ctx, actor, async (trx, audit, emit) => {
    const uscis = [...batch.keys()];
    const existing = new Map((await existingUnits(trx, uscis)).map((e) => [e.usci, e]));
    const values: UnitTable[] = [];
    let inserted = 0;
    let updated = 0;
    const refused: string[] = [];
    for (const [usci, { row, agency }] of batch) {
      const e = existing.get(usci);
      if (e && !mayOverwrite(actor, e)) {
        refused.push(usci);
        continue;
      }
      if (e) updated++;
      else inserted++;
      values.push({
        id: e?.id ?? uuidv7(),
        usci,
        name: row.name,
        address: row.address,
        region_code: row.regionCode,
        agency_id: agency.id,
        agency_path: agency.path,
        venue_kind: row.venueKind,
        floor_area: row.floorArea,
        key_unit: row.keyUnit ? 1 : 0,
        risk_level: row.riskLevel,
        credit_level: row.creditLevel,
        owner_user_id: null,
        // A masked cell of an exported file keeps the directory's value (an export re-imports unchanged).
        contact_name: row.keep?.includes('contactName') ? (e?.contact_name ?? null) : row.contactName,
        contact_phone: row.keep?.includes('contactPhone') ? (e?.contact_phone ?? null) : row.contactPhone,
        created_at: nowIso,
        updated_at: nowIso,
        self_commitment: row.selfCommitment ? 1 : 0,
        last_fire_on: null,
        responsible_name: null,
        responsible_key: null,
        manager_name: null,
        manager_key: null,
        lat: null,
        lng: null,
        position_set_at: null,
      });
    }
    // SQLite allows 32,766 bound values per statement: 25 columns × 1,000 rows stays well under it.
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT)
      await trx
        .insertInto('units')
        .values(values.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc.column('usci').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            address: eb.ref('excluded.address'),
            region_code: eb.ref('excluded.region_code'),
            agency_id: eb.ref('excluded.agency_id'),
            agency_path: eb.ref('excluded.agency_path'),
            venue_kind: eb.ref('excluded.venue_kind'),
            floor_area: eb.ref('excluded.floor_area'),
            key_unit: eb.ref('excluded.key_unit'),
            risk_level: eb.ref('excluded.risk_level'),
            credit_level: eb.ref('excluded.credit_level'),
            contact_name: eb.ref('excluded.contact_name'),
            contact_phone: eb.ref('excluded.contact_phone'),
            self_commitment: eb.ref('excluded.self_commitment'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    if (values.length)
      emit(
        directoryChanged(
          actor.agencyId,
          values.map((v) => v.usci),
        ),
      );
    await audit({
      action: 'unit.import_batch',
      targetType: 'unit_import',
      targetId: actor.requestId ?? 'import',
      details: {
        inserted,
        updated,
        refused: refused.length,
        unitDefaults: [...new Set([...batch.values()].map((b) => b.defaultsVersion))].sort(),
        digest: sm3Hex(canonicalJson(values.map((v) => [v.usci, v.name, v.address, v.region_code]))),
      },
    });
    report.inserted += inserted;
    report.updated += updated;
    report.batches++;
    for (const u of refused) {
      report.rejected++;
      if (report.rejections.length < MAX_LISTED_REJECTIONS) report.rejections.push({ line: 0, usci: u, reasons: ['该单位已由其他机构登记，不能覆盖'] });
    }
  });
}
