/** Types and labels of the licensing screens (the API's presenters are the source of these shapes). */
import type { MaterialView } from '@fep/contracts';
import { APPLICATION_FIELDS, LICENSING_PATH_LABELS } from '@fep/domain';
import { apiFetch, uploadFile as upload } from './api.ts';

export type {
  ApplicationSummaryView as ApplicationSummary,
  ApplicationView,
  ClockSummaryView as ClockView,
  LicenceView,
  LicensingGuideView as LicensingGuide,
  MaterialView as Material,
  NoticeItemView as NoticeItem,
  TaskView,
} from '@fep/contracts';

/** Labels of the application's fields (the domain's list, which the API's notices use too). */
export const FIELD_LABELS: Record<string, string> = APPLICATION_FIELDS;

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

export const PATH_LABELS = LICENSING_PATH_LABELS;

export function targetLabel(target: string, materials: MaterialView[] | undefined): string {
  const [kind, name] = target.split(':');
  if (kind === 'material') return materials?.find((m) => m.code === name)?.name ?? name ?? target;
  return FIELD_LABELS[name ?? ''] ?? name ?? target;
}

export function beijingDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** Uploads one file; returns its id (a lost network is a Chinese message, never the browser's English one). */
export function uploadFile(file: File): Promise<string> {
  return upload(file, file.name);
}

/** Downloads an authenticated file (e.g. the permit PDF) and hands it to the browser. */
export async function downloadWithAuth(url: string, filename: string): Promise<void> {
  const res = await apiFetch(url);
  await save(res, filename);
}

/** Downloads a file a public form authorises (办件查询: application number and code in the body). */
export async function downloadWithBody(url: string, body: unknown, filename: string): Promise<void> {
  const res = await apiFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await save(res, filename);
}

async function save(res: Response, filename: string): Promise<void> {
  if (!res.ok) {
    const e = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(e.message ?? '下载失败');
  }
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
