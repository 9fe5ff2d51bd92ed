#!/usr/bin/env node
// `npm run bench:big-shop`: 管理's member marketing at chain scale. Builds a shop of 1M members
// and 20M ledger entries on a throwaway MariaDB (and 200k / 4M on SQLite), then measures, each
// beside a baseline run in the same process on the same data:
//   • 数据看板 (90 days) and the segment and tag counts — must answer in < 200 ms;
//     baseline: one COUNT(*) over the members;
//   • the nightly 流失预警 + RFM + rule-tag job in a process of its own — < 3 min, RSS < 400 MB;
//     baseline: one GROUP BY pass over the orders by member;
//   • a targeted batch to 100k members, start to done — < 60 s;
//     baseline: one INSERT … SELECT of 100k coupon rows (the least issuing them could cost).
// BENCH_MEMBERS / BENCH_ENTRIES scale the MariaDB shop (SQLite takes a fifth of each);
// BENCH_ONLY=sqlite|mariadb runs one. A benchmark, not a test.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { startMariadb } from '../lib/mariadb.mjs';
import { dialects, generateShop } from './shop-data.mjs';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20_000_000);
const RUNS = 5;

const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { DailyMetricsService } = await import('../../server/dist/reports/daily-metrics.service.js');
const { LedgerTotalsService } = await import('../../server/dist/reports/ledger-totals.service.js');
const { TagsService } = await import('../../server/dist/marketing/tags.service.js');
const { CouponBatchesService } = await import('../../server/dist/marketing/coupon-batches.service.js');
const { CouponsService } = await import('../../server/dist/coupons/coupons.service.js');
const { Db } = await import('../../server/dist/common/db.js');

const config = (url) => ({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false });
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(work) {
  const t0 = process.hrtime.bigint();
  const result = await work();
  return [ms(t0), result];
}
async function medianOf(work) {
  const times = [];
  for (let r = 0; r < RUNS; r++) times.push((await timed(work))[0]);
  return median(times);
}

/** Five categories for the orders' lines, and two rule tags for the nightly job to fill. */
async function extras(run, now) {
  for (let c = 1; c <= 5; c++) await run(`INSERT INTO categories (id, name, icon, sort, created_at, updated_at) VALUES (${c}, '分类${c}', '/a.png', ${c}, '${now}', '${now}')`);
  const rules = [['近90天买过分类1', { kind: 'bought_category', categoryId: 1, days: 90 }], ['积分1000以上', { kind: 'balance_at_least', points: 1000 }]];
  for (const [name, rule] of rules) {
    await run(`INSERT INTO tags (name, kind, segment_key, rule, member_count, counted_at, created_by, created_at, updated_at)
      VALUES ('${name}', 'rule', NULL, '${JSON.stringify(rule)}', 0, NULL, NULL, '${now}', '${now}')`);
  }
}

async function measure(name, url, members, entries, loadMs) {
  const TARGETED = Math.min(100_000, Math.floor(members / 2));
  const line = (what, value, unit, base, limit) => {
    const ratio = base ? `÷ baseline ${(value / base).toFixed(2)}`.padEnd(18) : ''.padEnd(18);
    const verdict = limit === undefined ? '' : value < limit ? `under ${limit >= 1000 ? `${limit / 1000} s` : `${limit} ${unit}`}` : `OVER ${limit >= 1000 ? `${limit / 1000} s` : `${limit} ${unit}`}`;
    console.log(`  ${what.padEnd(44)} ${value.toFixed(0).padStart(8)} ${unit.padEnd(3)} ${ratio} ${verdict}`);
  };
  console.log(`\n${name}: ${members} members, ${entries} ledger entries (made in ${(loadMs / 1000).toFixed(0)} s)`);

  // The reports' tables as the running server keeps them (its first ticks, timed for the record).
  let app = await createApp(config(url), { logger: ['error'] });
  const [foldMs] = await timed(async () => { while ((await app.get(LedgerTotalsService).fold()) > 0); });
  const [countMs] = await timed(() => app.get(DailyMetricsService).count());
  line('setup: ledger totals folded (first run)', foldMs, 'ms');
  line('setup: daily metrics backfilled (400 days)', countMs, 'ms');
  // The nightly job's floor: one aggregate pass over the orders by member, what any per-member score must read at least.
  const [passMs] = await timed(() => app.get(Db).rows('SELECT member_id, COUNT(*) AS n, SUM(pay_fen) AS fen, MAX(paid_at) AS last_at FROM orders GROUP BY member_id'));
  await app.close();

  // The nightly job, alone in a process.
  const nightly = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, 'big-shop-nightly.mjs'), url], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop());
  const job = nightly.churnMs + nightly.placeMs + nightly.refillMs;
  nightly.baselineMs = passMs;
  line('baseline: GROUP BY pass over orders', passMs, 'ms');
  line(`nightly: 流失预警 scored ${nightly.scored}`, nightly.churnMs, 'ms', nightly.baselineMs);
  line(`nightly: RFM placed ${nightly.placed}`, nightly.placeMs, 'ms', nightly.baselineMs);
  line(`(by day: ${nightly.refilled} rule tags first filled)`, nightly.fillMs, 'ms', nightly.baselineMs);
  line(`nightly: ${nightly.refilled} rule tags refilled`, nightly.refillMs, 'ms', nightly.baselineMs);
  line('nightly: the whole job', job, 'ms', nightly.baselineMs, 180_000);
  line('nightly: peak RSS of its process', nightly.maxRssMb, 'MB', undefined, 400);

  app = await createApp(config(url), { logger: ['error'] });
  const db = app.get(Db);
  const tags = app.get(TagsService);
  const batches = app.get(CouponBatchesService);
  const baseline = await medianOf(() => db.rows('SELECT COUNT(*) AS n FROM members'));
  line('baseline: COUNT(*) of members', baseline, 'ms');
  line('数据看板, 90 days', await medianOf(() => app.get(DailyMetricsService).dashboard(90)), 'ms', baseline, 200);
  const list = await tags.list();
  line('分群与标签: every count', await medianOf(() => tags.list()), 'ms', baseline, 200);
  const biggest = list.filter((t) => t.kind === 'segment').sort((a, b) => b.members - a.members)[0];
  line(`定向发券 count: ${biggest.name} (${biggest.members})`, await medianOf(() => batches.preview(biggest.id)), 'ms', baseline, 200);

  // A 100k targeted batch.
  const tag = await tags.create({ name: '十万名单' }, 1);
  await db.unit(() => db.exec(`INSERT INTO member_tags (tag_id, member_id, created_at) SELECT ?, id, created_at FROM members WHERE id <= ${TARGETED}`, [tag.id]));
  await db.unit(() => db.exec('UPDATE tags SET member_count = ? WHERE id = ?', [TARGETED, tag.id]));
  const template = await app.get(CouponsService).createTemplate({
    name: '十万券', kind: 'no_threshold', thresholdFen: 0, amountFen: 500, scope: 'all', channel: 'targeted', validity: { type: 'relative', days: 7 }, perMember: 1,
  });
  const at = new Date().toISOString().slice(0, 23).replace('T', ' ');
  const [floorMs] = await timed(() => db.unit(async () => {
    await db.exec(`INSERT INTO coupons (template_id, member_id, state, starts_at, ends_at, order_id, issue_key, channel, batch_id, received_at, used_at, created_at, updated_at)
      SELECT ${template.id}, id, 'available', '${at}', '${at}', NULL, ${url.startsWith('mysql') ? "CONCAT('floor:', id)" : "'floor:' || id"}, 'targeted', NULL, '${at}', NULL, '${at}', '${at}' FROM members WHERE id <= ${TARGETED}`);
    await db.exec("DELETE FROM coupons WHERE issue_key LIKE 'floor:%'");
  }));
  const [batchMs, done] = await timed(async () => {
    const batch = await batches.targeted({ templateId: template.id, tagId: tag.id }, 1, `bench-${randomBytes(4).toString('hex')}`);
    await batches.sendAll();
    return batches.get(batch.id);
  });
  line(`baseline: INSERT … SELECT of ${TARGETED} coupons`, floorMs, 'ms');
  line(`定向发券 to ${TARGETED}: issued ${done.issued}`, batchMs, 'ms', floorMs, 60_000);
  await app.close();
}

async function sqlite() {
  const members = Math.floor(MEMBERS / 5);
  const entries = Math.floor(ENTRIES / 5);
  const file = join(tmpdir(), `jifen-big-shop-${randomBytes(4).toString('hex')}.sqlite`);
  const url = `sqlite:${file}`;
  await (await createApp(config(url), { logger: ['error'] })).close(); // migrates
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const t0 = process.hrtime.bigint();
  db.exec('BEGIN');
  await generateShop((sql) => db.exec(sql), dialects.sqlite, { members, entries });
  await extras((sql) => db.exec(sql), new Date().toISOString().slice(0, 23).replace('T', ' '));
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.close();
  try {
    await measure('SQLite', url, members, entries, ms(t0));
  } finally {
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  }
}

async function mariadb() {
  // A cache a server for a chain would have (the data is several GB; 24 GiB here).
  const server = await startMariadb({ database: 'bench', bufferPool: '4G' });
  try {
    await (await createApp(config(server.url), { logger: ['error'] })).close();
    const conn = await mysql.createConnection({ uri: server.url });
    const t0 = process.hrtime.bigint();
    await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
    await generateShop((sql) => conn.query(sql), dialects.mysql, { members: MEMBERS, entries: ENTRIES });
    await extras((sql) => conn.query(sql), new Date().toISOString().slice(0, 23).replace('T', ' '));
    await conn.query('ANALYZE TABLE members, checkins, orders, order_lines, invites, points_entries, points_accounts');
    await conn.end();
    await measure('MariaDB', server.url, MEMBERS, ENTRIES, ms(t0));
  } finally {
    await server.stop();
  }
}

console.log(`big-shop benchmark (node ${process.version}); limits: counts < 200 ms, nightly < 3 min and < 400 MB, 100k batch < 60 s`);
const only = process.env.BENCH_ONLY;
for (const [name, fn] of [['sqlite', sqlite], ['mariadb', mariadb]].filter(([n]) => !only || n === only)) await fn();
