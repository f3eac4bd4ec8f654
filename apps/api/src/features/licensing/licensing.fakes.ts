import type { PolicyKindId } from '@fep/domain';
import { resolvePreset } from '../../../../../packages/domain/src/policy/testing.ts';
import type { ApplicationDocumentTable, ApplicationNoticeTable, ApplicationTable, ClockTable, InspectionTaskTable, LicenceTable } from '../../db/schema.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { Audit } from '../../platform/transact.ts';
import { fakeTransactor } from '../../test-support/fakes.ts';
import type { ApplicationsRepository, LicensingDeps } from './applications.repository.ts';
import { actOf } from './intake-documents.ts';
import { MATERIALS, PENDING, POLICY_VERSIONS } from './licensing.columns.ts';
import type { LicensingPolicy } from './licensing.policy.ts';

/**
 * In-memory licensing storage and small factories for use-case tests without a database: the
 * repository keeps the optimistic version like the real one, so a stale step is refused the same way.
 */
const KINDS = {
  exemption: 'licensing.exemption',
  commitment: 'licensing.commitment',
  inspection: 'licensing.inspection',
  approval: 'licensing.approval',
  pending: 'licensing.pending_documents',
  materials: 'licensing.materials',
  checkItems: 'licensing.check_items',
  numbering: 'licensing.numbering',
} as const;

/** The licensing policy of a source jurisdiction's county, resolved from the presets (no database). */
export function presetPolicy(county: string, at = '2026-11-23'): LicensingPolicy {
  const out: Record<string, unknown> = { versions: {}, provenance: {}, at };
  for (const [key, kind] of Object.entries(KINDS)) {
    const r = resolvePreset(kind as PolicyKindId, county, [], at);
    out[key] = r.values;
    (out.versions as Record<string, string>)[kind] = r.versionKey;
    (out.provenance as Record<string, unknown>)[kind] = r.provenance;
  }
  return out as unknown as LicensingPolicy;
}

let n = 0;
const id = (p: string) => `${p}-${++n}`;

export function anApplication(over: Partial<ApplicationTable> = {}): ApplicationTable {
  return {
    id: id('app'),
    reference_no: 'XK44010620260001',
    agency_id: 'a440106',
    agency_path: '/a440000/a440100/a440106/',
    region_code: '440106',
    applicant_user_id: 'u-applicant',
    usci: '91440106MA5D1234X1',
    company_name: '鑫垚餐饮管理有限公司',
    legal_representative: '王建华',
    contact_name: '李敏',
    contact_phone: '13800138000',
    venue_name: '鑫源大酒店',
    venue_address: '人民路100号',
    venue_kind: 'restaurant',
    floor_area: 1280,
    investment: 3_000_000,
    path: 'inspection',
    materials_json: MATERIALS.encode({ safety_rules: ['f1'], evacuation_plan: ['f2'], floor_plan: ['f3'], training_records: ['f4'] }),
    status: 'submitted',
    pending_json: PENDING.encode([]),
    commitment_json: null,
    appointment_json: null,
    exemption_json: null,
    policy_json: POLICY_VERSIONS.encode({}),
    clock_id: 'clock-1',
    decision_json: null,
    licence_id: null,
    version: 2,
    submitted_at: '2026-11-23T02:00:00.000Z',
    accepted_at: null,
    decided_at: null,
    created_at: '2026-11-23T02:00:00.000Z',
    updated_at: '2026-11-23T02:00:00.000Z',
    ...over,
  } as ApplicationTable;
}

export function aClock(over: Partial<ClockTable> = {}): ClockTable {
  return { id: 'clock-1', status: 'running', policy_version: 'licensing.inspection@national', ...over } as ClockTable;
}

export function staff(role: string, over: Partial<Actor> = {}): Actor {
  return { ...systemActor(role), kind: 'staff', userId: `u-${role}`, role, agencyId: 'a440106', agencyPath: '/a440000/a440100/a440106/', ...over };
}

export class FakeApplications implements ApplicationsRepository {
  apps = new Map<string, ApplicationTable>();
  notes: ApplicationNoticeTable[] = [];
  clocks = new Map<string, ClockTable>();
  started: (ClockTable & { spec: unknown })[] = [];
  licences: LicenceTable[] = [];
  documents: ApplicationDocumentTable[] = [];
  tasks: InspectionTaskTable[] = [];
  units = new Set<string>();
  sealKey = false;
  constructor(
    readonly policyValue: LicensingPolicy,
    rows: ApplicationTable[] = [],
  ) {
    for (const r of rows) this.apps.set(r.id, structuredClone(r));
    this.clocks.set('clock-1', aClock());
  }
  async load(_deps: unknown, _actor: Actor, appId: string) {
    const r = this.apps.get(appId);
    if (!r) throw new AppError('RESOURCE.NOT_FOUND', '许可申请不存在或无权查看');
    return structuredClone(r);
  }
  async policy() {
    return this.policyValue;
  }
  async reload(_db: unknown, appId: string) {
    return structuredClone(this.apps.get(appId)!);
  }
  async update(_db: unknown, row: ApplicationTable, patch: Partial<ApplicationTable>, nowIso: string) {
    const stored = this.apps.get(row.id)!;
    if (stored.version !== row.version) throw new AppError('LICENSING.STALE_VERSION', '该申请刚被他人处理，请刷新后重试');
    const next = { ...row, ...patch, version: row.version + 1, updated_at: nowIso };
    this.apps.set(row.id, next);
    return structuredClone(next);
  }
  async notices(_db: unknown, appId: string) {
    return this.notes.filter((x) => x.application_id === appId);
  }
  async insertNotice(_db: unknown, row: ApplicationNoticeTable) {
    this.notes.push(row);
  }
  async openingCheck(_db: unknown, appId: string) {
    return this.tasks.find((x) => x.application_id === appId && x.purpose === 'opening_check');
  }
  async clockStep(_db: unknown, _deps: unknown, clockId: string | null, type: 'pause' | 'resume' | 'stop') {
    const c = clockId ? this.clocks.get(clockId) : undefined;
    if (!c) return null;
    if (type === 'pause' && c.status !== 'running') return null;
    if (type === 'resume' && c.status !== 'paused') return null;
    if (type === 'stop' && c.status === 'stopped') return null;
    const after = { ...c, status: type === 'pause' ? 'paused' : type === 'resume' ? 'running' : 'stopped' } as ClockTable;
    this.clocks.set(c.id, after);
    return { before: c, after };
  }
  async startClock(_db: unknown, _deps: unknown, app: ApplicationTable, spec: Parameters<ApplicationsRepository['startClock']>[3]) {
    const c = {
      ...aClock({ id: id('clock'), policy_version: spec.policyVersion }),
      target_id: spec.targetId ?? app.id,
      amount: spec.amount,
      legal_document: spec.legalBasis.document,
      legal_clause: spec.legalBasis.clause ?? null,
    } as ClockTable;
    this.clocks.set(c.id, c);
    this.started.push({ ...c, spec });
    return c;
  }
  async issueLicence(_db: unknown, _deps: unknown, app: ApplicationTable, opts: Parameters<ApplicationsRepository['issueLicence']>[3]) {
    const licence = {
      id: opts.id ?? id('lic'),
      application_id: app.id,
      revision: 1,
      status: 'valid',
      policy_version: opts.policyVersion ?? null,
    } as LicenceTable;
    this.licences.push(licence);
    const created = this.sealKey ? null : { id: 'seal-1', agencyId: app.agency_id };
    this.sealKey = true;
    return { licence, sealKeyCreated: created, numberingVersion: 'licensing.numbering@national' };
  }
  async issueDocument(_db: unknown, _deps: unknown, app: ApplicationTable, request: Parameters<ApplicationsRepository['issueDocument']>[3]) {
    const document = {
      id: id('doc'),
      application_id: app.id,
      kind: request.kind,
      number: `${request.kind}-${this.documents.filter((d) => d.kind === request.kind).length + 1}`,
      act: actOf(request),
      status: 'valid',
    } as ApplicationDocumentTable;
    if (this.documents.some((d) => d.application_id === app.id && d.kind === document.kind && d.act === document.act)) {
      throw new AppError('REQUEST.CONFLICT', '该文书已出具');
    }
    this.documents.push({ ...document, request } as ApplicationDocumentTable & { request: unknown });
    const created = this.sealKey ? null : { id: 'seal-1', agencyId: app.agency_id };
    this.sealKey = true;
    return { document, sealKeyCreated: created, numberingVersion: request.kind === 'receipt' ? null : 'licensing.numbering@national' };
  }
  async ensureUnit(_db: unknown, _deps: unknown, audit: Audit, app: ApplicationTable) {
    const id = `unit-${app.usci}`;
    if (this.units.has(app.usci)) return id;
    this.units.add(app.usci);
    await audit({
      action: 'unit.create',
      targetType: 'unit',
      targetId: id,
      after: { id, usci: app.usci },
      details: { source: 'application', application: app.id },
    });
    return id;
  }
  async insertTask(_db: unknown, row: InspectionTaskTable) {
    this.tasks.push(row);
  }
}

/** Deps for a use-case test: the fake repository, a fake transactor, a fixed clock, no database. */
export function fakeDeps(repo: FakeApplications, now = new Date('2026-11-23T03:00:00Z')) {
  const transactor = fakeTransactor();
  const deps = { applications: repo, transactor, now: () => now, database: { db: null } } as unknown as LicensingDeps;
  return { deps, transactor };
}
