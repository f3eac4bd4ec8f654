/**
 * The field record's draft as the phone keeps it (offline/store.ts) and the requests made from it: the
 * supervision record (SUP-09/12) or the licensing opening check (LIC-04). Photos and signatures are named
 * by local references until the outbox has uploaded them.
 */
import type { FieldDraft, FieldRecordRequest, TaskDetailView } from '@fep/contracts';
import { newIdempotencyKey } from '../../api.ts';
import type { LocalDraft, LocalFile } from '../../offline/store.ts';

/** Opening checks are recorded on the application (LIC-04); every other task with a field form on the task. */
export const isOpeningCheck = (t: Pick<TaskDetailView, 'purpose'>) => t.purpose === 'opening_check';

/** The tasks recorded with this page: the supervision checks and the opening checks of licensing. */
export const FIELD_PURPOSES = ['random', 'complaint', 'superior_order', 'dishonest', 'monitoring_alert', 'opening_check'];

/** A draft an earlier version of this page kept in localStorage (photos by server id); taken over once. */
function legacyDraft(taskId: string): FieldDraft | null {
  const key = `fep.field.${taskId}`;
  const text = localStorage.getItem(key);
  if (!text) return null;
  localStorage.removeItem(key);
  try {
    return JSON.parse(text) as FieldDraft;
  } catch {
    return null;
  }
}

/** The phone's starting draft: the server's copy (another phone, or before the phone lost its storage), else the checklist. */
export function initialDraft(t: TaskDetailView): LocalDraft {
  const server = legacyDraft(t.id) ?? (t.draft && typeof t.draft === 'object' && 'results' in t.draft ? (t.draft as FieldDraft) : null);
  const files: Record<string, LocalFile> = {};
  const draft: FieldDraft = server
    ? {
        ...server,
        hazards: server.hazards.map((h) => ({
          ...h,
          photos: h.photos.map((p) => {
            files[p.id] = { key: newIdempotencyKey(), fileId: p.id };
            return { id: p.id, url: '' };
          }),
        })),
      }
    : {
        mode: 'onsite',
        results: Object.fromEntries((t.checklist ?? []).map((i) => [i.code, true])),
        hazards: [],
        findings: '',
        deadline: 10,
        guidance: '',
        representativeName: '',
      };
  return { taskId: t.id, draft, signatures: {}, files, updatedAt: new Date().toISOString() };
}

/** The server's copy of the draft: only photos the server already has (a local photo is sent with the record). */
export function serverDraft(d: LocalDraft): FieldDraft {
  return {
    ...d.draft,
    hazards: d.draft.hazards.map((h) => ({
      ...h,
      photos: h.photos.flatMap((p) => {
        const fileId = d.files[p.id]?.fileId;
        return fileId ? [{ id: fileId, url: '' }] : [];
      }),
    })),
  };
}

/** The request the outbox sends for this task, with the files it needs uploaded first. */
export function recordRequest(t: TaskDetailView, d: LocalDraft): { url: string; body: unknown; files: Record<string, LocalFile> } {
  const checklist = (t.checklist ?? []).map((i) => ({ code: i.code, passed: d.draft.results[i.code] ?? true }));
  if (isOpeningCheck(t))
    return {
      url: `/api/v1/licensing/applications/${t.applicationId}/inspection`,
      body: { checklist, findings: d.draft.findings, documentsVerifiedOnSite: !!d.documentsVerifiedOnSite },
      files: {},
    };
  const sig = d.signatures;
  const body: FieldRecordRequest = {
    mode: d.draft.mode,
    checklist,
    hazards: d.draft.hazards.map((h) => ({ itemCode: h.itemCode, description: h.description, major: h.major, photoIds: h.photos.map((p) => p.id) })),
    findings: d.draft.findings,
    signatures: {
      inspectors: [sig.a, sig.b].filter((x): x is string => !!x),
      representative: d.draft.mode === 'onsite' ? (sig.rep ?? null) : null,
      representativeName: d.draft.representativeName || null,
    },
    order: d.draft.hazards.length ? { deadlineWorkingDays: d.draft.deadline, guidance: d.draft.guidance } : null,
  };
  const refs = new Set([
    ...body.signatures.inspectors,
    ...(body.signatures.representative ? [body.signatures.representative] : []),
    ...body.hazards.flatMap((h) => h.photoIds),
  ]);
  return { url: `/api/v1/inspection-tasks/${t.id}/record`, body, files: Object.fromEntries(Object.entries(d.files).filter(([ref]) => refs.has(ref))) };
}
