#!/usr/bin/env node
// `npm run bench:preview`: 管理 → 规则 → 预览影响 on a shop of 100k members and 3M ledger entries
// (a year of check-ins, orders, sign-ups and invites), on SQLite and on a throwaway MariaDB.
// Prints the preview's time (median of 5) beside a baseline measured in the same run on the same
// data: one aggregate scan of the ledger (SELECT COUNT(*), SUM(amount) FROM points_entries),
// the least a preview that read the ledger would cost. The preview must answer in < 3 s.
// BENCH_MEMBERS / BENCH_ENTRIES scale it down for a quick look; BENCH_ONLY=sqlite|mariadb runs one. A benchmark, not a test.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { startMariadb } from '../lib/mariadb.mjs';
import { dialects, generateShop } from './shop-data.mjs';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 3_000_000);
const DAYS = 365;
const RUNS = 5;
const CHECKINS = Math.floor(ENTRIES * 0.66);
const ORDERS = Math.floor(ENTRIES * 0.1);

const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { RulePreviewService } = await import('../../server/dist/rules/rule-preview.service.js');
const { DEFAULT_RULES } = await import('../../shared/dist/index.js');

async function measureOn(url, baseline) {
  const app = await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false }, { logger: ['error'] });
  const preview = app.get(RulePreviewService);
  const draft = { ...DEFAULT_RULES.checkin, basePoints: 20 };
  const times = { preview: [], baseline: [] };
  let last;
  for (let r = 0; r < RUNS; r++) {
    let t0 = process.hrtime.bigint();
    await baseline();
    times.baseline.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    last = await preview.preview('checkin', draft);
    times.preview.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await app.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { preview: median(times.preview), baseline: median(times.baseline), last };
}

function report(name, { preview, baseline, last }, loadMs) {
  const events = last.sources.map((s) => `${s.source} ${s.events}`).join(', ');
  console.log(`\n${name} (data made in ${(loadMs / 1000).toFixed(0)} s)`);
  console.log(`  baseline: one scan of the ledger   ${baseline.toFixed(0).padStart(6)} ms`);
  console.log(`  preview over 30 days               ${preview.toFixed(0).padStart(6)} ms   ÷ baseline ${(preview / baseline).toFixed(2)}   ${preview < 3000 ? 'under' : 'OVER'} 3 s`);
  console.log(`  window: ${events}; ${last.actual} points issued, ${last.draft} under the draft`);
}

const SCAN = 'SELECT COUNT(*) AS n, SUM(amount) AS s FROM points_entries';

async function sqlite() {
  const file = join(tmpdir(), `jifen-preview-${randomBytes(4).toString('hex')}.sqlite`);
  const url = `sqlite:${file}`;
  await (await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false }, { logger: ['error'] })).close(); // migrates
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const t0 = Date.now();
  db.exec('BEGIN');
  await generateShop((sql) => db.exec(sql), dialects.sqlite, { members: MEMBERS, entries: ENTRIES, days: DAYS });
  db.exec('COMMIT');
  db.exec('ANALYZE');
  const loadMs = Date.now() - t0;
  const scan = db.prepare(SCAN);
  const result = await measureOn(url, () => scan.get());
  db.close();
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  return [result, loadMs];
}

async function mariadb() {
  const server = await startMariadb({ database: 'bench' });
  try {
    await (await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: server.url }), logRequests: false }, { logger: ['error'] })).close();
    const conn = await mysql.createConnection({ uri: server.url });
    const t0 = Date.now();
    await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
    await generateShop((sql) => conn.query(sql), dialects.mysql, { members: MEMBERS, entries: ENTRIES, days: DAYS });
    await conn.query('ANALYZE TABLE members, checkins, orders, invites, points_entries, points_accounts');
    const loadMs = Date.now() - t0;
    const result = await measureOn(server.url, () => conn.query(SCAN));
    await conn.end();
    return [result, loadMs];
  } finally {
    await server.stop();
  }
}

console.log(`rules preview benchmark: ${MEMBERS} members, ${ENTRIES} ledger entries, ${CHECKINS} check-ins and ${ORDERS} orders over ${DAYS} days (node ${process.version})`);
const only = process.env.BENCH_ONLY; // sqlite | mariadb
for (const [name, fn] of [['SQLite', sqlite], ['MariaDB', mariadb]].filter(([n]) => !only || n.toLowerCase() === only)) {
  const [result, loadMs] = await fn();
  report(name, result, loadMs);
}
