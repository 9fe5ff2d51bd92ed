import { rmSync } from 'node:fs';
import mysql from 'mysql2/promise';
import type { Template } from './template.js';

/**
 * Jest globalTeardown: removes the run's template database (see global-setup.ts). Like the
 * setup it runs outside jest's module registry, where `./x.js` does not find `x.ts`: only
 * packages are imported here.
 */
export default async function globalTeardown(): Promise<void> {
  const raw = process.env.JIFEN_TEST_TEMPLATE;
  if (!raw) return;
  const template = JSON.parse(raw) as Template;
  if (template.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(template.file + suffix, { force: true });
    return;
  }
  const server = new URL(process.env.TEST_DATABASE_URL!);
  server.protocol = 'mysql:';
  server.pathname = '/';
  const conn = await mysql.createConnection(server.toString());
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${template.database}\``);
  } finally {
    await conn.end();
  }
}
