import type { TableColumnOptions } from 'typeorm';

/** Millisecond datetimes, stored in UTC on both databases. */
export function datetime(name: string, nullable = false): TableColumnOptions {
  return { name, type: 'datetime', precision: 3, isNullable: nullable };
}

export const timestamps: TableColumnOptions[] = [datetime('created_at'), datetime('updated_at')];

/** Auto-increment primary key ("integer" so SQLite makes it the rowid). */
export const id: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};
