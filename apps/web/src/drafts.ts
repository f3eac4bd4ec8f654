/**
 * Form drafts kept in this browser (localStorage), so that what a person typed survives a timed-out
 * session, a reload or a closed tab: one draft per user and page (`fep.draft:<user id>:<path>`). A draft is
 * dropped when its form is saved or submitted, when the user logs out on purpose (a shared computer keeps
 * no one's business data), and after DRAFT_MAX_AGE_MS. The hook is components/useFormDraft.ts.
 */
const PREFIX = 'fep.draft:';
/** A day: a draft older than that is more likely stale than wanted. */
export const DRAFT_MAX_AGE_MS = 24 * 3600_000;

export interface StoredDraft<V, X> {
  savedAt: number;
  values: V;
  extra: X | null;
}

export function draftKey(userId: string, path: string): string {
  return `${PREFIX}${userId}:${path}`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (private mode of some browsers): drafts are simply not kept
  }
}

export function readDraft<V, X>(key: string, now = Date.now()): StoredDraft<V, X> | null {
  const s = storage();
  const raw = s?.getItem(key);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as StoredDraft<V, X>;
    if (typeof d.savedAt !== 'number' || now - d.savedAt > DRAFT_MAX_AGE_MS) {
      s?.removeItem(key);
      return null;
    }
    return d;
  } catch {
    s?.removeItem(key);
    return null;
  }
}

export function writeDraft<V, X>(key: string, values: V, extra: X | null): void {
  try {
    storage()?.setItem(key, JSON.stringify({ savedAt: Date.now(), values, extra } satisfies StoredDraft<V, X>));
  } catch {
    // quota exceeded: the draft is not kept, the form itself still works
  }
}

export function removeDraft(key: string): void {
  storage()?.removeItem(key);
}

/** Drops every draft of a user (explicit logout). */
export function clearDraftsOf(userId: string): void {
  const s = storage();
  if (!s) return;
  const mine = `${PREFIX}${userId}:`;
  for (const k of Object.keys(s)) if (k.startsWith(mine)) s.removeItem(k);
}
