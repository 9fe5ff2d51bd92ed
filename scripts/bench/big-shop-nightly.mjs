// The nightly member jobs of a big shop in a process of their own, so its memory is theirs alone:
// 流失预警's scores, then the RFM groups and the rule tags. Run by big-shop.mjs with the database
// URL; prints one JSON line: each step's milliseconds, a baseline, and the process's peak RSS.
const url = process.argv[2];
const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { ChurnService } = await import('../../server/dist/reports/churn.service.js');
const { SegmentsService } = await import('../../server/dist/marketing/segments.service.js');
const { TagsService } = await import('../../server/dist/marketing/tags.service.js');
const { Db } = await import('../../server/dist/common/db.js');

const app = await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false }, { logger: ['error'] });
const time = async (work) => {
  const t0 = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - t0) / 1e6, result];
};
// The floor: one aggregate pass over the orders by member, what any per-member score must read at least.
const [baselineMs] = await time(() => app.get(Db).rows('SELECT member_id, COUNT(*) AS n, SUM(pay_fen) AS fen, MAX(paid_at) AS last_at FROM orders GROUP BY member_id'));
const [churnMs, scored] = await time(() => app.get(ChurnService).score());
const [placeMs, placed] = await time(() => app.get(SegmentsService).place());
const [refillMs, refilled] = await time(() => app.get(TagsService).refillRuleTags());
await app.close();
console.log(JSON.stringify({ baselineMs, churnMs, placeMs, refillMs, scored, placed, refilled, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
