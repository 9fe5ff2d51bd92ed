#!/usr/bin/env node
// `npm run bench:api`: the real server (server/dist/main.js in its own process, as `npm start`
// runs it, demo shop loaded) on a fresh SQLite file and then on a throwaway MariaDB, loaded over
// HTTP at 16 and 64 connections: GET /api/health (the floor, measured at the start and the end
// of each round; the faster counts), GET /api/points, POST /api/checkin
// (every request a different member's first check-in of the day), a checkout flow (quote →
// order with a coupon and 100 points as cash → sandbox pay) and a points-mall redemption.
// Prints req/s (flows/s), p50, p99, the server's and this client's CPU µs per request, the
// server's RSS, each throughput
// ÷ health at the same connection count, and the targets. Members are signed in before the
// measured runs, as many as the warm-up's rates say the runs need (at most BENCH_MEMBERS
// check-in members and BENCH_SHOPPERS shoppers); BENCH_SECONDS sets the length of a run (5);
// BENCH_DB=sqlite or BENCH_DB=mariadb runs one database only.
// A benchmark, not a test: run it on a quiet machine.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { startMariadb } from '../lib/mariadb.mjs';
import { cannon, inParallel, jsonClient, measure, processStats, startServerProcess, withServerStats } from './lib.mjs';

const CONNECTIONS = [16, 64];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** At most this many members that check in once each: every measured check-in is a first one of the day. */
const CHECKIN_MEMBERS = Number(process.env.BENCH_MEMBERS ?? 40_000);
/** At most this many shoppers with the sign-up gift (100 points), an address and a 满100减20 coupon: one checkout flow each. */
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 6_000);
/** Members redeeming a 1-point mall item: the sign-up gift pays for 100 redemptions each. */
const MALL_MEMBERS = 300;
const SETUP_CONCURRENCY = 32;
const POINTS_AS_CASH = 100;
const TARGETS = {
  sqlite: { checkin: 0.30, checkout: 0.05, checkinP99: 15 },
  mariadb: { checkin: 0.15 },
  rssMb: 300,
};

/** Setup the HTTP API has no route for: SKU stock for the checkout runs and a bench mall item. */
async function sqlOn(url) {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('busy_timeout = 5000');
    return { query: async (sql, params = []) => (/^\s*select/i.test(sql) ? db.prepare(sql).all(...params) : db.prepare(sql).run(...params)), close: async () => db.close() };
  }
  const conn = await mysql.createConnection({ uri: url });
  return { query: async (sql, params = []) => (await conn.query(sql, params))[0], close: () => conn.end() };
}

/** A member by the development sign-in; with a phone, sign-up completed (the 100-point gift) and an address added. */
async function signIn(call, nickname, { phone } = {}) {
  const auth = await call('POST', '/api/auth/dev', { body: { nickname } });
  if (auth.status !== 200) throw new Error(`sign-in ${nickname}: ${auth.status} ${JSON.stringify(auth.body)}`);
  const member = { id: auth.body.member.id, token: auth.body.accessToken };
  if (!phone) return member;
  const token = member.token;
  const signup = await call('POST', '/api/me/phone/dev', { token, body: { phone } });
  if (signup.status !== 200 || signup.body.giftPoints !== 100) throw new Error(`sign-up ${nickname}: ${signup.status} ${JSON.stringify(signup.body)}`);
  const address = await call('POST', '/api/addresses', {
    token, body: { name: '收件人', phone, province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 1 号', isDefault: true },
  });
  if (address.status !== 200) throw new Error(`address ${nickname}: ${address.status} ${JSON.stringify(address.body)}`);
  return { ...member, addressId: address.body.id };
}

const phoneOf = (prefix, i) => `${prefix}${String(i).padStart(8, '0')}`;

/** Hands out consumable members in order (the list may grow), so no member is used twice. */
function pool(members) {
  let next = 0;
  return {
    take: () => members[next++],
    get left() { return members.length - next; },
  };
}

/** Appends `n` members made by `make(index)` to `list`, SETUP_CONCURRENCY at a time. */
async function grow(list, n, make) {
  const from = list.length;
  const made = new Array(n);
  await inParallel(n, SETUP_CONCURRENCY, async (i) => { made[i] = await make(from + i); });
  list.push(...made);
}

/**
 * A fixed-size run of about SECONDS at the last measured rate, within what the pool has left
 * for the runs to come (less a margin: autocannon prepares one request ahead per connection).
 */
const HEADROOM = 2 * Math.max(...CONNECTIONS);
const sized = (lastRate, left, runsLeft, connections) =>
  Math.max(4 * connections, Math.min(Math.floor((left - HEADROOM) / runsLeft), Math.ceil(lastRate * SECONDS)));

async function bench(label, kind, url) {
  const logFile = join(tmpdir(), `jifen-bench-api-${kind}-${randomBytes(3).toString('hex')}.log`);
  const server = await startServerProcess({
    logFile,
    env: {
      DATABASE_URL: url, SEED_DEMO: '1', LOG_REQUESTS: '0', JWT_SECRET: randomBytes(32).toString('hex'),
      MEDIA_DIR: join(tmpdir(), 'jifen-bench-media'),
    },
  });
  const sql = await sqlOn(url);
  const setup = jsonClient(server.baseUrl, SETUP_CONCURRENCY);
  let clean = false;
  try {
    const t0 = Date.now();
    // SKUs of ¥100 or more (the coupon's threshold) with stock for every flow; the flows rotate over them.
    await sql.query('UPDATE goods_skus SET stock = 10000000 WHERE price_fen >= 10000 AND stock > 0');
    const goods = (await setup.call('GET', '/api/catalog/goods')).body;
    const skus = [];
    for (const g of goods) {
      const detail = (await setup.call('GET', `/api/catalog/goods/${g.id}`)).body;
      skus.push(...detail.skus.filter((s) => s.priceFen >= 10_000 && s.stock > 0).map((s) => s.id));
    }
    if (skus.length === 0) throw new Error('no goods of ¥100 or more in the demo shop');
    const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
    await sql.query(`INSERT INTO mall_items (kind, title, subtitle, image, goods_id, points, stock, status, sort, created_at, updated_at)
      VALUES ('goods', '压测兑换品', '', '/x.png', ?, 1, 10000000, 'on', 99, ?, ?)`, [goods[0].id, now, now]);
    const [{ id: mallItemId }] = await sql.query('SELECT MAX(id) AS id FROM mall_items');
    const center = (await setup.call('GET', '/api/coupons/center')).body;
    const coupon = center.find((t) => t.name === '满100减20');
    if (!coupon) throw new Error('the demo coupon 满100减20 is not in the claim centre');

    const phase = (what, since) => console.log(`  ${label} setup: ${what} in ${((Date.now() - since) / 1000).toFixed(1)} s`);
    // Pools grow on demand: a first batch for the warm-up, then what the measured runs need at the warm-up's rate.
    const checkinMembers = [];
    const shoppers = [];
    const mallMembers = [];
    const addCheckinMembers = (n) => grow(checkinMembers, n, (i) => signIn(setup.call, `bench-c${i}`));
    const addShoppers = (n) => grow(shoppers, n, async (i) => {
      const s = await signIn(setup.call, `bench-s${i}`, { phone: phoneOf('139', i) });
      const claimed = await setup.call('POST', `/api/coupons/center/${coupon.id}/claim`, { token: s.token });
      if (claimed.status !== 200) throw new Error(`claim: ${claimed.status} ${JSON.stringify(claimed.body)}`);
      return { ...s, couponId: claimed.body.id, skuId: skus[i % skus.length] };
    });
    let t = Date.now();
    await addCheckinMembers(1_000);
    await addShoppers(200);
    await grow(mallMembers, MALL_MEMBERS, (i) => signIn(setup.call, `bench-m${i}`, { phone: phoneOf('137', i) }));
    phase(`1000 members, 200 shoppers (phone, address, coupon) and ${MALL_MEMBERS} mall members (phone, address) signed in`, t);

    const base = server.baseUrl;
    const checkinPool = pool(checkinMembers);
    const shopperPool = pool(shoppers);
    let mallNext = 0;
    let mallLeft = MALL_MEMBERS * 100;
    const rates = {};
    const notes = [];

    const health = (connections, duration) => cannon({ url: base, connections, duration, requests: [{ method: 'GET', path: '/api/health' }] });
    const points = (connections, duration) => {
      const tokens = checkinMembers.map((m) => `Bearer ${m.token}`);
      let i = 0;
      return cannon({
        url: base, connections, duration,
        requests: [{ method: 'GET', path: '/api/points', setupRequest: (req) => ({ ...req, headers: { authorization: tokens[i++ % tokens.length] } }) }],
      });
    };
    const checkin = async (connections, amount) => {
      let real = 0;
      let repeated = 0;
      const row = await cannon({
        url: base, connections, amount,
        requests: [{
          method: 'POST', path: '/api/checkin',
          setupRequest: (req) => {
            // Past the pool (never, given the headroom) a member repeats: counted below as a setup fault.
            const m = checkinPool.take() ?? checkinMembers.at(-1);
            return { ...req, headers: { authorization: `Bearer ${m.token}` } };
          },
          onResponse: (status, body) => {
            if (status !== 200) return;
            if (body.includes('"alreadyDone":false')) real++;
            else repeated++;
          },
        }],
      });
      if (repeated > 0) notes.push(`${repeated} check-in(s) at ${connections} connections were not a first check-in (bench setup fault)`);
      return { ...row, real };
    };
    const checkout = async (connections, flows) => {
      const client = jsonClient(base, connections);
      const failures = new Map();
      const fail = (step, res) => {
        const key = `${step} ${res.status} ${res.body?.code ?? ''}`.trim();
        failures.set(key, (failures.get(key) ?? 0) + 1);
      };
      const row = await measure('checkout flow', {
        workers: connections, total: flows,
        op: async () => {
          const s = shopperPool.take();
          const lines = [{ skuId: s.skuId, quantity: 1 }];
          const quote = await client.call('POST', '/api/checkout/quote', { token: s.token, body: { lines, couponId: s.couponId, points: POINTS_AS_CASH } });
          if (quote.status !== 200 || quote.body.couponFen <= 0) return fail('quote', quote);
          const order = await client.call('POST', '/api/orders', {
            token: s.token, body: { lines, couponId: quote.body.couponId, points: quote.body.points, addressId: s.addressId },
          });
          if (order.status !== 201 && order.status !== 200) return fail('order', order);
          const paid = await client.call('POST', `/api/pay/sandbox/${order.body.id}`, { token: s.token });
          if (paid.status !== 200 || paid.body.status !== 'paid') fail('pay', paid);
        },
      });
      client.close();
      const failed = [...failures.values()].reduce((a, b) => a + b, 0);
      return { ...row, failed, statuses: Object.fromEntries(failures) };
    };
    const redeem = (connections, amount) => {
      mallLeft -= amount;
      return cannon({
        url: base, connections, amount,
        requests: [{
          method: 'POST', path: `/api/mall/items/${mallItemId}/redeem`,
          setupRequest: (req) => {
            const m = mallMembers[mallNext++ % MALL_MEMBERS];
            return { ...req, headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ addressId: m.addressId }) };
          },
        }],
      });
    };

    // Warm-up: each route briefly at 16 connections; the consumable routes' rates size their runs.
    const warm = 16;
    await health(warm, 1);
    await points(warm, 1);
    rates.checkin = (await checkin(warm, 300)).ops;
    rates.checkout = (await checkout(warm, 60)).ops;
    rates.redeem = (await redeem(warm, 300)).ops;

    // Enough members for every measured check-in and checkout flow at the warm-up's rates (the
    // runs at 64 connections are sized by the runs at 16), within BENCH_MEMBERS / BENCH_SHOPPERS.
    const runs = CONNECTIONS.length;
    const need = (rate, max) => Math.min(max, Math.ceil(rate * SECONDS * runs * 1.5) + HEADROOM * runs);
    t = Date.now();
    const moreMembers = need(rates.checkin, CHECKIN_MEMBERS) - checkinPool.left;
    if (moreMembers > 0) await addCheckinMembers(moreMembers);
    const moreShoppers = need(rates.checkout, SHOPPERS) - shopperPool.left;
    if (moreShoppers > 0) await addShoppers(moreShoppers);
    phase(`${checkinMembers.length} members and ${shoppers.length} shoppers in all`, t);
    t = Date.now();
    // Sign-ups leave after-commit work (the new-member coupon): let it finish before measuring.
    for (let i = 0; Number((await sql.query("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'done'"))[0].n) > 0; i++) {
      if (i > 1200) throw new Error('the outbox did not drain in 120 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    phase('outbox drained', t);
    console.log(`${label}: ready in ${((Date.now() - t0) / 1000).toFixed(0)} s; server RSS ${processStats(server.pid).rssMb.toFixed(0)} MB`);

    const results = [];
    for (const [n, connections] of CONNECTIONS.entries()) {
      const runsLeft = CONNECTIONS.length - n;
      const rows = [];
      const run = async (name, fn, opts) => {
        const row = await withServerStats(name, server.pid, fn, opts);
        rows.push(row);
        return row;
      };
      await run('GET /api/health', () => health(connections, SECONDS));
      await run('GET /api/points', () => points(connections, SECONDS));
      const c = await run('POST /api/checkin', () => checkin(connections, sized(rates.checkin, checkinPool.left, runsLeft, connections)));
      rates.checkin = c.ops;
      const f = await run('checkout flow (3 req)', () => checkout(connections, sized(rates.checkout, shopperPool.left, runsLeft, connections)), { perOp: 3 });
      rates.checkout = f.ops;
      const r = await run('POST mall redeem', () => redeem(connections, sized(rates.redeem, mallLeft, runsLeft, connections)));
      rates.redeem = r.ops;
      // The floor again at the end of the round: this machine's speed drifts by up to 2× between
      // runs a minute apart, and a slow reading of the floor would flatter every ratio.
      await run('GET /api/health (again)', () => health(connections, SECONDS));
      if (c.real !== c.total) notes.push(`check-in at ${connections}: ${c.real} real check-ins of ${c.total} requests`);
      results.push({ connections, rows });
      printRows(`${label} — ${connections} connections (1-min load ${loadavg()[0].toFixed(1)}, this bench's client and server included)`, kind, rows, connections);
    }
    const finalRss = processStats(server.pid).rssMb;
    clean = true;
    return { label, kind, results, finalRss, notes };
  } finally {
    setup.close();
    await sql.close();
    await server.stop();
    if (clean) rmSync(logFile, { force: true });
    else console.error(`server log: ${logFile}`);
  }
}

const mark = (ok) => (ok ? '✓' : '✗');
const fixed = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '-');

/** The target printed beside a row, if it has one. */
function targetOf(kind, row, ratio, connections) {
  const t = TARGETS[kind];
  const parts = [];
  if (row.name === 'POST /api/checkin' && t.checkin) parts.push(`÷ ≥ ${t.checkin.toFixed(2)} ${mark(ratio >= t.checkin)}`);
  if (row.name === 'POST /api/checkin' && t.checkinP99 && connections === 16) parts.push(`p99 < ${t.checkinP99} ms ${mark(row.p99 < t.checkinP99)}`);
  if (row.name.startsWith('checkout') && t.checkout) parts.push(`÷ ≥ ${t.checkout.toFixed(2)} ${mark(ratio >= t.checkout)}`);
  parts.push(`RSS < ${TARGETS.rssMb} ${mark(row.rssMb < TARGETS.rssMb)}`);
  return parts.join('  ');
}

/** The floor of a round: the faster of its two health runs (noise only ever slows a run down). */
const floorOf = (rows) => Math.max(...rows.filter((r) => r.name.startsWith('GET /api/health')).map((r) => r.ops));

function printRows(title, kind, rows, connections) {
  const floor = floorOf(rows);
  console.log(`\n${title}`);
  console.log('case                         req/s    p50 ms   p99 ms  CPU µs/req  client µs  RSS MB  ÷ health  errors  targets');
  for (const row of rows) {
    const ratio = row.ops / floor;
    const unit = row.name.startsWith('checkout') ? ' flows' : '';
    console.log(`${row.name.padEnd(24)} ${fixed(row.ops).padStart(9)}${unit.padEnd(6)} ${fixed(row.p50, 2).padStart(6)} ${fixed(row.p99, 2).padStart(8)}` +
      ` ${fixed(row.cpuPerRequest).padStart(11)} ${fixed(row.clientCpuPerRequest).padStart(10)} ${fixed(row.rssMb).padStart(7)} ${fixed(ratio, 3).padStart(9)} ${String(row.failed).padStart(7)}  ${targetOf(kind, row, ratio, connections)}`);
    if (row.failed > 0) console.log(`    non-2xx or errors: ${JSON.stringify(row.statuses)}`);
  }
}

function summary(all) {
  console.log('\n==== summary (throughput ÷ health at the same connection count) ====');
  for (const { label, kind, results, finalRss, notes } of all) {
    console.log(`\n${label}`);
    console.log('case                      ' + results.map((r) => `${`${r.connections} conn: /s`.padStart(15)} ${'p99'.padStart(6)} ${'÷'.padStart(6)} ${'err'.padStart(4)}`).join('  '));
    for (const [i, { name }] of results[0].rows.entries()) {
      const cells = results.map(({ rows }) => {
        const row = rows[i];
        return `${fixed(row.ops).padStart(15)} ${fixed(row.p99, 1).padStart(6)} ${fixed(row.ops / floorOf(rows), 3).padStart(6)} ${String(row.failed).padStart(4)}`;
      });
      console.log(`${name.padEnd(26)}${cells.join('  ')}`);
    }
    const targets = TARGETS[kind];
    const checks = [];
    for (const { connections, rows } of results) {
      const [, , c, f] = rows;
      const h = { ops: floorOf(rows) };
      if (targets.checkin) checks.push(`check-in ÷ health @${connections} ${fixed(c.ops / h.ops, 3)} (≥ ${targets.checkin}) ${mark(c.ops / h.ops >= targets.checkin)}`);
      if (targets.checkout) checks.push(`checkout ÷ health @${connections} ${fixed(f.ops / h.ops, 3)} (≥ ${targets.checkout}) ${mark(f.ops / h.ops >= targets.checkout)}`);
      // The p99 target is at 16 connections: at 64, queueing alone puts the mean above 15 ms.
      if (targets.checkinP99 && connections === 16) checks.push(`check-in p99 @${connections} ${fixed(c.p99, 1)} ms (< ${targets.checkinP99}) ${mark(c.p99 < targets.checkinP99)}`);
    }
    checks.push(`RSS after the whole bench ${fixed(finalRss)} MB (< ${TARGETS.rssMb}) ${mark(finalRss < TARGETS.rssMb)}`);
    for (const line of checks) console.log(`  ${line}`);
    for (const note of notes) console.log(`  note: ${note}`);
  }
}

console.log(`API benchmark: the built server in its own process, ${CONNECTIONS.join(' and ')} connections, ${SECONDS} s runs (node ${process.version}; 1-min load ${loadavg()[0].toFixed(1)} before it starts)`);
const all = [];
const only = process.env.BENCH_DB;
const file = join(tmpdir(), `jifen-bench-api-${randomBytes(4).toString('hex')}.sqlite`);
if (only !== 'mariadb') {
  try {
    all.push(await bench('SQLite', 'sqlite', `sqlite:${file}`));
  } finally {
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  }
}
if (only !== 'sqlite') {
  const db = await startMariadb({ database: 'bench_api' });
  try {
    all.push(await bench('MariaDB', 'mariadb', db.url));
  } finally {
    await db.stop();
  }
}
summary(all);
