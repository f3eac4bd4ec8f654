/**
 * The phone's own storage for field work (SUP-09): drafts and the outbox of records waiting for the
 * network, in IndexedDB (through `idb`) because photos and signatures are binary and can be megabytes —
 * more than localStorage holds, and localStorage cannot store a Blob at all.
 */
import type { FieldDraft } from '@fep/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * A photo or signature taken on the phone: the image itself (until the server has it), the
 * Idempotency-Key its upload carries (made when it was taken, so a repeated upload stores one file) and
 * the server's file id once uploaded. A photo known only from the server's draft has no blob.
 */
export interface LocalFile {
  blob?: Blob;
  /** The name the upload gives the server (the photo's own, or the signature's). */
  name?: string;
  key: string;
  fileId?: string;
}

/** The signature slots of a field record: the two inspectors and the unit's representative. */
export type SignatureSlot = 'a' | 'b' | 'rep';

/** The draft of one task as the phone keeps it; photos and signatures are references into `files`. */
export interface LocalDraft {
  taskId: string;
  draft: FieldDraft;
  /** Opening checks (LIC-04): the owed documents were checked on site. */
  documentsVerifiedOnSite?: boolean;
  signatures: Partial<Record<SignatureSlot, string>>;
  files: Record<string, LocalFile>;
  updatedAt: string;
}

/** Where a queued record stands: waiting for the network, being sent, refused by a rule, or overtaken on the server. */
export type QueuedState = 'queued' | 'sending' | 'refused' | 'conflict';

/**
 * A record the inspector has submitted, kept until the server has it. `body` names photos and signatures
 * by their reference in `files`; they are uploaded first and replaced by the server's ids when sent.
 */
export interface QueuedRecord {
  id: string;
  taskId: string;
  subject: string;
  /** The Idempotency-Key of the record, made when it was queued: a replay after a lost answer is one record. */
  key: string;
  url: string;
  body: unknown;
  files: Record<string, LocalFile>;
  state: QueuedState;
  /** The server's Chinese message of a refusal or conflict, or why the last attempt did not get through. */
  message?: string;
  queuedAt: string;
}

interface FieldDB extends DBSchema {
  drafts: { key: string; value: LocalDraft };
  outbox: { key: string; value: QueuedRecord; indexes: { byTask: string } };
}

let opened: Promise<IDBPDatabase<FieldDB>> | null = null;

export function fieldDb(): Promise<IDBPDatabase<FieldDB>> {
  opened ??= openDB<FieldDB>('fep-field', 1, {
    upgrade(db) {
      db.createObjectStore('drafts', { keyPath: 'taskId' });
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byTask', 'taskId');
    },
  });
  return opened;
}

export async function loadDraft(taskId: string): Promise<LocalDraft | undefined> {
  return (await fieldDb()).get('drafts', taskId);
}
export async function saveLocalDraft(d: LocalDraft): Promise<void> {
  await (await fieldDb()).put('drafts', d);
}
export async function dropDraft(taskId: string): Promise<void> {
  await (await fieldDb()).delete('drafts', taskId);
}
export async function queued(): Promise<QueuedRecord[]> {
  return (await fieldDb()).getAll('outbox');
}
export async function putQueued(r: QueuedRecord): Promise<void> {
  await (await fieldDb()).put('outbox', r);
}
export async function dropQueued(id: string): Promise<void> {
  await (await fieldDb()).delete('outbox', id);
}
