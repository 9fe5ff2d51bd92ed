import fc from 'fast-check';
import {
  purchasePoints, maxPointsAsCash, cashFenForPoints, tierForGrowth, checkinReward, cycleDay,
  formatYuan, shanghaiDay, addMonths, startOfShanghaiDay, endOfShanghaiDay, addDays, statusOf,
} from '../src/index.js';

describe('purchase points', () => {
  it('gives one point per whole yuan, rounded down once', () => {
    expect(purchasePoints(12_399)).toBe(123);
    expect(purchasePoints(99)).toBe(0);
    expect(purchasePoints(100_000, 120, 200)).toBe(2_400);
    expect(purchasePoints(12_345, 150, 100)).toBe(184); // 123 × 1.5 = 184.5
  });
  it('is never negative and grows with the amount', () => {
    fc.assert(
      fc.property(fc.nat(1e10), fc.nat(1e10), fc.constantFrom(100, 120, 150, 200), (a, b, pct) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(purchasePoints(lo, pct)).toBeLessThanOrEqual(purchasePoints(hi, pct));
        expect(purchasePoints(lo, pct)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it('refuses fractional or negative amounts', () => {
    expect(() => purchasePoints(1.5)).toThrow(RangeError);
    expect(() => purchasePoints(-1)).toThrow(RangeError);
  });
});

describe('points as cash', () => {
  it('caps at half the goods amount in steps of 100', () => {
    expect(maxPointsAsCash(10_000, 99_999)).toBe(5_000);
    expect(maxPointsAsCash(10_050, 99_999)).toBe(5_000);
    expect(maxPointsAsCash(10_000, 1_250)).toBe(1_200);
    expect(maxPointsAsCash(150, 1_000)).toBe(0);
    expect(maxPointsAsCash(10_000, -50)).toBe(0);
  });
  it('never pays more than half the goods', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.integer({ min: -1e6, max: 1e9 }), (goods, available) => {
        const pts = maxPointsAsCash(goods, available);
        expect(pts % 100).toBe(0);
        expect(cashFenForPoints(pts) * 2).toBeLessThanOrEqual(goods);
        expect(pts).toBeLessThanOrEqual(Math.max(0, available));
      }),
    );
  });
  it('refuses points that are not whole steps', () => {
    expect(() => cashFenForPoints(150)).toThrow(RangeError);
  });
});

describe('tiers', () => {
  it('picks the highest threshold reached', () => {
    expect(tierForGrowth(0).name).toBe('normal');
    expect(tierForGrowth(499).name).toBe('normal');
    expect(tierForGrowth(500).name).toBe('silver');
    expect(tierForGrowth(2_000).name).toBe('gold');
    expect(tierForGrowth(1e9).name).toBe('diamond');
  });
});

describe('check-in rewards', () => {
  it('pays the streak bonuses on day 3 and 7 and restarts the cycle', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10].map((d) => checkinReward(d))).toEqual([10, 10, 20, 10, 10, 10, 60, 10, 20]);
    expect(cycleDay(14)).toBe(7);
  });
  it('doubles in the birthday month', () => {
    expect(checkinReward(7, true)).toBe(120);
  });
});

describe('money and time', () => {
  it('formats fen without floats', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(12_305)).toBe('123.05');
  });
  it('puts Shanghai midnight at 16:00 UTC', () => {
    expect(shanghaiDay(new Date('2026-01-31T15:59:59.999Z'))).toBe('2026-01-31');
    expect(shanghaiDay(new Date('2026-01-31T16:00:00.000Z'))).toBe('2026-02-01');
    expect(startOfShanghaiDay('2026-02-01').toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-02-28').toISOString()).toBe('2026-02-28T15:59:59.999Z');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(() => startOfShanghaiDay('2026-02-30')).toThrow(RangeError);
  });
  it('names the same day as toISOString does, for any instant (it is built from the parts)', () => {
    for (let i = 0; i < 20_000; i++) {
      const at = new Date(Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 60 * 365.25 * 86_400_000));
      expect(shanghaiDay(at)).toBe(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
    }
    expect(shanghaiDay(new Date('0999-12-31T16:00:00.000Z'))).toBe('1000-01-01');
    expect(shanghaiDay(new Date('0999-12-31T15:59:59.999Z'))).toBe('0999-12-31');
    expect(() => shanghaiDay(new Date(NaN))).toThrow(RangeError);
  });
  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-25', 12)).toBe('2027-11-25');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });
  it('maps error codes to statuses', () => {
    expect(statusOf('VALIDATION_FAILED')).toBe(400);
    expect(statusOf('FORBIDDEN')).toBe(403);
  });
});
