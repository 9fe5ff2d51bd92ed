import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SqliteWriter } from './sqlite-writer.js';

/** Errors MySQL/MariaDB raise when two transactions collide; the whole transaction is retried. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 10;

/**
 * Runs work in one database transaction, or inside the caller's when one is passed in, so a
 * service (the ledger, stock) can join an order's transaction. All writes go through `run`,
 * never through a bare repository.save().
 *
 * SQLite: one writer with group commit (see SqliteWriter).
 *
 * MySQL/MariaDB: transactions run in parallel on the pool at READ COMMITTED and are retried
 * on deadlock. Correctness comes from row locks (the ledger's account row, conditional
 * updates on stock): under REPEATABLE READ a plain read after waiting for a lock would still
 * see the snapshot from before the wait, and range locks would block unrelated members.
 */
@Injectable()
export class Transactions {
  private readonly sqlite: SqliteWriter | null;
  private readonly readCommitted = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'better-sqlite3' ? new SqliteWriter(dataSource) : null;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, outer?: EntityManager): Promise<T> {
    if (outer?.queryRunner?.isTransactionActive) return work(outer);
    return this.sqlite ? this.sqlite.write(work) : this.withRetry(work);
  }

  /**
   * A read that must not see another request's half-done transaction. On SQLite all requests
   * share one connection, so an uncommitted write is visible to any read that slips in
   * between its statements: such reads wait for the writer. On MySQL they just run.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.sqlite ? this.sqlite.read(work) : work(this.dataSource.manager);
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
