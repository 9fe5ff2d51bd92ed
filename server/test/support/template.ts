/**
 * The migrated template database of one jest run (made by test/support/global-setup.ts),
 * described in an environment variable so the workers jest starts afterwards find it.
 * SQLite: a checkpointed file that each suite copies. MySQL/MariaDB: a database on the
 * TEST_DATABASE_URL server whose tables each suite re-creates, with the rows of the tables
 * the migrations filled (the `migrations` table itself at least).
 */
export type Template =
  | { kind: 'sqlite'; file: string }
  | { kind: 'mysql'; database: string; tablesWithRows: string[] };

export const TEMPLATE_ENV = 'JIFEN_TEST_TEMPLATE';

export function readTemplate(): Template | null {
  const raw = process.env[TEMPLATE_ENV];
  return raw ? (JSON.parse(raw) as Template) : null;
}

/** The TEST_DATABASE_URL server without a database, for CREATE/DROP DATABASE. */
export function serverUrl(testDatabaseUrl: string): string {
  const url = new URL(testDatabaseUrl);
  url.protocol = 'mysql:';
  url.pathname = '/';
  return url.toString();
}

export function databaseUrl(testDatabaseUrl: string, name: string): string {
  const url = new URL(serverUrl(testDatabaseUrl));
  url.pathname = `/${name}`;
  return url.toString();
}
