import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.ts';
import type { NamedRead, ReadRunner } from './read.ts';

export interface WorkerData {
  file: string;
  dataDir: string;
  auditKeyHex: string;
  /** URL of the module whose `READS` lists the named reads a worker may run. */
  registry: string;
  entry: string;
}
export interface WorkerRequest {
  id: number;
  name: string;
  args: unknown;
}
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; app: { code: ErrorCode; message: string; details: unknown } }
  | { id: number; ok: false; app?: undefined; message: string; stack?: string | undefined };

export interface ReadPoolOptions {
  file: string;
  dataDir: string;
  auditKey: Buffer;
  registry: URL;
  /** Worker threads (default: the cores but one, 1 … 4; FEP_READ_WORKERS). */
  size?: number;
  /** Reads waiting for a worker beyond which a request is refused with 503 (default 64). */
  maxQueue?: number;
}

interface Job {
  id: number;
  name: string;
  args: unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
}

const BOOT = new URL('./boot.mjs', import.meta.url);
const ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * A bounded pool of worker threads for the named reads of a SQLite store (platform/workers/read.ts).
 * Workers start on the first read and are replaced when one dies; an AppError thrown in a worker comes
 * back as the same AppError (same code, message, details), any other failure as an Error (500), and the
 * pool keeps serving. Closing rejects what waits and ends every worker.
 */
export class ReadPool implements ReadRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly maxQueue: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: ReadPoolOptions) {
    this.size = Math.max(1, opts.size ?? Number(process.env.FEP_READ_WORKERS ?? Math.min(4, Math.max(1, availableParallelism() - 1))));
    this.maxQueue = opts.maxQueue ?? 64;
  }

  run<A, R>(read: NamedRead<A, R>, args: A): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the read pool is closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new AppError('SYSTEM.BUSY', '系统繁忙，请稍后重试'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, name: read.name, args, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Workers started so far (tests). */
  get workers(): number {
    return this.slots.length;
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      // A worker with a read in hand keeps the process alive until it answers; an idle one does not.
      slot.worker.ref();
      const s = slot;
      s.ready.then(
        () => s.worker.postMessage({ id: job.id, name: job.name, args: job.args } satisfies WorkerRequest),
        (err) => this.fail(s, err),
      );
    }
  }

  private spawn(): Slot {
    const data: WorkerData = {
      file: this.opts.file,
      dataDir: this.opts.dataDir,
      auditKeyHex: this.opts.auditKey.toString('hex'),
      registry: this.opts.registry.href,
      entry: ENTRY.href,
    };
    const worker = new Worker(BOOT, { workerData: data });
    // An idle worker does not keep the process alive (CLI tools and tests that forget to close).
    worker.unref();
    let readyOk: () => void = () => {};
    let readyFail: (e: unknown) => void = () => {};
    const ready = new Promise<void>((res, rej) => {
      readyOk = res;
      readyFail = rej;
    });
    ready.catch(() => {});
    const slot: Slot = { worker, ready, job: null };
    worker.on('message', (m: WorkerReply | 'ready') => {
      if (m === 'ready') return readyOk();
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      worker.unref();
      if (m.ok) job.resolve(m.value);
      else if (m.app) job.reject(new AppError(m.app.code, m.app.message, m.app.details));
      else {
        const e = new Error(`read ${job.name} failed: ${m.message}`);
        if (m.stack) e.stack = `${e.message}\n(worker) ${m.stack}`;
        job.reject(e);
      }
      this.pump();
    });
    worker.on('error', (err) => {
      readyFail(err);
      this.fail(slot, err);
    });
    worker.on('exit', (code) => {
      readyFail(new Error(`read worker exited (${code})`));
      this.fail(slot, new Error(`read worker exited (${code})`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** A worker that died: its read fails (500), the slot goes, waiting reads get a fresh worker. */
  private fail(slot: Slot, err: unknown): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    job?.reject(err instanceof Error ? new Error(`read ${job.name} failed: ${err.message}`) : err);
    if (!this.closed) this.pump();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('the read pool is closed'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) s.job?.reject(new Error('the read pool is closed'));
  }
}
