import fc from 'fast-check';
import { allocate, bestCoupon, couponDiscount, couponLabel, couponScopeLabel, pointsCashCap, type CouponRule, type PricedLine } from '../src/index.js';

const rule = (r: Partial<CouponRule>): CouponRule => ({
  kind: 'threshold', thresholdFen: 10_000, amountFen: 2_000, discountPct: 100, maxOffFen: null, scope: 'all', scopeIds: [], ...r,
});
const line = (amountFen: number, categoryId = 1, goodsId = 1): PricedLine => ({ goodsId, categoryId, amountFen });

const arbRule: fc.Arbitrary<CouponRule> = fc.oneof(
  fc.record({ t: fc.nat(100_000), a: fc.integer({ min: 1, max: 100_000 }) }).map(({ t, a }) => rule({ thresholdFen: t + a, amountFen: a })),
  fc.integer({ min: 1, max: 100_000 }).map((a) => rule({ kind: 'no_threshold', thresholdFen: 0, amountFen: a })),
  fc.record({ pct: fc.integer({ min: 1, max: 99 }), cap: fc.option(fc.integer({ min: 1, max: 50_000 })), t: fc.nat(50_000) })
    .map(({ pct, cap, t }) => rule({ kind: 'discount', thresholdFen: t, amountFen: 0, discountPct: pct, maxOffFen: cap })),
).chain((r) => fc.oneof(
  fc.constant(r),
  fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }).map((ids) => ({ ...r, scope: 'categories' as const, scopeIds: ids })),
  fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }).map((ids) => ({ ...r, scope: 'goods' as const, scopeIds: ids })),
));
const arbLines = fc.array(
  fc.record({ goodsId: fc.integer({ min: 1, max: 5 }), categoryId: fc.integer({ min: 1, max: 5 }), amountFen: fc.nat(200_000) }),
  { minLength: 1, maxLength: 6 },
);

describe('coupon labels', () => {
  it('reads like the shop writes them', () => {
    expect(couponLabel(rule({}))).toBe('满100减20');
    expect(couponLabel(rule({ kind: 'no_threshold', thresholdFen: 0, amountFen: 500 }))).toBe('无门槛减5');
    expect(couponLabel(rule({ kind: 'discount', thresholdFen: 0, amountFen: 0, discountPct: 85, maxOffFen: 3_000 }))).toBe('8.5折 最高减30');
    expect(couponLabel(rule({ kind: 'threshold', thresholdFen: 19_900, amountFen: 4_050 }))).toBe('满199减40.5');
  });
});

describe('coupon discount', () => {
  it('never takes off more than the eligible lines cost, is whole fen and never negative', () => {
    fc.assert(fc.property(arbRule, arbLines, (r, lines) => {
      const fit = couponDiscount(r, lines);
      if (!fit.ok) return;
      expect(Number.isInteger(fit.discountFen)).toBe(true);
      expect(fit.discountFen).toBeGreaterThanOrEqual(0);
      expect(fit.discountFen).toBeLessThanOrEqual(fit.eligibleFen);
      expect(fit.eligibleFen).toBeGreaterThanOrEqual(r.thresholdFen);
      if (r.kind === 'discount' && r.maxOffFen !== null) expect(fit.discountFen).toBeLessThanOrEqual(r.maxOffFen);
    }));
  });
  it('a no-threshold coupon larger than the order takes off only the order, never leaving a negative amount', () => {
    expect(couponDiscount(rule({ kind: 'no_threshold', thresholdFen: 0, amountFen: 1_000 }), [line(600)])).toEqual({ ok: true, discountFen: 600, eligibleFen: 600 });
  });
  it('counts only lines in scope towards the threshold and the discount', () => {
    const snacks = rule({ scope: 'categories', scopeIds: [2], thresholdFen: 10_000, amountFen: 2_000 });
    expect(couponDiscount(snacks, [line(6_000, 2), line(50_000, 3)])).toEqual({ ok: false, reason: '差 ¥40.00 可用' });
    expect(couponDiscount(snacks, [line(6_000, 2), line(4_000, 2, 9), line(50_000, 3)])).toMatchObject({ ok: true, discountFen: 2_000, eligibleFen: 10_000 });
    expect(couponDiscount(snacks, [line(50_000, 3)])).toEqual({ ok: false, reason: '不适用于所选商品' });
    const oneGoods = rule({ kind: 'discount', thresholdFen: 0, amountFen: 0, discountPct: 80, scope: 'goods', scopeIds: [7] });
    expect(couponDiscount(oneGoods, [line(10_000, 1, 7), line(10_000, 1, 8)])).toMatchObject({ ok: true, discountFen: 2_000, eligibleFen: 10_000 });
  });
  it('applies the threshold at exactly the threshold', () => {
    expect(couponDiscount(rule({}), [line(9_999)])).toEqual({ ok: false, reason: '差 ¥0.01 可用' });
    expect(couponDiscount(rule({}), [line(10_000)])).toMatchObject({ ok: true, discountFen: 2_000 });
  });
  it('rounds a percentage discount in the shop\'s favour: off = eligible − ceil(eligible × pct / 100)', () => {
    const r = rule({ kind: 'discount', thresholdFen: 0, amountFen: 0, discountPct: 85 });
    expect(couponDiscount(r, [line(999)])).toMatchObject({ discountFen: 999 - 850 }); // 849.15 paid → 850
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 99 }), (amount, pct) => {
      const fit = couponDiscount(rule({ kind: 'discount', thresholdFen: 0, amountFen: 0, discountPct: pct }), [line(amount)]);
      expect(fit).toMatchObject({ ok: true, discountFen: amount - Math.ceil((amount * pct) / 100) });
    }));
    expect(couponDiscount(rule({ kind: 'discount', thresholdFen: 0, amountFen: 0, discountPct: 90, maxOffFen: 3_000 }), [line(100_000)])).toMatchObject({ discountFen: 3_000 });
  });
});

describe('best coupon', () => {
  const c = (id: number, r: Partial<CouponRule>, endsAt = '2026-03-10T00:00:00.000Z') => ({ ...rule(r), id, endsAt });
  it('takes the one that takes off most; on a tie the one expiring first; none when nothing fits', () => {
    const lines = [line(20_000)];
    expect(bestCoupon([c(1, {}), c(2, { amountFen: 3_000 }), c(3, { thresholdFen: 50_000, amountFen: 9_000 })], lines)?.id).toBe(2);
    expect(bestCoupon([c(1, {}, '2026-03-09T00:00:00.000Z'), c(2, {}, '2026-03-05T00:00:00.000Z'), c(3, {}, '2026-03-07T00:00:00.000Z')], lines)?.id).toBe(2);
    expect(bestCoupon([c(1, {}, '2026-03-05T00:00:00.000Z'), c(2, {}, '2026-03-05T00:00:00.000Z')], lines)?.id).toBe(1); // full tie: the first listed
    expect(bestCoupon([c(1, { thresholdFen: 50_000 })], lines)).toBeNull();
    expect(bestCoupon([], lines)).toBeNull();
  });
  it('is never beaten by another fitting coupon', () => {
    fc.assert(fc.property(fc.array(arbRule, { minLength: 1, maxLength: 6 }), arbLines, (rules, lines) => {
      const coupons = rules.map((r, i) => ({ ...r, id: i + 1, endsAt: `2026-03-${String(10 + i).padStart(2, '0')}T00:00:00.000Z` }));
      const best = bestCoupon(coupons, lines);
      const offs = coupons.map((x) => couponDiscount(x, lines)).map((f) => (f.ok ? f.discountFen : 0));
      const top = Math.max(...offs);
      if (top === 0) expect(best).toBeNull();
      else expect(offs[best!.id - 1]).toBe(top);
    }));
  });
});

describe('allocate', () => {
  it('splits into whole fen that add up exactly, in proportion', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(500, [0, 0])).toEqual([0, 0]);
    fc.assert(fc.property(fc.nat(10_000_000), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 10 }), (total, weights) => {
      const parts = allocate(total, weights);
      const sum = weights.reduce((s, w) => s + w, 0);
      expect(parts).toHaveLength(weights.length);
      if (sum === 0) return;
      expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
      parts.forEach((p, i) => {
        expect(Number.isInteger(p)).toBe(true);
        expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1);
        if (weights[i] === 0) expect(p).toBe(0);
      });
    }));
  });
});

describe('points as cash cap', () => {
  it('is at most half the goods, never more than what the coupon leaves or the member has, in steps of 100', () => {
    expect(pointsCashCap(10_000, 0, 100_000)).toBe(5_000);
    expect(pointsCashCap(10_000, 9_000, 100_000)).toBe(1_000);
    expect(pointsCashCap(10_000, 0, 1_234)).toBe(1_200);
    expect(pointsCashCap(199, 0, 1_000)).toBe(0);
    fc.assert(fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(10_000_000), (goods, coupon, available) => {
      const cap = pointsCashCap(goods, Math.min(coupon, goods), available);
      expect(cap % 100).toBe(0);
      expect(cap).toBeGreaterThanOrEqual(0);
      expect(cap * 2).toBeLessThanOrEqual(goods);
      expect(cap).toBeLessThanOrEqual(goods - Math.min(coupon, goods));
      expect(cap).toBeLessThanOrEqual(available);
    }));
  });
});

describe('coupon scope labels', () => {
  it('names one or a few, counts many, and never names what it cannot find', () => {
    const names = new Map([[1, '休闲零食'], [2, '生鲜水果'], [7, '保温杯']]);
    expect(couponScopeLabel({ scope: 'all', scopeIds: [] })).toBe('全场通用');
    expect(couponScopeLabel({ scope: 'categories', scopeIds: [1, 2] }, names)).toBe('限休闲零食、生鲜水果可用');
    expect(couponScopeLabel({ scope: 'goods', scopeIds: [7] }, names)).toBe('限保温杯可用');
    expect(couponScopeLabel({ scope: 'goods', scopeIds: [7, 1] }, names)).toBe('限 2 件商品可用');
    expect(couponScopeLabel({ scope: 'categories', scopeIds: [1, 99] }, names)).toBe('限 2 个分类可用');
  });
});
