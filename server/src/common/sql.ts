import type { EntityManager } from 'typeorm';

/**
 * Hand-written SQL that runs on both SQLite (better-sqlite3) and MySQL/MariaDB (mysql2). Both
 * take `?` placeholders; they differ in row locks, insert ids, and in returning big sums as
 * strings (mysql2). Inside a transaction the statements go straight to the driver's
 * connection (cached prepared statements; TypeORM's per-query machinery costs more than the
 * statement itself on the ledger's hot path); outside one they go through TypeORM.
 */
export class Sql {
  readonly mysql: boolean;
  private readonly raw: RawConnection | null;

  constructor(private readonly manager: EntityManager) {
    this.mysql = manager.connection.options.type === 'mysql';
    const runner = manager.queryRunner;
    this.raw = runner?.isTransactionActive ? (runner as unknown as { databaseConnection: RawConnection }).databaseConnection : null;
  }

  /** Appended to a SELECT that must lock its rows (SQLite has one writer and needs none). */
  get forUpdate(): string {
    return this.mysql ? ' FOR UPDATE' : '';
  }

  async rows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
    if (m !== this.manager || !this.raw) return m.query(sql, params);
    return (await this.run(sql, params)) as T[];
  }

  async one<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(m, sql, params))[0];
  }

  /** Runs an INSERT and returns the new row's id. */
  async insert(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    return (await this.write(m, sql, params)).insertId;
  }

  /** Runs an UPDATE/DELETE and returns the number of rows it changed. */
  async exec(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    return (await this.write(m, sql, params)).affected;
  }

  private async write(m: EntityManager, sql: string, params: unknown[]): Promise<{ insertId: number; affected: number }> {
    if (m === this.manager && this.raw) {
      const result = (await this.run(sql, params)) as { insertId?: number; affectedRows?: number; lastInsertRowid?: number | bigint; changes?: number };
      return this.mysql
        ? { insertId: Number(result.insertId), affected: Number(result.affectedRows) }
        : { insertId: Number(result.lastInsertRowid), affected: Number(result.changes) };
    }
    const result = await structured(m, sql, params);
    return {
      insertId: Number(this.mysql ? (result.raw as { insertId: number }).insertId : result.raw),
      affected: Number(result.affected ?? 0),
    };
  }

  private run(sql: string, params: unknown[]): Promise<unknown> {
    const raw = this.raw!;
    if (!this.mysql) {
      const stmt = prepared(raw as SqliteDatabase, sql);
      try {
        return Promise.resolve(stmt.reader ? stmt.all(...params) : stmt.run(...params));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      (raw as MysqlConnection).execute(sql, params, (error, result) => (error ? reject(error) : resolve(result)));
    });
  }
}

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
interface MysqlConnection {
  execute(sql: string, params: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}
type RawConnection = SqliteDatabase | MysqlConnection;

const statements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

function prepared(db: SqliteDatabase, sql: string): SqliteStatement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** The driver's result with affected rows and insert id (needs a query runner). */
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
