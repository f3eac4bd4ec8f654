import { randomInt } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { InspectionTaskTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { CHECKLIST } from './inspections.columns.ts';
import { inspectorIdsOf } from './inspections.repository.ts';

/**
 * Who may inspect what — the one place of these rules (执法人员资格 and 双人执法, 行政处罚法 art. 42;
 * 回避, 消防监督检查规定): an inspection is done by two inspectors with a valid certificate, of the
 * agency that owns the task or one above it (never a neighbouring jurisdiction's), who declared no
 * conflict with the unit.
 */

/** A task in the actor's scope; a task outside it is the same 404 as a missing one, and the attempt is recorded. */
export async function loadTask(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<InspectionTaskTable> {
  return readInScope({ type: 'inspection_task', id, what: '检查任务' }, (scoped) => {
    let q = db.selectFrom('inspection_tasks').selectAll().where('id', '=', id);
    if (scoped) q = q.where(scopeFilter(scopeOf(actor), { agencyPath: 'inspection_tasks.agency_path' }));
    return q.executeTakeFirst();
  });
}

/** Certified, active inspectors who may act for an agency: its own and those of the agencies above it. */
export async function eligibleInspectors(db: Executor, agencyPath: string, onDate: string) {
  const ids = agencyPath.split('/').filter(Boolean);
  return db
    .selectFrom('inspectors')
    .innerJoin('users', 'users.id', 'inspectors.user_id')
    .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
    .select([
      'inspectors.user_id as userId',
      'users.display_name as name',
      'inspectors.certificate_no as certificateNo',
      'inspectors.certified_until as certifiedUntil',
      'agencies.name as agencyName',
      'agencies.path as agencyPath',
    ])
    .where('inspectors.agency_id', 'in', ids.length ? ids : ['-'])
    .where('inspectors.active', '=', 1)
    .where('users.disabled', '=', 0)
    .where('inspectors.certified_until', '>=', onDate)
    .orderBy('inspectors.user_id')
    .execute();
}

/**
 * The two inspectors of a task of the agency at `agencyPath`: the named ones after checking them, or two
 * drawn at random (the agency's own first, then those above it). With `usci`, declared conflicts with the
 * unit exclude an inspector.
 */
export async function pickInspectors(
  db: Executor,
  input: { agencyPath: string; onDate: string; named?: string[] | undefined; usci?: string },
): Promise<string[]> {
  let pool = await eligibleInspectors(db, input.agencyPath, input.onDate);
  let conflicted: string[] = [];
  if (input.usci && pool.length) {
    const rows = await db
      .selectFrom('inspector_conflicts')
      .select('inspector_user_id')
      .where('usci', '=', input.usci)
      .where(
        'inspector_user_id',
        'in',
        pool.map((p) => p.userId),
      )
      .execute();
    conflicted = rows.map((r) => r.inspector_user_id);
  }
  if (input.named?.length) {
    const unique = [...new Set(input.named)];
    const conflict = unique.find((u) => conflicted.includes(u));
    if (conflict) throw new AppError('SUPERVISION.CONFLICT', '所选检查人员与该单位存在应当回避的情形，请另选', { inspector: conflict });
    const bad = unique.filter((u) => !pool.some((p) => p.userId === u));
    if (unique.length !== 2 || bad.length) {
      throw new AppError('LICENSING.INSPECTORS_INVALID', '须指派两名持有有效执法证件的本辖区检查人员（双人执法）', {
        inspectors: input.named,
        notEligible: bad,
      });
    }
    return unique;
  }
  pool = pool.filter((p) => !conflicted.includes(p.userId));
  // Nearest agency first: the owning agency's own inspectors, then those of the agencies above it.
  const depth = (p: string) => p.split('/').filter(Boolean).length;
  const byDepth = [...pool].sort((a, b) => depth(b.agencyPath) - depth(a.agencyPath));
  const own = byDepth.filter((p) => p.agencyPath === input.agencyPath);
  const candidates = own.length >= 2 ? own : byDepth;
  if (candidates.length < 2) throw new AppError('LICENSING.INSPECTORS_INVALID', '本辖区持证检查人员不足两名，无法指派', { available: candidates.length });
  const a = randomInt(candidates.length);
  let b = randomInt(candidates.length - 1);
  if (b >= a) b++;
  return [candidates[a]!.userId, candidates[b]!.userId];
}

export function isInspectorOf(task: InspectionTaskTable, actor: Actor): boolean {
  return actor.userId !== null && inspectorIdsOf(task).includes(actor.userId);
}

export interface ChecklistEntry {
  code: string;
  passed: boolean;
  note?: string;
}

/** The checklist must answer every item the task was created with (policy at the time). */
export function checkChecklist(task: InspectionTaskTable, entries: ChecklistEntry[]) {
  const items = CHECKLIST.decode(task.checklist_json) ?? [];
  const missing = items.filter((i) => !entries.some((e) => e.code === i.code));
  const unknown = entries.filter((e) => !items.some((i) => i.code === e.code));
  if (missing.length || unknown.length) {
    throw new AppError(
      'LICENSING.CHECKLIST_INCOMPLETE',
      missing.length ? `检查项目未填写完整：${missing.map((m) => m.name).join('、')}` : '检查记录含有不在检查清单中的项目',
      { missing: missing.map((m) => m.code), unknown: unknown.map((u) => u.code) },
    );
  }
  return items.map((i) => ({ ...i, ...entries.find((e) => e.code === i.code)! }));
}
