#!/usr/bin/env node
// `npm run bench:ledger`: on SQLite and on a throwaway MariaDB, with 16 concurrent workers:
// the raw baseline (a single-row INSERT and COMMIT through the same driver), then ledger
// earn and spend; ops/s, p50, p99 and the ratio ledger ÷ baseline. A benchmark, not a test.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { startMariadb } from '../lib/mariadb.mjs';
import { measure, printTable } from './lib.mjs';

const WORKERS = 16;
const OPS = Number(process.env.BENCH_OPS ?? 8000);
const MEMBERS = 1000;

const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { LedgerService } = await import('../../server/dist/ledger/ledger.service.js');
const { LedgerAudit } = await import('../../server/dist/ledger/ledger-audit.service.js');
const { DataSource } = await import('typeorm');

async function ledgerCases(url) {
  const app = await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false }, { logger: ['error'] });
  const ledger = app.get(LedgerService);
  const ds = app.get(DataSource);
  const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const ids = [];
  for (let i = 0; i < MEMBERS; i += 100) {
    const values = Array.from({ length: Math.min(100, MEMBERS - i) }, (_, j) => `('bench-${i + j}', 'b${i + j}', 'member', 'normal', 0, '${now}', '${now}')`);
    await ds.query(`INSERT INTO members (openid, nickname, role, tier, token_version, created_at, updated_at) VALUES ${values.join(', ')}`);
  }
  for (const row of await ds.query('SELECT id FROM members')) ids.push(Number(row.id));
  const member = (i) => ids[i % ids.length];
  const run = randomBytes(3).toString('hex');
  const earn = await measure('ledger earn', {
    workers: WORKERS, total: OPS,
    op: (i) => ledger.earn({ memberId: member(i), amount: 100, source: 'purchase', key: `b${run}-e${i}`, ref: { type: 'bench', id: i } }),
  });
  const spend = await measure('ledger spend', {
    workers: WORKERS, total: OPS,
    op: (i) => ledger.spend({ memberId: member(i), amount: 30, source: 'cash', key: `b${run}-s${i}`, ref: { type: 'bench', id: i } }),
  });
  const audit = await app.get(LedgerAudit).run();
  if (!audit.ok) throw new Error(`audit found drift after the benchmark: ${JSON.stringify(audit.drifts.slice(0, 3))}`);
  await app.close();
  return [earn, spend];
}

async function sqlite() {
  const file = join(tmpdir(), `jifen-bench-${randomBytes(4).toString('hex')}.sqlite`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // what the app runs with (TypeORM's enableWAL)
  db.exec('CREATE TABLE baseline (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT NOT NULL, v INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO baseline (k, v) VALUES (?, ?)');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  // One writer at a time, as in the app: each worker's transaction is its own turn.
  const baseline = await measure('baseline INSERT+COMMIT', {
    workers: WORKERS, total: OPS * 2,
    op: async (i) => { begin.run(); insert.run(`k${i}`, i); commit.run(); await null; },
  });
  db.close();
  const rows = await ledgerCases(`sqlite:${file}`);
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  return [baseline, ...rows];
}

async function mariadb() {
  const server = await startMariadb({ database: 'bench' });
  try {
    const pool = mysql.createPool({ uri: server.url, connectionLimit: WORKERS });
    await pool.query('CREATE TABLE baseline (id INT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(64) NOT NULL, v INT NOT NULL) ENGINE=InnoDB');
    const baseline = await measure('baseline INSERT+COMMIT', {
      workers: WORKERS, total: OPS * 2,
      op: async (i) => {
        const conn = await pool.getConnection();
        try {
          await conn.query('BEGIN');
          await conn.execute('INSERT INTO baseline (k, v) VALUES (?, ?)', [`k${i}`, i]);
          await conn.query('COMMIT');
        } finally {
          conn.release();
        }
      },
    });
    await pool.end();
    return [baseline, ...(await ledgerCases(server.url))];
  } finally {
    await server.stop();
  }
}

console.log(`ledger benchmark: ${WORKERS} workers, ${OPS} operations per case, ${MEMBERS} members (node ${process.version})`);
for (const [name, fn] of [['SQLite (WAL, synchronous=NORMAL)', sqlite], ['MariaDB (InnoDB, flush at commit)', mariadb]]) {
  const [baseline, ...rows] = await fn();
  printTable(name, [baseline, ...rows], baseline);
}
