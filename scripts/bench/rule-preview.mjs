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

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 3_000_000);
const DAYS = 365;
const RUNS = 5;
// A year of activity in proportion: 2/3 of the entries are check-ins, 1/10 completed orders.
const CHECKINS = Math.floor(ENTRIES * 0.66);
const ORDERS = Math.floor(ENTRIES * 0.1);
const INVITES = Math.floor(MEMBERS * 0.1);

const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { RulePreviewService } = await import('../../server/dist/rules/rule-preview.service.js');
const { DEFAULT_RULES } = await import('../../shared/dist/index.js');

/** SQL that differs between the two: text concatenation, whole days and seconds added to a time. */
const dialects = {
  sqlite: {
    concat: (...parts) => parts.map((p) => `(${p})`).join(' || '),
    day: (base, days) => `date('${base}', '+' || (${days}) || ' days')`,
    time: (base, seconds) => `strftime('%Y-%m-%d %H:%M:%f', '${base}', '+' || (${seconds}) || ' seconds')`,
    div: (a, b) => `((${a}) / ${b})`,
  },
  mysql: {
    concat: (...parts) => `CONCAT(${parts.join(', ')})`,
    day: (base, days) => `DATE_FORMAT(DATE_ADD('${base}', INTERVAL (${days}) DAY), '%Y-%m-%d')`,
    time: (base, seconds) => `DATE_ADD('${base}', INTERVAL (${seconds}) SECOND)`,
    div: (a, b) => `((${a}) DIV ${b})`,
  },
};

/** Statements that fill the shop; `run(sql)` executes one. Rows come from a 0..999 digits table. */
async function generate(run, d) {
  const start = new Date(Date.now() - DAYS * 86_400_000);
  const base = start.toISOString().slice(0, 10);
  const baseTime = `${base} 00:00:00.000`;
  await run('CREATE TABLE bench_digits (n INT PRIMARY KEY)');
  await run(`INSERT INTO bench_digits (n) VALUES ${Array.from({ length: 1000 }, (_, i) => `(${i})`).join(', ')}`);
  const rows = (count) => `(SELECT a.n * 1000000 + b.n * 1000 + c.n AS i FROM bench_digits a, bench_digits b, bench_digits c
    WHERE a.n < ${Math.ceil(count / 1_000_000)} AND a.n * 1000000 + b.n * 1000 + c.n < ${count}) s`;
  const spread = (i, count) => `${d.div(`${i} * ${DAYS * 86_400}`, count)}`; // seconds into the year, in order

  await run(`INSERT INTO members (id, openid, nickname, role, tier, birthday, phone, signed_up_at, token_version, created_at, updated_at)
    SELECT i + 1, ${d.concat("'bench-'", 'i')}, ${d.concat("'会员'", 'i')}, 'member',
      CASE WHEN i % 20 = 0 THEN 'gold' WHEN i % 5 = 0 THEN 'silver' ELSE 'normal' END,
      CASE WHEN i % 3 = 0 THEN ${d.concat("'1990-'", `CASE WHEN i % 12 < 9 THEN ${d.concat("'0'", 'i % 12 + 1')} ELSE ${d.concat("''", 'i % 12 + 1')} END`, "'-15'")} ELSE NULL END,
      ${d.concat("'139'", 'i + 10000000')}, ${d.time(baseTime, spread('i', MEMBERS))}, 0, '${baseTime}', '${baseTime}'
    FROM ${rows(MEMBERS)}`);
  await run(`INSERT INTO points_accounts (member_id, available, pending, debt, earned_count, earned_total, updated_at)
    SELECT i + 1, (i * 37) % 3000, (i * 11) % 200, 0, 10, 3000, '${baseTime}' FROM ${rows(MEMBERS)}`);

  // Check-ins: each day a slice of members, each with a streak of 1–40.
  const perDay = Math.ceil(CHECKINS / DAYS);
  await run(`INSERT INTO checkins (member_id, day, kind, streak, birthday_month, points, created_at)
    SELECT (${d.div('i', DAYS)} * 7 + i % ${DAYS}) % ${MEMBERS} + 1, ${d.day(base, `i % ${DAYS}`)},
      CASE WHEN i % 97 = 0 THEN 'makeup' ELSE 'normal' END, i % 40 + 1, CASE WHEN i % 36 = 0 THEN 1 ELSE 0 END,
      10 + CASE WHEN (i % 40) % 7 = 6 THEN 50 ELSE 0 END,
      ${d.time(baseTime, `(i % ${DAYS}) * 86400 + 3600`)}
    FROM ${rows(Math.min(CHECKINS, perDay * DAYS))}`);

  await run(`INSERT INTO orders (order_no, member_id, status, source, goods_fen, coupon_fen, points, points_fen, pay_fen, refunded_fen,
      earn_points, earn_tier, earn_campaign_pct, earn_bonus, earn_state, address, remark, request_key, paid_at, completed_at, created_at, updated_at)
    SELECT ${d.concat("'B'", 'i')}, (i * 13) % ${MEMBERS} + 1, 'completed', 'shop', 1000 + (i % 50) * 990, 0, 0, 0, 1000 + (i % 50) * 990, 0,
      10 + (i % 50) * 9, CASE WHEN i % 5 = 0 THEN 'silver' ELSE 'normal' END, CASE WHEN i % 11 = 0 THEN 200 ELSE 100 END, 0, 'confirmed', '{}', '',
      ${d.concat("'bench:'", 'i')}, ${d.time(baseTime, spread('i', ORDERS))}, ${d.time(baseTime, `${spread('i', ORDERS)} + 86400`)},
      ${d.time(baseTime, spread('i', ORDERS))}, ${d.time(baseTime, spread('i', ORDERS))}
    FROM ${rows(ORDERS)}`);

  await run(`INSERT INTO invites (inviter_id, invitee_id, status, points, opened_at, signed_up_at, ordered_at)
    SELECT (i * 7919) % ${MEMBERS} + 1, i + 1, 'rewarded', 250, ${d.time(baseTime, spread('i', INVITES))},
      ${d.time(baseTime, spread('i', INVITES))}, ${d.time(baseTime, `${spread('i', INVITES)} + 172800`)}
    FROM ${rows(INVITES)}`);

  // The ledger: the gifts and invite rewards the preview looks up by key, then the year's other entries.
  const entry = (member, source, amount, key, at) => `${member}, 'earn', '${source}', ${amount}, 0, ${amount}, 0, 0, 'bench', 'x', ${key}, ${at}`;
  const columns = 'member_id, kind, source, amount, pending_delta, available_after, pending_after, debt_after, ref_type, ref_id, idempotency_key, created_at';
  await run(`INSERT INTO points_entries (${columns}) SELECT ${entry('i + 1', 'signup', 100, d.concat("'signup-gift:139'", 'i + 10000000'), d.time(baseTime, spread('i', MEMBERS)))} FROM ${rows(MEMBERS)}`);
  await run(`INSERT INTO points_entries (${columns}) SELECT ${entry(`(i * 7919) % ${MEMBERS} + 1`, 'invite', 50, d.concat("'invite-signup:'", 'i + 1'), d.time(baseTime, spread('i', INVITES)))} FROM ${rows(INVITES)}`);
  await run(`INSERT INTO points_entries (${columns}) SELECT ${entry(`(i * 7919) % ${MEMBERS} + 1`, 'invite', 200, d.concat("'invite-order:'", 'i + 1'), d.time(baseTime, spread('i', INVITES)))} FROM ${rows(INVITES)}`);
  const rest = ENTRIES - MEMBERS - 2 * INVITES;
  await run(`INSERT INTO points_entries (${columns}) SELECT ${entry(`i % ${MEMBERS} + 1`, 'checkin', 10, d.concat("'bench:'", 'i'), d.time(baseTime, spread('i', rest)))} FROM ${rows(rest)}`);
  await run('DROP TABLE bench_digits');
}

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
  await generate((sql) => db.exec(sql), dialects.sqlite);
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
    await generate((sql) => conn.query(sql), dialects.mysql);
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
