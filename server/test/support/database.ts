import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { databaseUrl, readTemplate, serverUrl, type Template } from './template.js';

/**
 * A database of its own for one test suite: an SQLite file in the temp dir, or (when
 * TEST_DATABASE_URL names a MariaDB/MySQL server) a new database on that server.
 * `migrated`: a copy of the run's migrated template (test/support/global-setup.ts), so the app
 * starts without running a migration; otherwise empty. Without a template (jest started
 * without the global setup) a migrated database starts empty and the app migrates it.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'mysql';
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase({ migrated = false } = {}): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = migrated ? readTemplate() : null;
  if (!server) {
    const file = join(tmpdir(), `jifen-${name}.sqlite`);
    if (template?.kind === 'sqlite') copyFileSync(template.file, file);
    return {
      kind: 'sqlite',
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const root = serverUrl(server);
  const admin = await mysql.createConnection(root);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (template?.kind === 'mysql') await copyTables(admin, template, name);
  } finally {
    await admin.end();
  }
  return {
    kind: 'mysql',
    url: databaseUrl(server, name),
    drop: async () => {
      const conn = await mysql.createConnection(root);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/** The template's tables, re-created from SHOW CREATE TABLE, and the rows migrations wrote. */
async function copyTables(admin: mysql.Connection, template: Extract<Template, { kind: 'mysql' }>, name: string): Promise<void> {
  const [tables] = await admin.query<mysql.RowDataPacket[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
    [template.database],
  );
  await admin.query(`USE \`${name}\``);
  // Foreign keys name tables that may come later in the list.
  await admin.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const { name: table } of tables) {
    const [[created]] = await admin.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE \`${template.database}\`.\`${table}\``);
    await admin.query(created['Create Table'] as string);
  }
  for (const table of template.tablesWithRows) {
    await admin.query(`INSERT INTO \`${table}\` SELECT * FROM \`${template.database}\`.\`${table}\``);
  }
}
