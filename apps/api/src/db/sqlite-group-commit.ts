import type SQLite from 'better-sqlite3';
import { type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';

/** A better-sqlite3 connection seen through a prepared-statement cache. */
export interface StatementSource {
  prepare(sql: string): SQLite.Statement;
  close(): void;
}

export interface GroupCommitOptions {
  /** The connection every transaction and every write runs on. */
  writer: StatementSource;
  /** A second connection on the same file for reads outside transactions: in WAL mode it sees committed data only. */
  reader: StatementSource;
  /** Commit at the latest after this many transactions have joined the open batch. */
  maxBatch?: number;
  /** Commit at the latest when the open batch is this old (ms), even if more transactions are waiting. */
  maxBatchMs?: number;
  /** Told of each statement the driver runs itself (savepoints, the batch's begin and commit), with its duration. */
  onStatement?: (sql: string, ms: number) => void;
}

/**
 * SQLite with group commit. Every commit with `synchronous = FULL` costs an fsync of the WAL, and on this
 * single writer it is paid on the event loop: under concurrent submissions the fsync, not the work, sets the
 * pace. Transactions therefore run one after another as savepoints of one open database transaction, and
 * that transaction commits once no transaction is waiting (after the I/O already received has been read, so
 * requests that arrived together commit together), or when the batch reaches `maxBatch` / `maxBatchMs`.
 *
 * Durability is unchanged: a transaction's `commit` resolves only after the batch holding it is on disk, so
 * no answer is sent for a write that could still be lost; a transaction that fails is rolled back to its
 * savepoint and leaves the others of its batch intact. A rolled-back transaction also waits for its batch,
 * because it may have read (and may report, e.g. as an idempotent replay) what earlier members wrote.
 * Reads outside a transaction go to a second connection and see committed data only, never a batch in
 * progress; a write outside a transaction becomes a transaction of its own.
 */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #options: GroupCommitOptions;
  constructor(options: GroupCommitOptions) {
    // The base dialect supplies SQLite's adapter, compiler and introspector; the driver is ours.
    super({ database: {} as never });
    this.#options = options;
  }
  override createDriver(): Driver {
    return new GroupCommitDriver(this.#options);
  }
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

const SAVEPOINT = 'fep_tx';
const CONNECTION_STATEMENT = /^\s*(pragma|attach|detach|vacuum)\b/i;

export class GroupCommitDriver implements Driver {
  private locked = false;
  private readonly queue: (() => void)[] = [];
  private batchOpen = false;
  private batchStarted = 0;
  private batchSize = 0;
  private waiters: Waiter[] = [];
  private flushScheduled = false;
  private readonly maxBatch: number;
  private readonly maxBatchMs: number;

  constructor(private readonly o: GroupCommitOptions) {
    this.maxBatch = o.maxBatch ?? 64;
    this.maxBatchMs = o.maxBatchMs ?? 20;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new LogicalConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LogicalConnection;
    await this.lock();
    try {
      this.open();
    } catch (err) {
      this.unlock();
      throw err;
    }
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LogicalConnection;
    if (!c.inTransaction) return;
    c.inTransaction = false;
    try {
      this.run(`release savepoint ${SAVEPOINT}`);
    } catch (err) {
      this.abandon();
      await this.end(true);
      throw err;
    }
    await this.end(false);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LogicalConnection;
    if (!c.inTransaction) return;
    c.inTransaction = false;
    this.abandon();
    await this.end(true);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    if (this.batchOpen && !this.locked) this.commitBatch();
    this.o.writer.close();
    this.o.reader.close();
  }

  /** Runs one statement of a transaction on the writer. */
  execWriter(compiled: CompiledQuery): QueryResult<unknown> {
    return execute(this.o.writer.prepare(compiled.sql), compiled.parameters);
  }

  /** A statement outside any transaction: a read on the reader, a write as a transaction of its own. */
  async execAlone(compiled: CompiledQuery): Promise<QueryResult<unknown>> {
    if (CONNECTION_STATEMENT.test(compiled.sql)) return this.betweenBatches(compiled);
    let stmt: SQLite.Statement | null = null;
    try {
      stmt = this.o.reader.prepare(compiled.sql);
    } catch {
      // Not preparable on the reader (e.g. it names a table created by a batch not yet visible): a write.
    }
    if (stmt?.readonly) return execute(stmt, compiled.parameters);
    await this.lock();
    let result: QueryResult<unknown>;
    try {
      this.open();
    } catch (err) {
      this.unlock();
      throw err;
    }
    try {
      result = this.execWriter(compiled);
      this.run(`release savepoint ${SAVEPOINT}`);
    } catch (err) {
      this.abandon();
      await this.end(true);
      throw err;
    }
    await this.end(false);
    return result;
  }

  /**
   * PRAGMA, ATTACH, DETACH and VACUUM act on the writer connection itself and SQLite refuses or ignores
   * them inside a transaction: they run after the open batch has committed, before the next one begins.
   */
  private async betweenBatches(compiled: CompiledQuery): Promise<QueryResult<unknown>> {
    await this.lock();
    try {
      this.commitBatch();
      return this.execWriter(compiled);
    } finally {
      this.unlock();
    }
  }

  private run(sql: string): void {
    const t = this.o.onStatement ? performance.now() : 0;
    this.o.writer.prepare(sql).run();
    this.o.onStatement?.(sql, performance.now() - t);
  }

  private open(): void {
    if (!this.batchOpen) {
      this.run('begin immediate');
      this.batchOpen = true;
      this.batchStarted = Date.now();
      this.batchSize = 0;
    }
    this.run(`savepoint ${SAVEPOINT}`);
  }

  /** Undoes the current member of the batch; the members before it stay. */
  private abandon(): void {
    try {
      this.run(`rollback to savepoint ${SAVEPOINT}`);
      this.run(`release savepoint ${SAVEPOINT}`);
    } catch {
      // SQLite may already have rolled the whole transaction back (e.g. SQLITE_FULL): fail the batch.
      this.failBatch(new Error('SQLite rolled the transaction batch back'));
    }
  }

  /** The end of one member: it waits until its batch is on disk (or has failed). */
  private async end(failed: boolean): Promise<void> {
    if (!this.batchOpen) {
      this.unlock();
      return;
    }
    this.batchSize++;
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.batchSize >= this.maxBatch || Date.now() - this.batchStarted >= this.maxBatchMs) this.commitBatch();
    this.unlock();
    this.schedule();
    if (failed) await durable.catch(() => {});
    else await durable;
  }

  private schedule(): void {
    if (this.flushScheduled || !this.batchOpen) return;
    this.flushScheduled = true;
    // setImmediate runs after the poll phase: requests whose bytes already arrived start their transactions
    // (and join this batch) before it commits.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.locked) return; // the member running now schedules again when it ends
      this.locked = true;
      try {
        this.commitBatch();
      } finally {
        this.unlock();
      }
    });
  }

  private commitBatch(): void {
    if (!this.batchOpen) return;
    const waiters = this.waiters;
    this.waiters = [];
    this.batchOpen = false;
    try {
      this.run('commit');
    } catch (err) {
      try {
        this.run('rollback');
      } catch {
        // already rolled back by SQLite
      }
      for (const w of waiters) w.reject(err);
      return;
    }
    for (const w of waiters) w.resolve();
  }

  private failBatch(err: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    this.batchOpen = false;
    try {
      this.run('rollback');
    } catch {
      // nothing open any more
    }
    for (const w of waiters) w.reject(err);
  }

  private lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private unlock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.locked = false;
  }
}

class LogicalConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(private readonly driver: GroupCommitDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return this.driver.execWriter(compiled) as QueryResult<R>;
    return (await this.driver.execAlone(compiled)) as QueryResult<R>;
  }

  /** Rows are read whole: better-sqlite3 cannot run other statements on a connection while an iterator is open. */
  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const r = await this.executeQuery<R>(compiled);
    for (const row of r.rows) yield { rows: [row] };
  }
}

function execute(stmt: SQLite.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return {
    numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
    insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
    rows: [],
  };
}
