import type { QueryRunner } from 'typeorm';
import type { SqliteDriver } from './sql.js';

interface Task {
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Units committed together at most; bounds the wait of the first one in a batch. */
const MAX_BATCH = 64;

/**
 * SQLite's one writer, with group commit.
 *
 * SQLite allows one writer at a time, and TypeORM's better-sqlite3 driver has one connection
 * on which a second concurrent transaction would silently become a SAVEPOINT of the first.
 * So units of work queue here and run one after another on the writer connection; while one
 * batch runs the next gathers. Each unit runs in its own SAVEPOINT (rolled back alone if it
 * fails) and the batch ends with one COMMIT. A unit's promise settles only after that COMMIT,
 * so it is exactly as durable as a commit of its own, but a busy shop pays for one WAL write
 * per batch instead of one per unit.
 *
 * Reads outside units never come here: they run on a read-only connection to the same WAL
 * file, which sees only committed data and never waits for a batch.
 */
export class SqliteWriter {
  private readonly queue: Task[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly runner: QueryRunner,
    private readonly driver: SqliteDriver,
  ) {}

  /** Queues a unit; `work` runs on the writer connection inside the batch's transaction. */
  write<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      // A batch starts on the next turn of the event loop, not at once: better-sqlite3 is
      // synchronous, so a unit that starts at once runs to its COMMIT in microtasks before any
      // other request is even parsed, and every batch would hold one unit (measured: 8,000
      // check-ins, 8,000 COMMITs at ~170 µs each; waiting a turn, ~1,000).
      this.draining ??= new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  /** Resolves once every queued unit has committed or failed (for shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitBatch(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.draining = null;
    }
  }

  private async commitBatch(batch: Task[]): Promise<void> {
    const outcomes: { task: Task; ok: boolean; value: unknown }[] = [];
    try {
      await this.runner.startTransaction();
      for (const task of batch) {
        this.driver.execSync('SAVEPOINT unit');
        try {
          const value = await task.work();
          this.driver.execSync('RELEASE unit');
          outcomes.push({ task, ok: true, value });
        } catch (error) {
          this.driver.execSync('ROLLBACK TO unit');
          this.driver.execSync('RELEASE unit');
          outcomes.push({ task, ok: false, value: error });
        }
      }
      await this.runner.commitTransaction();
    } catch (error) {
      // The batch could not commit (disk full, I/O error): nothing in it happened.
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction().catch(() => undefined);
      for (const task of batch) task.reject(error);
      return;
    }
    for (const { task, ok, value } of outcomes) (ok ? task.resolve : task.reject)(value);
  }
}
