const DAY_MS = 86_400_000;
/** A member with a single order is assumed to come back about monthly. */
const DEFAULT_INTERVAL_DAYS = 30;

export interface ChurnInput {
  /** Paid orders, oldest first: when and how much. */
  orders: { at: Date; fen: number }[];
  /** Check-ins and redemptions in the last 90 days and the 90 before. */
  checkins: [recent: number, before: number];
  redemptions: [recent: number, before: number];
  now: Date;
}

export interface ChurnScore {
  score: number;
  reasons: string[];
  valueAtRiskFen: number;
}

/** The median of whole days between orders. */
function usualInterval(orders: { at: Date }[]): number {
  if (orders.length < 2) return DEFAULT_INTERVAL_DAYS;
  const gaps = orders.slice(1).map((o, i) => Math.max(1, Math.round((o.at.getTime() - orders[i].at.getTime()) / DAY_MS))).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/** Points for a fall from `before` to `recent`, up to `max`, and the words for it. */
function falling(recent: number, before: number, max: number, what: string): [number, string | null] {
  if (before <= 0 || recent >= before) return [0, null];
  return [Math.round((max * (before - recent)) / before), `近 90 天${what} ${recent} 次，之前 90 天 ${before} 次`];
}

/**
 * 流失预警's score (0–100) with its reasons: the time since the last order beyond twice the
 * member's usual interval (up to 60), and falling orders (20), check-ins (10) and redemptions
 * (10) over the last 90 days against the 90 before. The value at risk is what they usually
 * spend in 90 days: their average order times the orders their interval gives.
 */
export function churnScore({ orders, checkins, redemptions, now }: ChurnInput): ChurnScore {
  if (orders.length === 0) return { score: 0, reasons: [], valueAtRiskFen: 0 };
  const usual = usualInterval(orders);
  const last = orders[orders.length - 1].at;
  const since = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
  const reasons: string[] = [];
  let score = 0;
  if (since > 2 * usual) {
    // 30 at twice the interval, 10 more for each interval beyond, at most 60.
    score += Math.min(60, 30 + 10 * Math.floor((since - 2 * usual) / usual));
    reasons.push(`已 ${since} 天未下单（平时约 ${usual} 天一单）`);
  }
  const cut = now.getTime() - 90 * DAY_MS;
  const recentOrders = orders.filter((o) => o.at.getTime() >= cut).length;
  const beforeOrders = orders.filter((o) => o.at.getTime() < cut && o.at.getTime() >= cut - 90 * DAY_MS).length;
  for (const [points, words] of [falling(recentOrders, beforeOrders, 20, '下单'), falling(...checkins, 10, '签到'), falling(...redemptions, 10, '兑换')]) {
    score += points;
    if (words) reasons.push(words);
  }
  const average = Math.round(orders.reduce((n, o) => n + o.fen, 0) / orders.length);
  return { score: Math.min(100, score), reasons, valueAtRiskFen: Math.round((average * 90) / usual) };
}
