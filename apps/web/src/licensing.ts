/** Types and labels of the licensing screens (the API's presenters are the source of these shapes). */
import type { Clock } from './api.ts';

export interface Material {
  code: string;
  name: string;
  source: 'upload' | 'data' | 'signed_online';
  paths: ('commitment' | 'inspection')[];
  required: boolean;
  sampleForm?: string;
}

export interface LicensingGuide {
  agency: { id: string; name: string; regionCode: string };
  at: string;
  commitmentOffered: boolean;
  commitment: { enabled: boolean; scope: string; decisionWorkingDays: number; verificationWorkingDays: number; template: { title: string; clauses: string[] } };
  inspection: { checkWorkingDays: number; decisionWorkingDays: number };
  materials: Material[];
  conditions: string[];
  pending: { mode: 'none' | 'listed' | 'any'; documents: string[]; supplyBy: 'onsite_check' | 'before_decision' };
  exemption: { rules: { text: string }[]; exceptVenueKinds: string[] };
  checkItems: { code: string; name: string; legalBasis: string }[];
  policyVersions: Record<string, string>;
}

export interface NoticeItem {
  target: string;
  reason: string;
}

export interface TaskView {
  id: string;
  purpose: string;
  purposeLabel: string;
  applicationId: string | null;
  licenceId: string | null;
  usci: string;
  subject: string;
  venueAddress: string;
  status: string;
  statusLabel: string;
  inspectors: { id: string; name: string }[];
  appointmentAt: string | null;
  offHours: boolean;
  checklist: { code: string; name: string; legalBasis: string; passed?: boolean; note?: string }[] | null;
  result: string | null;
  findings: string | null;
  clock?: ClockView | null;
}

export type ClockView = Clock & { startedAt: string };

export interface LicenceView {
  id: string;
  number: string;
  revision: number;
  verifyCode: string;
  status: 'valid' | 'amended' | 'reissued' | 'revoked';
  statusLabel: string;
  holder: string;
  usci: string;
  legalRepresentative: string;
  venue: string;
  venueAddress: string;
  venueKindLabel: string;
  floorArea: number;
  path: 'commitment' | 'inspection';
  issuedAt: string;
  supersededBy: string | null;
  revokedAt: string | null;
  delivery: { method: string; recipient: string; address?: string; trackingNo?: string; carrier?: string } | null;
  applicationId?: string;
}

export interface ApplicationView {
  id: string;
  referenceNo: string;
  status: string;
  statusLabel: string;
  path: 'commitment' | 'inspection';
  companyName: string;
  usci: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  venueName: string;
  venueAddress: string;
  venueKind: string;
  venueKindLabel: string;
  floorArea: number;
  investment: number | null;
  regionCode: string;
  submittedAt: string | null;
  materials: Record<string, string[]>;
  pendingDocuments: string[];
  commitment: { signerName: string; accepted: boolean; signedAt?: string } | null;
  appointmentPreference: { date: string; period: string; note?: string } | null;
  exemption: { exempt: boolean; reasons: string[] } | null;
  policyVersions: Record<string, string>;
  decision: { grant?: boolean; reasons?: string[]; rejectedAtIntake?: boolean; withdrawn?: boolean; basis?: string } | null;
  clock: ClockView | null;
  notices: { seq: number; items: NoticeItem[]; issuedAt: string; resolvedAt: string | null }[];
  tasks: TaskView[];
  licence: LicenceView | null;
  allowedActions: { action: string; label: string }[];
}

export interface ApplicationSummary {
  id: string;
  referenceNo: string;
  status: string;
  statusLabel: string;
  path: 'commitment' | 'inspection';
  companyName: string;
  venueName: string;
  venueKindLabel: string;
  floorArea: number;
  submittedAt: string | null;
  updatedAt: string;
}

export const FIELD_LABELS: Record<string, string> = {
  companyName: '单位名称',
  legalRepresentative: '法定代表人',
  venueName: '场所名称',
  venueAddress: '场所地址',
  regionCode: '所在行政区划',
  venueKind: '场所类别',
  floorArea: '建筑面积',
  investment: '工程投资额',
  contactName: '联系人',
  contactPhone: '联系电话',
};

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  correction_requested: 'warning',
  rejected: 'error',
  accepted: 'processing',
  inspecting: 'processing',
  legal_review: 'purple',
  awaiting_decision: 'cyan',
  granted: 'success',
  refused: 'error',
  withdrawn: 'default',
};

export const LICENCE_COLORS: Record<string, string> = { valid: 'success', amended: 'default', reissued: 'default', revoked: 'error' };

export const PATH_LABELS = { commitment: '告知承诺', inspection: '现场检查' } as const;

export function targetLabel(target: string, materials: Material[] | undefined): string {
  const [kind, name] = target.split(':');
  if (kind === 'material') return materials?.find((m) => m.code === name)?.name ?? name ?? target;
  return FIELD_LABELS[name ?? ''] ?? name ?? target;
}

export function beijingDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** Uploads one file; returns its id. */
export async function uploadFile(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const token = sessionStorage.getItem('fep.token');
  const res = await fetch('/api/v1/files', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const data = (await res.json()) as { id?: string; message?: string };
  if (!res.ok || !data.id) throw new Error(data.message ?? '上传失败');
  return data.id;
}

/** Downloads an authenticated file (e.g. the permit PDF) and hands it to the browser. */
export async function downloadWithAuth(url: string, filename: string): Promise<void> {
  const token = sessionStorage.getItem('fep.token');
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error('下载失败');
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
