#!/usr/bin/env node
// `npm run bench:flash`: a flash sale in the points mall. On SQLite and on a throwaway MariaDB,
// 10,000 redemption requests over HTTP (64 at a time, 2,000 members) race for 100 goods in
// stock, each winner's goods becoming an order to ship; prints req/s, p50, p99 and the
// oversold count (must be 0), and the ratio to a baseline measured in the same run: the same
// number of authenticated GET /api/points over the same HTTP stack. A benchmark, not a test.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMariadb } from '../lib/mariadb.mjs';
import { measure, printTable } from './lib.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = 64;
const MEMBERS = 2_000;
const STOCK = 100;

const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { LedgerService } = await import('../../server/dist/ledger/ledger.service.js');
const { LedgerAudit } = await import('../../server/dist/ledger/ledger-audit.service.js');
const { TokensService } = await import('../../server/dist/auth/tokens.service.js');
const { DataSource } = await import('typeorm');

async function flash(url, label) {
  const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, MEDIA_DIR: join(tmpdir(), 'jifen-bench-media') }), logRequests: false };
  const app = await createApp(config, { logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const ds = app.get(DataSource);
  const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
  for (let i = 0; i < MEMBERS; i += 200) {
    const rows = Array.from({ length: Math.min(200, MEMBERS - i) }, (_, j) => `('flash-${i + j}', 'f${i + j}', 'member', 'normal', 0, '${now}', '${now}')`);
    await ds.query(`INSERT INTO members (openid, nickname, role, tier, token_version, created_at, updated_at) VALUES ${rows.join(', ')}`);
  }
  const members = (await ds.query('SELECT id, role, token_version FROM members ORDER BY id')).map((r) => ({ id: Number(r.id), role: r.role, tokenVersion: Number(r.token_version) }));
  const ledger = app.get(LedgerService);
  for (const m of members) await ledger.earn({ memberId: m.id, amount: 1_000, source: 'purchase', key: `flash-grant-${m.id}`, ref: { type: 'bench', id: m.id } });
  // Each member's shipping address (goods redemptions ship to one).
  for (let i = 0; i < members.length; i += 200) {
    const rows = members.slice(i, i + 200).map((m) => `(${m.id}, '收件人', '13900000000', '上海市', '上海市', '黄浦区', '南京东路 1 号', 1, 0, '${now}', '${now}')`);
    await ds.query(`INSERT INTO addresses (member_id, name, phone, province, city, district, detail, is_default, deleted, created_at, updated_at) VALUES ${rows.join(', ')}`);
  }
  const addressOf = new Map((await ds.query('SELECT id, member_id FROM addresses')).map((r) => [Number(r.member_id), Number(r.id)]));
  await ds.query(`INSERT INTO mall_items (kind, title, subtitle, image, points, stock, status, sort, created_at, updated_at) VALUES ('goods', '秒杀', '', '/x.png', 300, ${STOCK}, 'on', 0, '${now}', '${now}')`);
  const [{ id: itemId }] = await ds.query('SELECT MAX(id) AS id FROM mall_items');
  // Only the access token is used: the refresh family does not matter here.
  const tokens = members.map((m) => app.get(TokensService).issue(m, { family: 0, generation: 0 }).accessToken);

  const baseline = await measure(`${REQUESTS} GET /api/points`, {
    workers: CONCURRENCY, total: REQUESTS,
    op: async (i) => {
      const res = await fetch(`${base}/api/points`, { headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } });
      if (res.status !== 200) throw new Error(`baseline: ${res.status}`);
      await res.arrayBuffer();
    },
  });

  let ok = 0;
  let soldOut = 0;
  let other = 0;
  const row = await measure(`${REQUESTS} redemptions`, {
    workers: CONCURRENCY, total: REQUESTS,
    op: async (i) => {
      const member = members[i % members.length];
      const res = await fetch(`${base}/api/mall/items/${itemId}/redeem`, {
        method: 'POST', headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ addressId: addressOf.get(member.id) }),
      });
      const body = await res.json();
      if (res.status === 200) ok++;
      else if (body.code === 'MALL_SOLD_OUT') soldOut++;
      else other++;
    },
  });
  const [{ stock }] = await ds.query('SELECT stock FROM mall_items WHERE id = ?', [itemId]);
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM mall_redemptions WHERE item_id = ?', [itemId]);
  const [{ orders }] = await ds.query("SELECT COUNT(*) AS orders FROM orders WHERE source = 'mall'");
  const audit = await app.get(LedgerAudit).run();
  await app.close();
  printTable(label, [baseline, row], baseline);
  console.log(`succeeded ${ok}, sold out ${soldOut}, other errors ${other}; stock left ${stock}; redemptions ${n}; orders to ship ${orders}; ` +
    `oversold ${Math.max(0, Number(n) - STOCK)}; ledger audit ${audit.ok ? 'clean' : `${audit.drifts.length} drift(s)`}`);
}

console.log(`flash-sale benchmark: ${REQUESTS} requests, ${CONCURRENCY} at a time, ${MEMBERS} members, ${STOCK} in stock (node ${process.version})`);
const file = join(tmpdir(), `jifen-flash-${randomBytes(4).toString('hex')}.sqlite`);
await flash(`sqlite:${file}`, 'SQLite');
for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const db = await startMariadb({ database: 'flash' });
try {
  await flash(db.url, 'MariaDB');
} finally {
  await db.stop();
}
