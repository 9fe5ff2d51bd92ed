import { campaignPct, type Campaign } from '../../src/orders/campaigns.js';

describe('campaign multipliers', () => {
  const memberDay: Campaign = { name: '会员日', multiplierPct: 200, from: '2026-01-01', to: '2026-12-31', weekdays: [5] };
  const double11: Campaign = { name: '双11', multiplierPct: 300, from: '2026-11-11', to: '2026-11-11' };

  it('applies on its Shanghai weekday only, the day turning at 16:00 UTC', () => {
    expect(campaignPct([memberDay], new Date('2026-11-27T03:00:00Z'))).toBe(200); // Friday in Shanghai
    expect(campaignPct([memberDay], new Date('2026-11-26T15:59:59Z'))).toBe(100); // still Thursday there
    expect(campaignPct([memberDay], new Date('2026-11-26T16:00:00Z'))).toBe(200); // Friday 00:00 Shanghai
    expect(campaignPct([memberDay], new Date('2027-01-01T03:00:00Z'))).toBe(100); // past its dates
  });

  it('takes the largest of the campaigns running, never their product', () => {
    expect(campaignPct([memberDay, double11], new Date('2026-11-11T03:00:00Z'))).toBe(300);
    expect(campaignPct([], new Date('2026-11-11T03:00:00Z'))).toBe(100);
    expect(campaignPct([{ ...memberDay, weekdays: undefined, daysOfMonth: [8, 18, 28] }], new Date('2026-11-18T03:00:00Z'))).toBe(200);
  });
});
