import type { EntityManager } from 'typeorm';

/**
 * Small helpers for hand-written SQL that runs on both SQLite (better-sqlite3) and
 * MySQL/MariaDB (mysql2). Both take `?` placeholders; they differ in row locks, insert ids,
 * how datetimes are bound and read, and in returning big sums as strings (mysql2).
 */
export class Sql {
  readonly mysql: boolean;

  constructor(manager: EntityManager) {
    this.mysql = manager.connection.options.type === 'mysql';
  }

  /** Appended to a SELECT that must lock its rows (SQLite has one writer and needs none). */
  get forUpdate(): string {
    return this.mysql ? ' FOR UPDATE' : '';
  }

  async rows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
    return m.query(sql, params);
  }

  async one<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T | undefined> {
    const rows: T[] = await m.query(sql, params);
    return rows[0];
  }

  /** Runs an INSERT and returns the new row's id. */
  async insert(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const result = await structured(m, sql, params);
    return Number(this.mysql ? (result.raw as { insertId: number }).insertId : result.raw);
  }

  /** Runs an UPDATE/DELETE and returns the number of rows it changed. */
  async exec(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const result = await structured(m, sql, params);
    return Number(result.affected ?? 0);
  }
}

/** The driver's result with affected rows and insert id (needs the transaction's query runner). */
async function structured(m: EntityManager, sql: string, params: unknown[]) {
  if (m.queryRunner) return m.queryRunner.query(sql, params, true);
  const runner = m.connection.createQueryRunner();
  try {
    return await runner.query(sql, params, true);
  } finally {
    await runner.release();
  }
}

/** A UTC datetime as both drivers store it: 'YYYY-MM-DD HH:MM:SS.mmm'. */
export function sqlTime(at: Date): string {
  return at.toISOString().replace('T', ' ').slice(0, 23);
}

/** A datetime read back from either driver (string from SQLite, Date from mysql2). */
export function readTime(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

/** A number read back from either driver (mysql2 returns sums and bigints as strings). */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
