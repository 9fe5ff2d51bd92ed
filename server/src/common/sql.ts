/**
 * The two drivers under the unit of work, spoken to directly: better-sqlite3 (synchronous,
 * statements prepared once and cached per connection) and mysql2 (`execute`, which prepares
 * each statement once per connection). Both take `?` placeholders; they differ in insert ids,
 * affected rows and in returning big sums as strings (mysql2), which `Driver` hides.
 */

export interface WriteResult {
  insertId: number;
  affected: number;
}

/** One raw connection (or pool) that runs hand-written SQL. */
export interface Driver {
  rows(sql: string, params: readonly unknown[]): Promise<unknown[]>;
  write(sql: string, params: readonly unknown[]): Promise<WriteResult>;
}

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  /** True between BEGIN and COMMIT/ROLLBACK on this connection. */
  readonly inTransaction: boolean;
  readonly open: boolean;
}

/** mysql2's callback connection or pool: both have `execute`. */
export interface MysqlExecutor {
  execute(sql: string, params: readonly unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

/** Statements stay prepared for the life of the connection (a shop has a few hundred). */
const SQLITE_CACHE_LIMIT = 2_000;

export class SqliteDriver implements Driver {
  private readonly cache = new Map<string, SqliteStatement>();

  constructor(readonly db: SqliteDatabase) {}

  rows(sql: string, params: readonly unknown[]): Promise<unknown[]> {
    try {
      return Promise.resolve(this.statement(sql).all(bindAll(params)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  write(sql: string, params: readonly unknown[]): Promise<WriteResult> {
    try {
      const stmt = this.statement(sql);
      if (stmt.reader) {
        stmt.all(bindAll(params)); // e.g. an INSERT … RETURNING: still a write
        return Promise.resolve({ insertId: 0, affected: 0 });
      }
      const result = stmt.run(bindAll(params));
      return Promise.resolve({ insertId: Number(result.lastInsertRowid), affected: result.changes });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs a statement without parameters or a result (BEGIN, SAVEPOINT …). */
  execSync(sql: string): void {
    this.db.exec(sql);
  }

  private statement(sql: string): SqliteStatement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.cache.size >= SQLITE_CACHE_LIMIT) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

export class MysqlDriver implements Driver {
  constructor(private readonly executor: MysqlExecutor) {}

  rows(sql: string, params: readonly unknown[]): Promise<unknown[]> {
    return this.execute(sql, params) as Promise<unknown[]>;
  }

  async write(sql: string, params: readonly unknown[]): Promise<WriteResult> {
    const result = (await this.execute(sql, params)) as { insertId?: number; affectedRows?: number };
    return { insertId: Number(result.insertId ?? 0), affected: Number(result.affectedRows ?? 0) };
  }

  private execute(sql: string, params: readonly unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.executor.execute(sql, bindAll(params), (error, result) => (error ? reject(error) : resolve(result)));
    });
  }
}

/**
 * Both drivers refuse booleans and undefined as parameters. The array is copied only when
 * one needs changing (better-sqlite3 takes an array as the statement's anonymous parameters).
 */
function bindAll(params: readonly unknown[]): unknown[] {
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (value === undefined || typeof value === 'boolean') return params.map(bindable);
  }
  return params as unknown[];
}

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const pad2 = (v: number) => (v < 10 ? '0' : '') + v;

/**
 * A UTC datetime as both drivers store it: 'YYYY-MM-DD HH:MM:SS.mmm'. Built from the parts:
 * on hot paths this runs several times per operation, and toISOString() is 3× slower.
 */
export function sqlTime(at: Date): string {
  const ms = at.getUTCMilliseconds();
  const year = at.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return at.toISOString().replace('T', ' ').slice(0, 23);
  return `${year}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())} ${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}:${pad2(at.getUTCSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}`;
}

/** A datetime read back from either driver (string from SQLite, Date from mysql2). */
export function readTime(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

/** A number read back from either driver (mysql2 returns sums and bigints as strings). */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A unique key refused the row, on either engine (raw driver error or TypeORM's wrapper). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A row refers to one that does not exist (SQLite; MySQL's INSERT IGNORE only warns). */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

interface TypeormSqliteDriver {
  escapeQueryWithParameters(sql: string, parameters: Record<string, unknown>, nativeParameters?: unknown): [string, unknown[]];
}

/**
 * TypeORM's SQLite drivers write number parameters into the SQL text (`"member_id" = 4`), so
 * every member id makes a statement of its own: prepared again on every query (a tenth of a
 * checkout's CPU) and pushing the hot statements out of TypeORM's FIFO statement cache. This
 * binds numbers like every other value; the rest is TypeORM's own escaping, unchanged.
 */
export function bindTypeormNumbers(driver: unknown): void {
  const sqlite = driver as TypeormSqliteDriver;
  const original = sqlite.escapeQueryWithParameters.bind(sqlite);
  sqlite.escapeQueryWithParameters = (sql, parameters, nativeParameters) => {
    if (!parameters || !Object.values(parameters).some((v) => typeof v === 'number')) return original(sql, parameters, nativeParameters);
    // Numbers go through as one-element arrays (`:...name`), which TypeORM binds as `?`.
    const boxed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parameters)) boxed[key] = typeof value === 'number' ? [value] : value;
    const spread = sql.replace(/:(\.\.\.)?([A-Za-z0-9_.]+)/g, (full, isArray: string | undefined, key: string) =>
      !isArray && typeof parameters[key] === 'number' ? `:...${key}` : full);
    return original(spread, boxed, nativeParameters);
  };
}
