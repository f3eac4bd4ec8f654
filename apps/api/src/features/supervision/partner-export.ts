import { addDays, chinaDateOf, INSPECTION_RESULT_LABELS, type PublicationPolicy, policyKind } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { inspectorIdsOf } from '../inspections/index.ts';
import { PLAN_ITEMS } from './supervision.columns.ts';

/**
 * The national 双随机 platform's export (MON-03, format FEP-SSJ v1 in docs/partners.md): the published plans whose
 * first day falls in [from, to], the inspection items they check (the item list), their tasks, and the results of
 * the tasks done, each with the last day it may be published (`supervision.publication` resultPushDays after the
 * check, calendar days). Drafts are not exported: a plan is public once published.
 */
export async function randomInspectionExport(db: Executor, from: string, to: string, areaPath: string | null) {
  const plans = await db
    .selectFrom('random_plans')
    .innerJoin('agencies', 'agencies.id', 'random_plans.agency_id')
    .select([
      'random_plans.id',
      'random_plans.title',
      'random_plans.period_start',
      'random_plans.period_end',
      'random_plans.status',
      'random_plans.inputs_hash',
      'random_plans.items_json',
      'random_plans.agency_id',
      'agencies.name as agency_name',
      'agencies.region_code',
    ])
    .where('random_plans.status', 'in', ['published', 'drawn'])
    .where('random_plans.period_start', '>=', from)
    .where('random_plans.period_start', '<=', to)
    .$if(areaPath !== null, (q) => q.where('random_plans.agency_path', 'like', `${areaPath}%`))
    .orderBy('random_plans.period_start')
    .orderBy('random_plans.id')
    .limit(500)
    .execute();
  const items = new Map<string, { code: string; title: string; legalBasis: string }>();
  const planViews = plans.map((p) => {
    const list = PLAN_ITEMS.decode(p.items_json) ?? [];
    for (const i of list) if (!items.has(i.code)) items.set(i.code, { code: i.code, title: i.name, legalBasis: i.legalBasis });
    return {
      planId: p.id,
      title: p.title,
      agencyName: p.agency_name,
      regionCode: p.region_code,
      startDate: p.period_start,
      endDate: p.period_end,
      status: p.status,
      inputsSm3: p.inputs_hash,
      itemCodes: list.map((i) => i.code),
    };
  });
  const planIds = plans.map((p) => p.id);
  const tasks = planIds.length
    ? await db
        .selectFrom('inspection_tasks')
        .leftJoin('clocks', 'clocks.id', 'inspection_tasks.clock_id')
        .leftJoin('hazards', 'hazards.task_id', 'inspection_tasks.id')
        .select((eb) => [
          'inspection_tasks.id',
          'inspection_tasks.plan_id',
          'inspection_tasks.usci',
          'inspection_tasks.subject_name',
          'inspection_tasks.status',
          'inspection_tasks.inspector_ids_json',
          'inspection_tasks.result',
          'inspection_tasks.completed_at',
          'inspection_tasks.agency_id',
          'clocks.due_date',
          eb.fn.count<number>('hazards.id').as('hazards'),
        ])
        .where('inspection_tasks.plan_id', 'in', planIds)
        .groupBy([
          'inspection_tasks.id',
          'inspection_tasks.plan_id',
          'inspection_tasks.usci',
          'inspection_tasks.subject_name',
          'inspection_tasks.status',
          'inspection_tasks.inspector_ids_json',
          'inspection_tasks.result',
          'inspection_tasks.completed_at',
          'inspection_tasks.agency_id',
          'clocks.due_date',
        ])
        .orderBy('inspection_tasks.id')
        .execute()
    : [];
  const agencyNames = new Map(plans.map((p) => [p.agency_id, p.agency_name]));
  const results = [];
  for (const t of tasks) {
    if (t.status !== 'done' || !t.completed_at) continue;
    const checkedOn = chinaDateOf(new Date(t.completed_at));
    const rule = await resultRule(db, t.agency_id, checkedOn);
    results.push({
      taskId: t.id,
      planId: t.plan_id!,
      usci: t.usci,
      subjectName: t.subject_name,
      checkedOn,
      result: t.result ?? 'pass',
      resultLabel: INSPECTION_RESULT_LABELS[t.result ?? 'pass'] ?? t.result ?? '',
      hazardCount: Number(t.hazards),
      agencyName: agencyNames.get(t.agency_id) ?? '',
      publishBy: addDays(checkedOn, rule.days),
    });
  }
  return {
    plans: planViews,
    items: [...items.values()],
    tasks: tasks.map((t) => ({
      taskId: t.id,
      planId: t.plan_id!,
      usci: t.usci,
      subjectName: t.subject_name,
      status: t.status,
      inspectorCount: inspectorIdsOf(t).length,
      dueDate: t.due_date ?? null,
    })),
    results,
  };
}

/** The days within which a check's result is published, for the checking agency on the check's day. */
export async function resultRule(db: Executor, agencyId: string, on: string) {
  const agency = await agencyById(db, agencyId);
  if (!agency) throw new Error(`unknown agency ${agencyId}`);
  const [pub] = await resolveForAgency(db, agency, on, ['supervision.publication']);
  const basis = policyKind('supervision.publication').fields.resultPushDays?.legalBasis;
  return {
    days: (pub!.values as PublicationPolicy).resultPushDays,
    unit: 'calendar_days' as const,
    legalBasis: basis ? `${basis.document}${basis.clause ? ` ${basis.clause}` : ''}` : '国发〔2019〕5号',
    policyVersion: pub!.versionKey ?? null,
  };
}
