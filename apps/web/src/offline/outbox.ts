/**
 * The outbox of field records (SUP-09): a record submitted on the phone is first written to IndexedDB
 * and then sent — at once when there is network, otherwise as soon as the browser is online again. Every
 * queued photo, signature and record carries its own Idempotency-Key made when it was queued, so sending
 * again after a lost answer never makes a second file or a second record. The server's rules stay
 * authoritative: a refusal (e.g. 须有两名检查人员签名) and a task the server has moved on with (409) are
 * kept with the server's message for the inspector to see, retry or discard.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, api, newIdempotencyKey, signedIn, uploadFile } from '../api.ts';
import { dropDraft, dropQueued, type LocalFile, putQueued, type QueuedRecord, queued } from './store.ts';

export interface OutboxState {
  /** The outbox has been read from IndexedDB (until then `records` is empty, not known to be). */
  ready: boolean;
  online: boolean;
  records: QueuedRecord[];
  /** The server's answers of records sent since the page was opened, by task. */
  sent: Record<string, unknown>;
}

let state: OutboxState = { ready: false, online: typeof navigator === 'undefined' ? true : navigator.onLine, records: [], sent: {} };
const listeners = new Set<() => void>();
function set(patch: Partial<OutboxState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
async function reload() {
  set({ records: await queued(), ready: true });
}

let started = false;
/** Starts watching the network once per page load: going online sends what waits, and so does a timer while anything waits. */
function start() {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    set({ online: true });
    void flush();
  });
  window.addEventListener('offline', () => set({ online: false }));
  // Not every lost network announces its return (a captive portal, a server restart): look again now and then.
  setInterval(() => {
    if (state.records.some((r) => r.state === 'queued' || r.state === 'sending')) void flush();
  }, 20_000);
  void reload().then(flush);
}

function subscribe(l: () => void) {
  start();
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The outbox as React state: network, queued records, answers of records sent. */
export function useOutbox(): OutboxState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/**
 * Queues a record (replacing one of the same task that was refused or overtaken) and tries to send it.
 * Resolves when it is stored on the phone, whatever the network does.
 */
export async function enqueue(r: Pick<QueuedRecord, 'taskId' | 'subject' | 'url' | 'body' | 'files'>): Promise<QueuedRecord> {
  for (const old of (await queued()).filter((x) => x.taskId === r.taskId)) await dropQueued(old.id);
  const record: QueuedRecord = { ...r, id: newIdempotencyKey(), key: newIdempotencyKey(), state: 'queued', queuedAt: new Date().toISOString() };
  await putQueued(record);
  await reload();
  void flush();
  return record;
}

/** Forgets a queued record (the inspector discards a copy the server has overtaken). */
export async function discard(id: string): Promise<void> {
  await dropQueued(id);
  await reload();
}

let flushing: Promise<void> | null = null;
/** Sends every record that waits, one after another (one at a time: the second waits for the first's answer). */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      // Records queued while others were being sent are taken too; each is tried once per flush.
      const tried = new Set<string>();
      for (;;) {
        const next = (await queued()).find((r) => (r.state === 'queued' || r.state === 'sending') && !tried.has(r.id));
        if (!next) break;
        tried.add(next.id);
        await send(next);
      }
    } finally {
      flushing = null;
      await reload();
    }
  })();
  return flushing;
}

/** A new local file reference (a photo or a signature) with the key its upload will carry. */
export function localFile(blob: Blob): [string, LocalFile] {
  const ref = `local-${newIdempotencyKey()}`;
  return [ref, { blob, name: blob instanceof File ? blob.name : `${ref}.png`, key: newIdempotencyKey() }];
}

/** Replaces the local file references in a request body by the server's file ids. */
function resolveFiles(body: unknown, files: Record<string, LocalFile>): unknown {
  return JSON.parse(JSON.stringify(body), (_k, v: unknown) => (typeof v === 'string' && files[v]?.fileId ? files[v].fileId : v));
}

async function send(r: QueuedRecord): Promise<void> {
  if (!signedIn()) {
    await putQueued({ ...r, state: 'queued', message: '登录后自动提交' });
    return;
  }
  let current: QueuedRecord = { ...r, state: 'sending' };
  await putQueued(current);
  await reload();
  try {
    for (const [ref, f] of Object.entries(current.files)) {
      if (f.fileId || !f.blob) continue;
      const fileId = await uploadFile(f.blob, f.name ?? `${ref}.png`, f.key);
      current = { ...current, files: { ...current.files, [ref]: { ...f, fileId } } };
      await putQueued(current);
    }
    const answer = await api<unknown>(current.url, {
      method: 'POST',
      body: resolveFiles(current.body, current.files),
      headers: { 'idempotency-key': current.key },
    });
    await dropQueued(current.id);
    await dropDraft(current.taskId);
    set({ sent: { ...state.sent, [current.taskId]: answer } });
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', '提交失败', null);
    // 409: the task has moved on (someone else recorded it); other 4xx: a rule of the server refused it;
    // no answer, 401, 408, 429 or 5xx: nothing was decided, send again later.
    const next = err.status === 409 ? 'conflict' : err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status) ? 'refused' : 'queued';
    await putQueued({ ...current, state: next, message: err.status === 401 ? '登录已过期，重新登录后自动提交' : err.message });
  }
}
