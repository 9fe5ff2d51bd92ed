// A generated shop for benchmarks, made by the database itself (INSERT … SELECT over a digits
// table, no rows through Node): members and accounts, a year of check-ins, completed orders with
// their lines, invites, and the ledger entries behind them, in the proportions of a real shop.
/** SQL that differs between the two: text concatenation, whole days and seconds added to a time. */
export const dialects = {
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
export async function generateShop(run, d, { members: MEMBERS, entries: ENTRIES, days: DAYS = 365 }) {
  // A year of activity in proportion: 2/3 of the entries are check-ins, 1/10 completed orders.
  const CHECKINS = Math.floor(ENTRIES * 0.66);
  const ORDERS = Math.floor(ENTRIES * 0.1);
  const INVITES = Math.floor(MEMBERS * 0.1);
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

  // One line per order, in one of five categories (ids 1–5; the caller makes the categories if it needs them).
  await run(`INSERT INTO order_lines (order_id, goods_id, sku_id, category_id, title, sku_name, image, price_fen, quantity, amount_fen, coupon_fen, points, refunded_quantity)
    SELECT id, 1, 1, id % 5 + 1, '商品', '默认', '/a.png', pay_fen, 1, pay_fen, 0, 0, 0 FROM orders`);

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

