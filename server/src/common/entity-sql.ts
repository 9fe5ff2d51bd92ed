import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/** Equality on some of an entity's properties; an array means IN, null means IS NULL. */
export type Where<T> = { [K in keyof T]?: T[K] | readonly T[K][] | null };

/** Column types both drivers hand back as they are (no conversion, unless a transformer). */
const AS_IS = new Set(['int', 'integer', 'varchar', 'text']);
/** How SQLite datetimes are stored ('YYYY-MM-DD HH:MM:SS.mmm', UTC). */
const SQLITE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

interface Mapping {
  meta: EntityMetadata;
  /** Per column: its name in a row and how to turn the row's value into the property's. */
  readers: { column: ColumnMetadata; name: string; read: (value: unknown) => unknown }[];
  table: string;
  /** `SELECT "a", "b" FROM "table"` */
  select: string;
  byProperty: Map<string, ColumnMetadata>;
}

/**
 * Entity rows for the hot paths without TypeORM's query builder: the SQL is a plain SELECT,
 * INSERT or UPDATE written from the entity's metadata, and values go in and come out through
 * the TypeORM driver's own conversions (dates, JSON, transformers), so an entity read here is
 * the same object `findOneBy` would give. A profile of a checkout put two thirds of the CPU in
 * the query builder and hydration around two dozen such queries.
 */
export class EntitySql {
  private readonly mappings = new Map<EntityTarget<ObjectLiteral>, Mapping>();

  constructor(private readonly dataSource: DataSource) {}

  /** A SELECT of every column where `where` holds, then `tail` (ORDER BY, LIMIT, FOR UPDATE). */
  select<T extends ObjectLiteral>(target: EntityTarget<T>, where: Where<T>, tail = ''): [string, unknown[]] {
    const m = this.mapping(target);
    const [condition, params] = this.condition(m, where);
    return [`${m.select}${condition ? ` WHERE ${condition}` : ''}${tail ? ` ${tail}` : ''}`, params];
  }

  /** An INSERT of the properties of `values` that are not undefined. */
  insert<T extends ObjectLiteral>(target: EntityTarget<T>, values: Partial<T>): [string, unknown[]] {
    const m = this.mapping(target);
    const [names, params] = this.values(m, values);
    return [`INSERT INTO ${m.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, params];
  }

  /** An UPDATE setting `set` on the rows where `where` holds. */
  update<T extends ObjectLiteral>(target: EntityTarget<T>, where: Where<T>, set: Partial<T>): [string, unknown[]] {
    const m = this.mapping(target);
    const [names, params] = this.values(m, set);
    const [condition, whereParams] = this.condition(m, where);
    if (!condition) throw new Error('an UPDATE without a condition');
    return [`UPDATE ${m.table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE ${condition}`, [...params, ...whereParams]];
  }

  /** Entities from rows as the driver returned them (keyed by column name). */
  hydrate<T extends ObjectLiteral>(target: EntityTarget<T>, rows: readonly Record<string, unknown>[]): T[] {
    const m = this.mapping(target);
    return rows.map((row) => {
      const entity = m.meta.create() as T;
      for (const { column, name, read } of m.readers) {
        if (name in row) column.setEntityValue(entity, read(row[name]));
      }
      return entity;
    });
  }

  /** The escaped column names and database values of the properties that are not undefined. */
  private values(m: Mapping, values: ObjectLiteral): [string[], unknown[]] {
    const names: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const column = this.column(m, property);
      names.push(this.escape(column.databaseName));
      params.push(this.toDatabase(value, column));
    }
    return [names, params];
  }

  private condition(m: Mapping, where: Where<ObjectLiteral>): [string, unknown[]] {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(where)) {
      if (value === undefined) throw new Error(`undefined in a condition on ${m.table}.${property}`);
      const column = this.column(m, property);
      const name = this.escape(column.databaseName);
      if (value === null) {
        parts.push(`${name} IS NULL`);
      } else if (Array.isArray(value)) {
        // An empty list matches nothing, as TypeORM's In([]) does.
        parts.push(value.length === 0 ? '1 = 0' : `${name} IN (${value.map(() => '?').join(', ')})`);
        for (const v of value) params.push(this.toDatabase(v, column));
      } else {
        parts.push(`${name} = ?`);
        params.push(this.toDatabase(value, column));
      }
    }
    return [parts.join(' AND '), params];
  }

  /**
   * The driver's own conversion, except where it is known to change nothing or, for SQLite
   * datetimes in the stored format, to parse them as UTC (what it does, minus two regexes).
   */
  private reader(column: ColumnMetadata): (value: unknown) => unknown {
    const driver = this.dataSource.driver;
    const general = (value: unknown) => driver.prepareHydratedValue(value, column);
    if (column.transformer) return general;
    if (typeof column.type === 'string' && AS_IS.has(column.type)) return (value) => value;
    if (column.type === 'datetime' && this.dataSource.options.type === 'better-sqlite3') {
      return (value) => (typeof value === 'string' && SQLITE_TIME.test(value) ? new Date(`${value.replace(' ', 'T')}Z`) : general(value));
    }
    return general;
  }

  private toDatabase(value: unknown, column: ColumnMetadata): unknown {
    return this.dataSource.driver.preparePersistentValue(value, column);
  }

  private column(m: Mapping, property: string): ColumnMetadata {
    const column = m.byProperty.get(property);
    if (!column) throw new Error(`${m.table} has no column for ${property}`);
    return column;
  }

  private escape(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  private mapping(target: EntityTarget<ObjectLiteral>): Mapping {
    let m = this.mappings.get(target);
    if (!m) {
      const meta = this.dataSource.getMetadata(target);
      const table = this.escape(meta.tableName);
      m = {
        meta,
        readers: meta.columns.map((column) => ({ column, name: column.databaseName, read: this.reader(column) })),
        table,
        select: `SELECT ${meta.columns.map((c) => this.escape(c.databaseName)).join(', ')} FROM ${table}`,
        byProperty: new Map(meta.columns.map((c) => [c.propertyPath, c])),
      };
      this.mappings.set(target, m);
    }
    return m;
  }
}
