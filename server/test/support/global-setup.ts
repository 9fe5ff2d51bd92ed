import Module from 'node:module';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource as DataSourceType } from 'typeorm';
import type { Template } from './template.js';

/**
 * Jest globalSetup: runs every migration once per run, into a template database that each
 * suite copies (test/support/database.ts); the app then starts on a database whose
 * migrations are all applied and runs none.
 */
export default async function globalSetup(): Promise<void> {
  // globalSetup is compiled to CommonJS outside jest's module registry, so jest's
  // moduleNameMapper (`./x.js` → `./x.ts`) does not apply: map the sources' ESM-style
  // relative `.js` imports to their `.ts` files while this file's own modules load (hence
  // the dynamic imports below).
  const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = resolver._resolveFilename;
  resolver._resolveFilename = function (request, ...rest) {
    try {
      return resolve.call(this, request, ...rest);
    } catch (error) {
      if (!request.startsWith('.') || !request.endsWith('.js')) throw error;
      return resolve.call(this, `${request.slice(0, -3)}.ts`, ...rest);
    }
  };
  try {
    const { TEMPLATE_ENV } = await import('./template.js');
    process.env[TEMPLATE_ENV] = JSON.stringify(await createTemplate());
  } finally {
    resolver._resolveFilename = resolve;
  }
}

async function createTemplate(): Promise<Template> {
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../../src/database/data-source.js');
  const { databaseUrl, serverUrl } = await import('./template.js');
  const name = `t_tpl_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = process.env.TEST_DATABASE_URL;

  if (!server) {
    const file = join(tmpdir(), `jifen-${name}.sqlite`);
    const source: DataSourceType = new DataSource(dataSourceOptions({ kind: 'sqlite', file }));
    await source.initialize();
    // Everything into the main file, so a copy of that one file is the whole database.
    await source.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await source.destroy();
    return { kind: 'sqlite', file };
  }

  const admin = await mysql.createConnection(serverUrl(server));
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const source: DataSourceType = new DataSource(dataSourceOptions({ kind: 'mysql', url: databaseUrl(server, name) }));
    await source.initialize();
    await source.destroy();
    // The tables a migration wrote rows into (`migrations`; any defaults a migration inserts).
    const [tables] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
      [name],
    );
    const tablesWithRows: string[] = [];
    for (const { name: table } of tables) {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(`SELECT 1 FROM \`${name}\`.\`${table}\` LIMIT 1`);
      if (rows.length > 0) tablesWithRows.push(table);
    }
    return { kind: 'mysql', database: name, tablesWithRows };
  } finally {
    await admin.end();
  }
}
