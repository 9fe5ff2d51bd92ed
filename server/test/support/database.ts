import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

/**
 * A fresh, empty database for one test suite: an SQLite file in the temp dir, or (when
 * TEST_DATABASE_URL names a MariaDB/MySQL server) a new database on that server.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'mysql';
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (!server) {
    const file = join(tmpdir(), `jifen-${name}.sqlite`);
    return {
      kind: 'sqlite',
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const root = new URL(server);
  root.pathname = '/';
  const admin = await mysql.createConnection(root.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(root.toString());
  url.pathname = `/${name}`;
  return {
    kind: 'mysql',
    url: url.toString(),
    drop: async () => {
      const conn = await mysql.createConnection(root.toString());
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
