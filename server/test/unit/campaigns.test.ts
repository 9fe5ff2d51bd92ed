import { campaignBoost, campaignSummary, type CampaignRule, nextCampaignDay, shanghaiDay } from '@jifen/shared';

describe('campaigns', () => {
  const rule = (fields: Partial<CampaignRule>): CampaignRule => ({
    kind: 'multiplier', multiplierPct: 200, bonusPoints: 0, goodsIds: [], startsOn: '2026-01-01', endsOn: '2026-12-31', weekdays: [], daysOfMonth: [], ...fields,
  });
  const memberDay = rule({ weekdays: [5] });
  const double11 = rule({ multiplierPct: 300, startsOn: '2026-11-11', endsOn: '2026-11-11' });
  const pct = (campaigns: CampaignRule[], at: string) => campaignBoost(campaigns, shanghaiDay(new Date(at))).multiplierPct;

  it('applies on its Shanghai weekday only, the day turning at 16:00 UTC', () => {
    expect(pct([memberDay], '2026-11-27T03:00:00Z')).toBe(200); // Friday in Shanghai
    expect(pct([memberDay], '2026-11-26T15:59:59Z')).toBe(100); // still Thursday there
    expect(pct([memberDay], '2026-11-26T16:00:00Z')).toBe(200); // Friday 00:00 Shanghai
    expect(pct([memberDay], '2027-01-01T03:00:00Z')).toBe(100); // past its dates
  });

  it('takes the largest of the multipliers running, never their product; bonuses on one goods add up', () => {
    expect(pct([memberDay, double11], '2026-11-11T03:00:00Z')).toBe(300);
    expect(pct([], '2026-11-11T03:00:00Z')).toBe(100);
    expect(pct([rule({ daysOfMonth: [8, 18, 28] })], '2026-11-18T03:00:00Z')).toBe(200);
    expect(pct([rule({ daysOfMonth: [8, 18, 28] })], '2026-11-19T03:00:00Z')).toBe(100);
    const bonus = campaignBoost([rule({ kind: 'bonus', bonusPoints: 50, goodsIds: [1, 2] }), rule({ kind: 'bonus', bonusPoints: 20, goodsIds: [2] })], '2026-06-01');
    expect([bonus.multiplierPct, bonus.bonusPerUnit.get(1), bonus.bonusPerUnit.get(2), bonus.bonusPerUnit.get(3)]).toEqual([100, 50, 70, undefined]);
  });

  it('tells shoppers what it gives in words', () => {
    expect(campaignSummary(memberDay)).toBe('每周五 下单积分×2');
    expect(campaignSummary(rule({ multiplierPct: 150, daysOfMonth: [28, 8, 18] }))).toBe('每月 8、18、28 日 下单积分×1.5');
    expect(campaignSummary(rule({ kind: 'bonus', bonusPoints: 50, goodsIds: [1] }))).toBe('活动期间 指定商品每件 +50 积分');
  });

  it('finds the next day it gives points, or none once it has ended', () => {
    expect(nextCampaignDay(memberDay, '2026-11-27')).toBe('2026-11-27'); // a Friday: today
    expect(nextCampaignDay(memberDay, '2026-11-28')).toBe('2026-12-04');
    expect(nextCampaignDay(memberDay, '2026-12-26')).toBeNull(); // the last Friday was the 25th
    expect(nextCampaignDay(double11, '2026-01-05')).toBe('2026-11-11'); // not yet started
    expect(nextCampaignDay(rule({ daysOfMonth: [31] }), '2026-04-01')).toBe('2026-05-31'); // April has no 31st
  });
});
