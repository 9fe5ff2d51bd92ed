import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Errors MySQL/MariaDB raise when two transactions collide; the whole transaction is retried. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 10;

/**
 * Runs work in one database transaction, or inside the caller's when one is passed in, so a
 * service (the ledger, stock) can join an order's transaction.
 *
 * SQLite: TypeORM's better-sqlite3 driver has one connection and turns a second concurrent
 * transaction into a SAVEPOINT inside the first; the first COMMIT then commits the other's
 * half-done work. So on SQLite every transaction waits its turn here (one writer, as SQLite
 * has anyway). All writes go through `run`, never through a bare repository.save().
 *
 * MySQL/MariaDB: transactions run in parallel on the pool at READ COMMITTED and are retried
 * on deadlock. Correctness comes from row locks (the ledger's account row, conditional
 * updates on stock): under REPEATABLE READ a plain read after waiting for a lock would still
 * see the snapshot from before the wait, and range locks would block unrelated members.
 */
@Injectable()
export class Transactions {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();
  /** Set while a task holds the SQLite turn, to spot reads and transactions nested in it. */
  private readonly turn = new AsyncLocalStorage<boolean>();
  private readonly readCommitted = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, outer?: EntityManager): Promise<T> {
    if (outer?.queryRunner?.isTransactionActive) return work(outer);
    return this.serial ? this.inTurn(() => this.dataSource.transaction(work)) : this.withRetry(work);
  }

  /**
   * A read that must not see another request's half-done transaction. On SQLite all requests
   * share one connection, so an uncommitted write is visible to any read that slips in
   * between its statements: such reads wait their turn. On MySQL they just run.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Already inside this request's turn: waiting for the queue would wait for ourselves.
    if (!this.serial || this.turn.getStore()) return work(this.dataSource.manager);
    return this.inTurn(() => work(this.dataSource.manager));
  }

  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    if (this.turn.getStore()) {
      // A transaction started inside another without passing its manager would wait forever.
      return Promise.reject(new Error('nested transaction on SQLite: pass the outer EntityManager to join it'));
    }
    const run = () => this.turn.run(true, task);
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code
          ?? (error as { code?: string })?.code;
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }

  /**
   * One MySQL transaction at READ COMMITTED. The level is set once per pooled connection
   * (for the session) rather than before every transaction: one round trip less each time.
   */
  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const connection = (runner as unknown as { databaseConnection: object }).databaseConnection;
      if (!this.readCommitted.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommitted.add(connection);
      }
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
