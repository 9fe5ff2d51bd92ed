// The nightly member jobs of a big shop in a process of their own, so its memory is theirs alone:
// 流失预警's scores, then the RFM groups and the rule tags. Run by big-shop.mjs with the database
// URL; prints one JSON line: each step's milliseconds and the process's peak RSS (the baseline
// is measured by the parent, so its rows don't count against this process's memory).
const url = process.argv[2];
const { loadConfig } = await import('../../server/dist/config/config.js');
const { createApp } = await import('../../server/dist/app.factory.js');
const { ChurnService } = await import('../../server/dist/reports/churn.service.js');
const { SegmentsService } = await import('../../server/dist/marketing/segments.service.js');
const { TagsService } = await import('../../server/dist/marketing/tags.service.js');

const app = await createApp({ ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logRequests: false }, { logger: ['error'] });
const time = async (work) => {
  const t0 = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - t0) / 1e6, result];
};
const [churnMs, scored] = await time(() => app.get(ChurnService).score());
const [placeMs, placed] = await time(() => app.get(SegmentsService).place());
// The rule tags were made empty by the generator: the first refill fills them (as creating a tag
// does, in the day), the second is a night's refill of a shop whose data did not move.
const [fillMs] = await time(() => app.get(TagsService).refillRuleTags());
const [refillMs, refilled] = await time(() => app.get(TagsService).refillRuleTags());
await app.close();
console.log(JSON.stringify({ churnMs, placeMs, fillMs, refillMs, scored, placed, refilled, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
