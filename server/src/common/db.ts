import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type QueryRunner } from 'typeorm';
import { EntitySql, type Where } from './entity-sql.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteWriter } from './sqlite-writer.js';
import { bindTypeormNumbers, type Driver, type MysqlExecutor, MysqlDriver, type SqliteDatabase, SqliteDriver, type WriteResult } from './sql.js';

/** Errors MySQL/MariaDB raise when two transactions collide; the whole unit is retried. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 10;
/** Rows per multi-row INSERT: well inside SQLite's and MySQL's limits on parameters and packet size. */
const MANY_ROWS = 400;

/** The unit of work a piece of code runs in: one transaction on one connection. */
interface Unit {
  manager: EntityManager;
  driver: Driver;
  /** False once the unit committed or rolled back: stray async work must not reuse it. */
  open: boolean;
}

/** Where reads outside any unit go: committed data only. */
interface Reader {
  manager: EntityManager;
  driver: Driver;
}

/**
 * The one way to reach the database: units of work, with the same meaning on SQLite and
 * MySQL/MariaDB.
 *
 * - `unit(work)` runs `work` as one transaction on one connection. Everything inside it —
 *   reads included, and any service it calls — runs on that connection and sees the unit's
 *   own writes. A unit started inside another joins it (the same transaction), on both
 *   engines, so the ledger joins an order's unit without being handed anything.
 * - Outside a unit, reads see only committed data and writes open a unit of their own.
 *
 * The current unit travels with the call through AsyncLocalStorage (see docs/data-layer.md
 * for why this and not an explicit context argument).
 *
 * SQLite: units queue for the one writer (group commit, see SqliteWriter); reads outside
 * units run on a separate read-only connection to the same WAL file. MySQL/MariaDB: each
 * unit takes one pooled connection at READ COMMITTED for its whole life and is retried on
 * deadlock; nothing inside it asks the pool for a second connection, so units can never
 * deadlock the pool however many wait for it.
 */
@Injectable()
export class Db implements OnModuleInit, BeforeApplicationShutdown {
  readonly mysql: boolean;
  private readonly current = new AsyncLocalStorage<Unit>();
  private readonly log = new Logger('Db');
  private writer: SqliteWriter | null = null;
  private writerUnit: Unit | null = null;
  private writerDb: SqliteDatabase | null = null;
  private checkpointer: SqliteCheckpointer | null = null;
  private reader!: Reader;
  private readerSource: DataSource | null = null;
  /** MySQL connections already switched to READ COMMITTED (a session setting). */
  private readonly readCommitted = new WeakSet<object>();
  private closing = false;
  /** In-memory SQLite: no second connection, so reads outside units take the writer's turn. */
  private readsQueue = false;

  private readonly entities: EntitySql;

  constructor(private readonly dataSource: DataSource) {
    this.mysql = dataSource.options.type === 'mysql';
    this.entities = new EntitySql(dataSource);
  }

  async onModuleInit(): Promise<void> {
    if (this.mysql) {
      this.reader = { manager: this.dataSource.manager, driver: new MysqlDriver((this.dataSource.driver as unknown as { pool: MysqlExecutor }).pool) };
      return;
    }
    bindTypeormNumbers(this.dataSource.driver);
    const writerDb = (this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
    const writerDriver = new SqliteDriver(writerDb);
    this.writerDb = writerDb;
    // better-sqlite3's driver has one shared query runner; the writer owns it.
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    this.writer = new SqliteWriter(runner, writerDriver);
    this.writerUnit = { manager: runner.manager, driver: writerDriver, open: true };
    const file = String(this.dataSource.options.database);
    if (file === ':memory:' || file === '') {
      this.readsQueue = true;
      this.reader = { manager: runner.manager, driver: writerDriver };
      return;
    }
    this.readerSource = new DataSource({
      ...(this.dataSource.options as object),
      name: 'reader',
      readonly: true,
      enableWAL: false, // the journal mode is a property of the file, set by the writer
      migrationsRun: false,
      synchronize: false,
      dropSchema: false,
    } as unknown as ConstructorParameters<typeof DataSource>[0]);
    await this.readerSource.initialize();
    bindTypeormNumbers(this.readerSource.driver);
    const readerDb = (this.readerSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
    this.reader = { manager: this.readerSource.manager, driver: new SqliteDriver(readerDb) };
    this.checkpointer = new SqliteCheckpointer(file, (pages) => {
      if (writerDb.open) writerDb.exec(`PRAGMA wal_autocheckpoint = ${Number(pages)}`);
    }, (message) => this.log.warn(message));
    await this.checkpointer.start();
  }

  /** Lets queued SQLite units commit before the connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.writer?.idle();
    await this.checkpointer?.stop();
    if (this.readerSource?.isInitialized) await this.readerSource.destroy();
  }

  /** True inside a unit of work. */
  get inUnit(): boolean {
    return this.active() !== null;
  }

  /** The current unit's EntityManager, or outside a unit one that reads committed data. */
  get manager(): EntityManager {
    return (this.active() ?? this.reader).manager;
  }

  /** The current unit's EntityManager, for code that writes and must run inside a unit. */
  get unitManager(): EntityManager {
    const unit = this.active();
    if (!unit) throw new Error('this runs only inside a unit of work (db.unit)');
    return unit.manager;
  }

  /** `INSERT IGNORE` (MySQL) or `INSERT OR IGNORE` (SQLite): a row whose key exists is skipped. */
  get insertOrIgnore(): string {
    return this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
  }

  /**
   * One statement on both databases: inserts `row`, or where `key` already exists adds the new
   * values to (`add`) or writes them over (`set`) the columns named in `update`.
   */
  upsert(table: string, row: Record<string, unknown>, key: readonly string[], update: Record<string, 'add' | 'set'>): Promise<number> {
    return this.upsertMany(table, [row], key, update);
  }

  /** `upsert` of many rows (all with the same columns), a few hundred to a statement. */
  async upsertMany(table: string, rows: readonly Record<string, unknown>[], key: readonly string[], update: Record<string, 'add' | 'set'>): Promise<number> {
    const incoming = (c: string) => (this.mysql ? `VALUES(${c})` : `excluded.${c}`);
    const sets = Object.entries(update).map(([c, how]) => `${c} = ${how === 'add' ? `${c} + ` : ''}${incoming(c)}`).join(', ');
    const onKey = this.mysql ? 'ON DUPLICATE KEY UPDATE' : `ON CONFLICT (${key.join(', ')}) DO UPDATE SET`;
    return this.insertMany(table, rows, 'INSERT', ` ${onKey} ${sets}`);
  }

  /** Multi-row INSERT (or `insertOrIgnore`), a few hundred rows to a statement; returns the rows written. */
  async insertMany(table: string, rows: readonly Record<string, unknown>[], verb = 'INSERT', tail = ''): Promise<number> {
    if (rows.length === 0) return 0;
    const columns = Object.keys(rows[0]);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    let written = 0;
    for (let i = 0; i < rows.length; i += MANY_ROWS) {
      const chunk = rows.slice(i, i + MANY_ROWS);
      written += await this.exec(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}${tail}`,
        chunk.flatMap((r) => columns.map((c) => r[c])));
    }
    return written;
  }

  /** SQL for the Shanghai day (YYYY-MM-DD) of a UTC datetime column, to group reports by. */
  shanghaiDayOf(column: string): string {
    return this.mysql ? `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m-%d')` : `strftime('%Y-%m-%d', ${column}, '+8 hours')`;
  }

  /** Appended to a SELECT that must lock its rows (SQLite has one writer and needs none). */
  get forUpdate(): string {
    return this.mysql ? ' FOR UPDATE' : '';
  }

  /**
   * Runs `work` as one unit of work, or as part of the current one. The unit commits when
   * the outermost `work` resolves and rolls back when it throws.
   */
  unit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const joined = this.active();
    if (joined) return work(joined.manager);
    if (this.closing && !this.mysql) return Promise.reject(new Error('the database is shutting down'));
    return this.writer ? this.sqliteUnit(work) : this.mysqlUnit(work);
  }

  /** Runs reads: on the current unit's connection, or outside one on committed data. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const joined = this.active();
    if (joined) return work(joined.manager);
    if (this.readsQueue) return this.unit(work);
    return work(this.reader.manager);
  }

  /** Hand-written SELECT: rows as the driver returns them. */
  rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const unit = this.active();
    if (unit) return unit.driver.rows(sql, params) as Promise<T[]>;
    if (this.readsQueue) return this.unit(() => this.rows<T>(sql, params));
    return this.committedDriver().rows(sql, params) as Promise<T[]>;
  }

  /**
   * Names by id: `sql` selects `id`, `label` (and optionally `extra`, shown as `label · extra`)
   * with `{ids}` standing for the list; one query, none for no ids.
   */
  async labels(sql: string, ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.rows<{ id: unknown; label: string; extra?: string | null }>(sql.replace('{ids}', unique.map(() => '?').join(', ')), unique);
    return new Map(rows.map((r) => [Number(r.id), r.extra ? `${r.label} · ${r.extra}` : r.label]));
  }

  async one<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  /**
   * Entities where `where` holds (equality, IN for arrays, IS NULL for null), then `tail`
   * (ORDER BY, LIMIT, a lock): for hot paths, without TypeORM's query builder (see EntitySql).
   */
  async findBy<T extends ObjectLiteral>(target: EntityTarget<T>, where: Where<T>, tail = ''): Promise<T[]> {
    const [sql, params] = this.entities.select(target, where, tail);
    return this.entities.hydrate(target, await this.rows<Record<string, unknown>>(sql, params));
  }

  /** The first entity `findBy` finds, or null. */
  async findOneBy<T extends ObjectLiteral>(target: EntityTarget<T>, where: Where<T>, tail = ''): Promise<T | null> {
    return (await this.findBy(target, where, tail))[0] ?? null;
  }

  /** Inserts an entity's row from the properties given and returns its id. */
  insertEntity<T extends ObjectLiteral>(target: EntityTarget<T>, values: Partial<T>): Promise<number> {
    const [sql, params] = this.entities.insert(target, values);
    return this.insert(sql, params);
  }

  /** Updates `set` on the entity rows where `where` holds; returns the number changed. */
  updateBy<T extends ObjectLiteral>(target: EntityTarget<T>, where: Where<T>, set: Partial<T>): Promise<number> {
    const [sql, params] = this.entities.update(target, where, set);
    return this.exec(sql, params);
  }

  /** Runs an UPDATE/DELETE and returns the number of rows it changed. */
  async exec(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.write(sql, params)).affected;
  }

  /** Runs an INSERT and returns the new row's id. */
  async insert(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.write(sql, params)).insertId;
  }

  private write(sql: string, params: readonly unknown[]): Promise<WriteResult> {
    const unit = this.active();
    if (unit) return unit.driver.write(sql, params);
    return this.unit(() => this.write(sql, params));
  }

  /**
   * Where one statement outside a unit reads committed data. On SQLite, the writer connection
   * itself while no batch is open on it: better-sqlite3 runs the statement at once, so nothing
   * can begin between this check and the read, and the writer's page cache is warm (the read-only
   * connection's cache is dropped after every commit it did not make: a point read there took
   * 18–30 µs, 3–6 µs on the writer). Multi-statement reads (`read`) stay on the reader: a batch
   * may begin between their statements.
   */
  private committedDriver(): Driver {
    return this.writerDb && !this.writerDb.inTransaction ? this.writerUnit!.driver : this.reader.driver;
  }

  private active(): Unit | null {
    const unit = this.current.getStore();
    return unit?.open ? unit : null;
  }

  private sqliteUnit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const shared = this.writerUnit!;
    return this.writer!.write(() => {
      // Each unit gets its own handle on the writer connection, closed when it ends.
      const unit: Unit = { manager: shared.manager, driver: shared.driver, open: true };
      return this.current.run(unit, () => work(unit.manager)).finally(() => {
        unit.open = false;
      });
    });
  }

  private async mysqlUnit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.mysqlOnce(work);
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code
          ?? (error as { code?: string })?.code;
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }

  /** One MySQL transaction at READ COMMITTED, on one pooled connection held until it ends. */
  private async mysqlOnce<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const unit: Unit = { manager: runner.manager, driver: null as unknown as Driver, open: false };
    try {
      // QueryRunner.connect() hands back the pooled connection it holds.
      const connection = (await runner.connect()) as MysqlExecutor & { query(sql: string, cb: (e: Error | null) => void): void };
      unit.driver = new MysqlDriver(connection);
      if (!this.readCommitted.has(connection)) {
        // Once per pooled connection rather than before every transaction: one round trip less.
        await new Promise<void>((resolve, reject) =>
          connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (e) => (e ? reject(e) : resolve())));
        this.readCommitted.add(connection);
      }
      await runner.startTransaction();
      unit.open = true;
      try {
        const result = await this.current.run(unit, () => work(unit.manager));
        unit.open = false;
        await runner.commitTransaction();
        return result;
      } catch (error) {
        unit.open = false;
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch((e: Error) => this.log.warn(`rollback failed: ${e.message}`));
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
