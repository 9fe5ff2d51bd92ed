import { churnScore } from '../../src/reports/churn-score.js';

const now = new Date('2026-06-30T04:00:00.000Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
/** Orders of `fen` every `every` days, the last `last` days ago, `count` of them. */
const series = (count: number, every: number, last: number, fen = 10_000) =>
  Array.from({ length: count }, (_, i) => ({ at: daysAgo(last + (count - 1 - i) * every), fen }));

describe('churn score', () => {
  it('leaves a regular buyer who bought lately alone', () => {
    expect(churnScore({ orders: series(20, 7, 3), checkins: [40, 40], redemptions: [1, 1], now })).toEqual({ score: 0, reasons: [], valueAtRiskFen: 128_571 });
  });

  it('scores a weekly buyer silent for 30 days, with falling orders and check-ins, and says why', () => {
    const r = churnScore({ orders: series(20, 7, 30), checkins: [5, 30], redemptions: [0, 2], now });
    // 30 days > 2 × 7: 30 + 10 × floor((30 − 14) / 7) = 50; orders 11 → 9 (20 × 2/11 ≈ 4), check-ins 30 → 5 (≈ 8), redemptions 2 → 0 (10).
    expect(r.reasons).toEqual(['已 30 天未下单（平时约 7 天一单）', '近 90 天下单 9 次，之前 90 天 11 次', '近 90 天签到 5 次，之前 90 天 30 次', '近 90 天兑换 0 次，之前 90 天 2 次']);
    expect(r.score).toBe(50 + 4 + 8 + 10);
    expect(r.valueAtRiskFen).toBe(128_571);
  });

  it('treats a single order as monthly and caps the recency part at 60', () => {
    const r = churnScore({ orders: [{ at: daysAgo(200), fen: 5_000 }], checkins: [0, 0], redemptions: [0, 0], now });
    expect(r).toEqual({ score: 60, reasons: ['已 200 天未下单（平时约 30 天一单）'], valueAtRiskFen: 15_000 });
    expect(churnScore({ orders: [], checkins: [3, 9], redemptions: [0, 0], now })).toEqual({ score: 0, reasons: [], valueAtRiskFen: 0 });
  });
});
