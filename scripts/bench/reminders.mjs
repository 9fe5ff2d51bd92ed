#!/usr/bin/env node
// `npm run bench:reminders`: 积分过期提醒 for a shop of 100k members holding 1M points lots, a
// third of them lapsing within 30 days, on SQLite and on a throwaway MariaDB. The built server
// runs in its own process (as `npm start` does) against the fake WeChat over real HTTP:
//   1. its daily scan finds the members whose points lapse in 30 or 7 days and queues a notice
//      and a WeChat message for each: must finish in < 60 s with the server's RSS < 300 MB;
//   2. its sender drains the queue against the fake WeChat: must reach ≥ 500 sends/s.
// The baseline, measured in the same run on the same data, is one aggregate scan of the lots
// (the least any expiry scan costs). BENCH_MEMBERS scales it down; BENCH_ONLY=sqlite|mariadb runs one;
// BENCH_SERVER_NODE_ARGS (e.g. --max-old-space-size=96, --cpu-prof) go to the server's node: V8 lets garbage
// pile up when memory is plentiful, so the peak RSS says more about its heuristics than about leaks;
// BENCH_RSS_TRACE=1 prints the server's RSS as it goes. A benchmark, not a test.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { transformSync } from '@swc/core';
import { startMariadb } from '../lib/mariadb.mjs';
import { processStats, startServerProcess } from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const LOTS_PER_MEMBER = 10;
const APPID = 'wx0123456789abcdef';
const SECRET = 'bench-secret';
const TEMPLATE = 'tpl-bench-expiring';
const TEMPLATES = { points_expiring: { id: TEMPLATE, fields: { thing1: ['thing', 'title'], number2: ['number', 'points'], date3: ['date', 'date'] } } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A UTC datetime as either driver returns it (a Date from mysql2, text from SQLite), in ms. */
const toMs = (v) => (v instanceof Date ? v.getTime() : new Date(`${String(v).replace(' ', 'T')}Z`).getTime());

/** The fake WeChat is TypeScript beside the server's tests: compiled here with swc (a dev dependency). */
async function loadFakeWechat() {
  const dir = join(tmpdir(), `jifen-fake-wechat-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  for (const name of ['server', 'pay']) {
    const source = readFileSync(join(root, `server/test/fake-wechat/${name}.ts`), 'utf8');
    const { code } = transformSync(source, { filename: `${name}.ts`, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } });
    writeFileSync(join(dir, `${name}.js`), code);
  }
  return (await import(join(dir, 'server.js'))).FakeWechat;
}

const dialects = {
  sqlite: {
    concat: (...parts) => parts.map((p) => `(${p})`).join(' || '),
    time: (base, seconds) => `strftime('%Y-%m-%d %H:%M:%f', '${base}', '+' || (${seconds}) || ' seconds')`,
    div: (a, b) => `((${a}) / ${b})`,
  },
  mysql: {
    concat: (...parts) => `CONCAT(${parts.join(', ')})`,
    time: (base, seconds) => `DATE_ADD('${base}', INTERVAL (${seconds}) SECOND)`,
    div: (a, b) => `((${a}) DIV ${b})`,
  },
};

/**
 * Members with a WeChat openid and one consent each for the template, and their lots: every
 * third lot lapses on one of the next 30 Shanghai days, the others 2–12 months out.
 */
async function generate(run, d, todayStart) {
  const at = todayStart.toISOString().replace('T', ' ').slice(0, 23);
  const lots = MEMBERS * LOTS_PER_MEMBER;
  await run('CREATE TABLE bench_digits (n INT PRIMARY KEY)');
  await run(`INSERT INTO bench_digits (n) VALUES ${Array.from({ length: 1000 }, (_, i) => `(${i})`).join(', ')}`);
  const rows = (count) => `(SELECT a.n * 1000000 + b.n * 1000 + c.n AS i FROM bench_digits a, bench_digits b, bench_digits c
    WHERE a.n < ${Math.ceil(count / 1_000_000)} AND a.n * 1000000 + b.n * 1000 + c.n < ${count}) s`;
  await run(`INSERT INTO members (id, openid, nickname, role, tier, token_version, created_at, updated_at)
    SELECT i + 1, ${d.concat("'o-bench-'", 'i + 1')}, ${d.concat("'会员'", 'i')}, 'member', 'normal', 0, '${at}', '${at}' FROM ${rows(MEMBERS)}`);
  await run(`INSERT INTO reminder_credits (member_id, template_id, credits, updated_at) SELECT i + 1, '${TEMPLATE}', 1, '${at}' FROM ${rows(MEMBERS)}`);
  // Lot i is member i % MEMBERS's; lots point at entry i + 1 (the entries themselves are not made: the scan reads lots only).
  const days = `CASE WHEN i % 3 = 0 THEN ${d.div('i', 3)} % 30 + 1 ELSE 60 + i % 300 END`;
  await run(`INSERT INTO points_lots (member_id, entry_id, amount, remaining, expires_at)
    SELECT i % ${MEMBERS} + 1, i + 1, 100, CASE WHEN i % 7 = 0 THEN 40 ELSE 100 END, ${d.time(at, `(${days}) * 86400 + 86399`)} FROM ${rows(lots)}`);
  await run('DROP TABLE bench_digits');
}

/** Members with points lapsing on the Shanghai day `days` from today: the reminders one scan must queue. */
const EXPECTED = (start, end) => `SELECT COUNT(DISTINCT member_id) AS n FROM points_lots WHERE expires_at >= '${start}' AND expires_at < '${end}' AND remaining > 0`;
const BASELINE = 'SELECT COUNT(*) AS n, SUM(remaining) AS s FROM points_lots';

async function measure(name, url, query, FakeWechat, todayStart) {
  const day = (n) => new Date(todayStart.getTime() + n * 86_400_000).toISOString().replace('T', ' ').slice(0, 23);
  const expected = Number((await query(EXPECTED(day(7), day(8))))[0].n) + Number((await query(EXPECTED(day(30), day(31))))[0].n);
  const t0 = process.hrtime.bigint();
  await query(BASELINE);
  const baselineMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const wechat = await new FakeWechat({ appId: APPID, secret: SECRET }).start();
  wechat.defineTemplate(TEMPLATE, { thing1: 'thing', number2: 'number', date3: 'date' });
  for (let m = 1; m <= MEMBERS; m++) wechat.grantCredit(`o-bench-${m}`, TEMPLATE);
  const logFile = join(root, 'artifacts', `bench-reminders-${name.toLowerCase()}.log`);
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  const server = await startServerProcess({
    logFile,
    nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    env: {
      NODE_ENV: 'test', DATABASE_URL: url, JWT_SECRET: randomBytes(32).toString('hex'), SEED_DEMO: '0', LOG_REQUESTS: '0', OUTBOX_POLL_MS: '0', JOBS_TICK_MS: '500',
      WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: wechat.baseUrl, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES),
    },
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, processStats(server.pid).rssMb);
      if (process.env.BENCH_RSS_TRACE && Date.now() % 2000 < 100) console.log('rss', processStats(server.pid).rssMb.toFixed(0));
    } catch { /* exited */ }
  }, 100);
  try {
    // 1. The scan: the first job tick runs it (a daily job that has never run is due at once).
    const count = async (sql) => Number((await query(sql))[0].n);
    const started = Date.now();
    while ((await count("SELECT COUNT(*) AS n FROM reminder_sends WHERE kind = 'points_expiring'")) < expected) {
      if (Date.now() - started > 600_000) throw new Error('the scan did not finish in 10 minutes');
      await sleep(200);
    }
    const span = (await query("SELECT MIN(created_at) AS a, MAX(created_at) AS b FROM messages WHERE kind = 'points_expiring'"))[0];
    const scanMs = toMs(span.b) - toMs(span.a);
    const scanRss = peakRss;
    // 2. The sender. Queued in quiet hours the sends would wait for 08:00: it is 08:00 now.
    await query(`UPDATE reminder_sends SET next_at = '${new Date(Date.now() - 1000).toISOString().replace('T', ' ').slice(0, 23)}'`);
    const drainStarted = Date.now();
    const cpuBefore = processStats(server.pid).cpuMicros;
    while ((await count("SELECT COUNT(*) AS n FROM reminder_sends WHERE status = 'queued' OR status = 'sending'")) > 0) {
      if (Date.now() - drainStarted > 900_000) throw new Error('the sender did not drain in 15 minutes');
      await sleep(500);
    }
    const sent = await count("SELECT COUNT(*) AS n FROM reminder_sends WHERE status = 'sent'");
    const cpuPerSend = (processStats(server.pid).cpuMicros - cpuBefore) / sent;
    const sentSpan = (await query("SELECT MIN(sent_at) AS a, MAX(sent_at) AS b FROM reminder_sends WHERE status = 'sent'"))[0];
    const sendSeconds = (toMs(sentSpan.b) - toMs(sentSpan.a)) / 1000;
    return { expected, baselineMs, scanMs, scanRss, sent, received: wechat.messages.length, sendRate: sent / sendSeconds, peakRss, cpuPerSend };
  } finally {
    clearInterval(sampler);
    await server.stop();
    await wechat.stop();
  }
}

function report(name, r, loadMs) {
  console.log(`\n${name} (data made in ${(loadMs / 1000).toFixed(0)} s)`);
  console.log(`  baseline: one scan of the lots          ${r.baselineMs.toFixed(0).padStart(7)} ms`);
  console.log(`  expiry scan: ${r.expected} reminders queued   ${r.scanMs.toFixed(0).padStart(7)} ms   ÷ baseline ${(r.scanMs / r.baselineMs).toFixed(1)}   ${r.scanMs < 60_000 ? 'under' : 'OVER'} 60 s`);
  console.log(`  server RSS during the scan               ${r.scanRss.toFixed(0).padStart(7)} MB   ${r.scanRss < 300 ? 'under' : 'OVER'} 300 MB (peak overall ${r.peakRss.toFixed(0)} MB)`);
  console.log(`  sender: ${r.sent} sent, ${r.received} received by the fake WeChat   ${r.sendRate.toFixed(0).padStart(5)} sends/s   ${r.sendRate >= 500 ? 'at least' : 'UNDER'} 500/s   (server CPU ${(r.cpuPerSend / 1000).toFixed(2)} ms a send)`);
}

/** 00:00 Shanghai today, as a UTC instant: the lots lapse at the end of Shanghai days from it. */
function shanghaiToday() {
  const local = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * 3600_000);
}

async function migrate(url) {
  const { loadConfig } = await import('../../server/dist/config/config.js');
  const { createApp } = await import('../../server/dist/app.factory.js');
  await (await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false }, { logger: ['error'] })).close();
}

async function sqlite(FakeWechat) {
  const file = join(tmpdir(), `jifen-reminders-${randomBytes(4).toString('hex')}.sqlite`);
  const url = `sqlite:${file}`;
  await migrate(url);
  const today = shanghaiToday();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = OFF');
  const t0 = Date.now();
  db.exec('BEGIN');
  await generate((sql) => db.exec(sql), dialects.sqlite, today);
  db.exec('COMMIT');
  db.exec('ANALYZE');
  const loadMs = Date.now() - t0;
  try {
    return [await measure('SQLite', url, async (sql) => (sql.startsWith('UPDATE') ? [db.prepare(sql).run()] : db.prepare(sql).all()), FakeWechat, today), loadMs];
  } finally {
    db.close();
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  }
}

async function mariadb(FakeWechat) {
  const server = await startMariadb({ database: 'bench' });
  try {
    await migrate(server.url);
    const today = shanghaiToday();
    const conn = await mysql.createConnection({ uri: server.url });
    const t0 = Date.now();
    await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
    await generate((sql) => conn.query(sql), dialects.mysql, today);
    await conn.query('ANALYZE TABLE members, points_lots, reminder_credits');
    const loadMs = Date.now() - t0;
    try {
      return [await measure('MariaDB', server.url, async (sql) => (await conn.query(sql))[0], FakeWechat, today), loadMs];
    } finally {
      await conn.end();
    }
  } finally {
    await server.stop();
  }
}

console.log(`reminders benchmark: ${MEMBERS} members, ${MEMBERS * LOTS_PER_MEMBER} lots (a third lapsing within 30 days), node ${process.version}`);
const FakeWechat = await loadFakeWechat();
const only = process.env.BENCH_ONLY; // sqlite | mariadb
for (const [name, fn] of [['SQLite', sqlite], ['MariaDB', mariadb]].filter(([n]) => !only || n.toLowerCase() === only)) {
  const [result, loadMs] = await fn(FakeWechat);
  report(name, result, loadMs);
}
