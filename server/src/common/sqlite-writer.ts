import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

type Work<T> = (manager: EntityManager) => Promise<T>;

interface Task {
  write: boolean;
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Transactions committed together at most; bounds the wait of the first one in a batch. */
const MAX_BATCH = 64;

/**
 * SQLite's one writer, with group commit.
 *
 * TypeORM's better-sqlite3 driver has one connection and turns a second concurrent
 * transaction into a SAVEPOINT inside the first, so the project must serialise them. This
 * queue does, and while one batch runs the next gathers: each waiting transaction runs in its
 * own SAVEPOINT (rolled back alone if it fails), and the batch ends with one COMMIT. A
 * transaction's promise settles only after that COMMIT, so it is exactly as durable as a
 * commit of its own, but a busy shop pays for one WAL write per batch instead of one per
 * transaction.
 *
 * Reads that must not see half-done work run between batches, outside any transaction.
 */
export class SqliteWriter {
  private readonly queue: Task[] = [];
  private draining = false;
  /** Set inside a task, to spot nested reads and transactions. */
  private readonly inside = new AsyncLocalStorage<boolean>();

  constructor(private readonly dataSource: DataSource) {}

  write<T>(work: Work<T>): Promise<T> {
    if (this.inside.getStore()) {
      // A transaction started inside another without passing its manager would wait forever.
      return Promise.reject(new Error('nested transaction on SQLite: pass the outer EntityManager to join it'));
    }
    return this.enqueue(true, work);
  }

  read<T>(work: Work<T>): Promise<T> {
    if (this.inside.getStore()) return work(this.dataSource.manager);
    return this.enqueue(false, work);
  }

  private enqueue<T>(write: boolean, work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        if (!this.queue[0].write) {
          const task = this.queue.shift()!;
          await this.inside.run(true, () => task.work(this.dataSource.manager)).then(task.resolve, task.reject);
          continue;
        }
        let n = 0;
        while (n < this.queue.length && n < MAX_BATCH && this.queue[n].write) n++;
        await this.commitBatch(this.queue.splice(0, n));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(batch: Task[]): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const outcomes: { task: Task; ok: boolean; value: unknown }[] = [];
    try {
      await runner.startTransaction();
      for (const task of batch) {
        await runner.startTransaction(); // SAVEPOINT
        try {
          const value = await this.inside.run(true, () => task.work(runner.manager));
          await runner.commitTransaction(); // RELEASE SAVEPOINT
          outcomes.push({ task, ok: true, value });
        } catch (error) {
          await runner.rollbackTransaction(); // ROLLBACK TO SAVEPOINT
          outcomes.push({ task, ok: false, value: error });
        }
      }
      await runner.commitTransaction();
    } catch (error) {
      // The batch could not commit (disk full, I/O error): nothing in it happened.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      for (const task of batch) task.reject(error);
      return;
    } finally {
      await runner.release();
    }
    for (const { task, ok, value } of outcomes) (ok ? task.resolve : task.reject)(value);
  }
}
