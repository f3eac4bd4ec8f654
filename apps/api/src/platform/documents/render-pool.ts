import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../context.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { type DocumentSpec, renderDocumentPdf } from './pdf.ts';
import { type SealBlock, type SealKey, sealPdf } from './seal.ts';

/**
 * Rendering a legal document (pdfkit, the CJK font, the QR code) and sealing it costs some 15 ms of CPU: on
 * the event loop, a burst of permits would hold every other request. The render pool runs both in worker
 * threads, as many as the machine has cores, so that issuance scales with the cores and the loop stays
 * free (LIC-07: sealed permits at ≥ 100/s).
 *
 * The workers run the same functions as this thread (pdf.ts, seal.ts): the documents are the same bytes.
 * A document that cannot be rendered (an AppError, e.g. a character the font lacks) comes back as the same
 * AppError. A worker that dies or hangs is replaced and its documents are tried again on a fresh worker;
 * if that one dies too, the document is rendered here on the main thread — slower, but the applicant gets
 * the permit rather than an error. Workers start on the first document; an idle worker does not keep the
 * process alive, and closing the pool ends them all.
 */
export interface RenderedDocument {
  pdf: Buffer;
  /** The seal written into the PDF (null: rendered without a key). */
  seal: SealBlock | null;
}

export interface DocumentRenderer {
  /** Renders the document and, given a key, fills its seal. */
  render(spec: DocumentSpec, key: SealKey | null): Promise<RenderedDocument>;
  close(): Promise<void>;
}

export interface RenderRequest {
  id: number;
  spec: DocumentSpec;
  key: SealKey | null;
}
export type RenderReply =
  | { id: number; ok: true; pdf: Uint8Array; seal: SealBlock | null }
  | { id: number; ok: false; app: { code: ErrorCode; message: string; details: unknown } }
  | { id: number; ok: false; app?: undefined; message: string; stack?: string | undefined };

export interface RenderPoolOptions {
  /** Worker threads (default: one per core, at most 8; FEP_PDF_WORKERS). */
  size?: number;
  /** Documents in hand per worker (default 1: a second one in the same worker measured no faster, sometimes slower). */
  perWorker?: number;
  /** Documents waiting beyond which one is refused with SYSTEM.BUSY (503; default 1,000). */
  maxQueue?: number;
  /** A document not back after this long counts as a hung worker (default 30 s). */
  timeoutMs?: number;
  /** A worker not started after this long counts as hung too, and its documents go to a fresh one (default 15 s). */
  startTimeoutMs?: number;
  /** Worker attempts before a document is rendered on the main thread (default 2). */
  attempts?: number;
  /** The worker module (tests give one that fails on purpose). */
  entry?: URL;
  /** Data for a test's worker module. */
  workerData?: unknown;
  /** Told when a worker dies (the app logs it). */
  onWorkerFailure?: (err: Error) => void;
}

interface Job {
  id: number;
  spec: DocumentSpec;
  key: SealKey | null;
  tries: number;
  resolve(v: RenderedDocument): void;
  reject(e: unknown): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  jobs: Map<number, Job>;
  startTimer?: NodeJS.Timeout;
}

const BOOT = new URL('../workers/boot.mjs', import.meta.url);
const ENTRY = new URL(`./render-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * Ends a worker by asking it to close its port and waiting for it to exit (forced after 2 s). Terminating
 * a worker from outside, while its module loader (tsx) is registered, left the main thread's event loop
 * unable to wait for sockets afterwards on Node 20 (PostgreSQL queries then ended the process early).
 */
async function endWorker(worker: Worker): Promise<void> {
  worker.ref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage('close');
  const force = setTimeout(() => void worker.terminate(), 2000);
  await exited;
  clearTimeout(force);
}

/** Renders and seals on this thread (no pool, and the last resort of the pool). */
export async function renderHere(spec: DocumentSpec, key: SealKey | null): Promise<RenderedDocument> {
  const pdf = await renderDocumentPdf(spec);
  return key ? sealPdf(pdf, key) : { pdf, seal: null };
}

/** Renders (and seals) a document on the context's render pool, or on this thread in a context made without one. */
export function renderDocument(ctx: Pick<AppContext, 'documents'>, spec: DocumentSpec, key: SealKey | null): Promise<RenderedDocument> {
  return ctx.documents ? ctx.documents.render(spec, key) : renderHere(spec, key);
}

export class RenderPool implements DocumentRenderer {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly perWorker: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly attempts: number;
  private nextId = 1;
  private closed = false;
  /** Workers that died or hung since the pool started (tests, metrics). */
  failures = 0;
  /** Documents rendered on the main thread after their workers died (tests). */
  renderedHere = 0;

  constructor(private readonly opts: RenderPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Number(process.env.FEP_PDF_WORKERS ?? Math.min(8, availableParallelism())));
    this.perWorker = Math.max(1, opts.perWorker ?? 1);
    this.maxQueue = opts.maxQueue ?? 1000;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.startTimeoutMs = opts.startTimeoutMs ?? 15_000;
    this.attempts = opts.attempts ?? 2;
  }

  render(spec: DocumentSpec, key: SealKey | null): Promise<RenderedDocument> {
    if (this.closed) return Promise.reject(new Error('the render pool is closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new AppError('SYSTEM.BUSY', '系统繁忙，请稍后重试'));
    return new Promise<RenderedDocument>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, spec, key, tries: 0, resolve, reject });
      this.pump();
    });
  }

  /** Workers running now (tests). */
  get workers(): number {
    return this.slots.length;
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.filter((s) => s.jobs.size < this.perWorker).sort((a, b) => a.jobs.size - b.jobs.size)[0];
      if ((!slot || slot.jobs.size > 0) && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      job.tries++;
      slot.jobs.set(job.id, job);
      // A worker with a document in hand keeps the process alive until it answers; an idle one does not.
      slot.worker.ref();
      if (slot.ready) this.send(slot, job);
    }
  }

  /** Hands a document to a started worker; the time limit runs from here (a worker's start is not counted). */
  private send(slot: Slot, job: Job): void {
    job.timer = setTimeout(() => this.fail(slot, new Error(`render worker did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    job.timer.unref();
    slot.worker.postMessage({ id: job.id, spec: job.spec, key: job.key } satisfies RenderRequest);
  }

  private spawn(): Slot {
    const entry = this.opts.entry ?? ENTRY;
    const worker = new Worker(BOOT, { workerData: { entry: entry.href, test: this.opts.workerData } });
    worker.unref();
    const slot: Slot = { worker, ready: false, jobs: new Map() };
    // A start that never ends (a module loader stuck in the thread) would otherwise hold its documents for good: the
    // caller's request would never answer. It counts as a hung worker; its documents go to a fresh one.
    slot.startTimer = setTimeout(() => this.fail(slot, new Error(`render worker did not start within ${this.startTimeoutMs} ms`)), this.startTimeoutMs);
    slot.startTimer.unref();
    worker.on('message', (m: RenderReply | 'ready') => {
      if (m === 'ready') {
        clearTimeout(slot.startTimer);
        slot.ready = true;
        for (const job of slot.jobs.values()) this.send(slot, job);
        return;
      }
      const job = slot.jobs.get(m.id);
      if (!job) return;
      slot.jobs.delete(m.id);
      clearTimeout(job.timer);
      if (slot.jobs.size === 0) worker.unref();
      if (m.ok) job.resolve({ pdf: Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength), seal: m.seal });
      else if (m.app) job.reject(new AppError(m.app.code, m.app.message, m.app.details));
      else {
        const e = new Error(`rendering ${job.spec.title} failed: ${m.message}`);
        if (m.stack) e.stack = `${e.message}\n(worker) ${m.stack}`;
        job.reject(e);
      }
      this.pump();
    });
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => this.fail(slot, new Error(`render worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /**
   * A worker that died or hung: it goes, and its documents are tried again — on a fresh worker while
   * attempts remain, then on this thread.
   */
  private fail(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    clearTimeout(slot.startTimer);
    void slot.worker.terminate();
    if (this.closed) return;
    this.failures++;
    this.opts.onWorkerFailure?.(err);
    const jobs = [...slot.jobs.values()];
    slot.jobs.clear();
    for (const job of jobs) {
      clearTimeout(job.timer);
      if (job.tries < this.attempts) this.queue.unshift(job);
      else {
        this.renderedHere++;
        renderHere(job.spec, job.key).then(job.resolve, job.reject);
      }
    }
    this.pump();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('the render pool is closed'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => endWorker(s.worker)));
    for (const s of slots)
      for (const j of s.jobs.values()) {
        clearTimeout(j.timer);
        j.reject(new Error('the render pool is closed'));
      }
  }
}
