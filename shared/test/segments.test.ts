import { DEFAULT_RULES, holdoutSize, permilleOf, rfmSegment, tagRuleLabel, winbackUplift } from '../src/index.js';

const rule = DEFAULT_RULES.segments;
const member = { joinedDaysAgo: 400, daysSinceOrder: null as number | null, orders365: 0, spent365Fen: 0, churnScore: 0 };

describe('RFM groups', () => {
  it('takes the first group that fits, in order', () => {
    expect(rfmSegment({ ...member, joinedDaysAgo: 3 }, rule)).toBe('new');
    expect(rfmSegment({ ...member, joinedDaysAgo: 3, daysSinceOrder: 1, orders365: 3, spent365Fen: 90_000 }, rule)).toBe('high_value');
    expect(rfmSegment({ ...member, daysSinceOrder: 30, orders365: 3, spent365Fen: 50_000 }, rule)).toBe('high_value');
    expect(rfmSegment({ ...member, daysSinceOrder: 31, orders365: 3, spent365Fen: 50_000 }, rule)).toBe('potential');
    expect(rfmSegment({ ...member, daysSinceOrder: 10, orders365: 3, spent365Fen: 49_999 }, rule)).toBe('potential');
    expect(rfmSegment({ ...member, daysSinceOrder: 60, orders365: 5, spent365Fen: 50_000, churnScore: 40 }, rule)).toBe('at_risk');
    expect(rfmSegment({ ...member, daysSinceOrder: 180, orders365: 1, spent365Fen: 100, churnScore: 60 }, rule)).toBe('at_risk');
    expect(rfmSegment({ ...member, daysSinceOrder: 181, orders365: 1, spent365Fen: 100, churnScore: 60 }, rule)).toBe('sleeping');
    expect(rfmSegment({ ...member, daysSinceOrder: 90, orders365: 1, spent365Fen: 100 }, rule)).toBe('potential');
    expect(rfmSegment({ ...member, daysSinceOrder: 91, orders365: 1, spent365Fen: 100 }, rule)).toBe('sleeping');
    expect(rfmSegment(member, rule)).toBe('sleeping');
  });

  it('follows the rule’s thresholds', () => {
    expect(rfmSegment({ ...member, daysSinceOrder: 45, orders365: 2, spent365Fen: 20_000 }, { ...rule, activeDays: 60, highValueOrders: 2, highValueYuan: 200 })).toBe('high_value');
  });
});

describe('win-back uplift', () => {
  it('is the difference of return rates with a Wald 95% interval (by hand: 30% vs 20%, n 9,000 and 1,000)', () => {
    // √(0.3·0.7/9000 + 0.2·0.8/1000) = 0.013540; ×1.96 = 0.026538.
    expect(winbackUplift({ members: 9_000, returned: 2_700 }, { members: 1_000, returned: 200 })).toEqual({ upliftPermille: 100, lowPermille: 73, highPermille: 127, significant: true });
  });

  it('is not significant when the interval spans zero, and absent without a hold-out', () => {
    expect(winbackUplift({ members: 100, returned: 22 }, { members: 100, returned: 20 })).toMatchObject({ upliftPermille: 20, significant: false });
    expect(winbackUplift({ members: 100, returned: 22 }, { members: 0, returned: 0 })).toBeNull();
  });

  it('holds out the share rounded half up, and rates in tenths of a percent', () => {
    expect(holdoutSize(10_000, 10)).toBe(1_000);
    expect(holdoutSize(15, 10)).toBe(2);
    expect(holdoutSize(14, 10)).toBe(1);
    expect(holdoutSize(7, 0)).toBe(0);
    expect(permilleOf(1, 3)).toBe(333);
    expect(permilleOf(2, 3)).toBe(667);
    expect(permilleOf(0, 0)).toBe(0);
  });
});

describe('tag rules in words', () => {
  it('names the category and tier when given', () => {
    expect(tagRuleLabel({ kind: 'bought_category', categoryId: 3, days: 90 }, { category: '水果' })).toBe('90 天内买过水果');
    expect(tagRuleLabel({ kind: 'tier_at_least', tier: 'gold' }, { tier: '金卡会员' })).toBe('等级 ≥ 金卡会员');
    expect(tagRuleLabel({ kind: 'balance_at_least', points: 1000 })).toBe('可用积分 ≥ 1000');
  });
});
