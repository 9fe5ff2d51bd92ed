import { DEFAULT_RULES, earnRateLabel, purchasePoints, RULE_KEYS, ruleProblems, wholeRule, type ShopRules } from '../src/index.js';

const fields = (key: keyof ShopRules, value: unknown) => ruleProblems(key, value as never).map((p) => p.field);

describe('shop rules', () => {
  it('finds nothing wrong with the defaults', () => {
    for (const key of RULE_KEYS) expect(ruleProblems(key, DEFAULT_RULES[key])).toEqual([]);
  });

  it('names each field that breaks coherence', () => {
    expect(fields('earn', { pointsPerYuan: 1.5 })).toEqual(['pointsPerYuan']);
    expect(fields('earn', { pointsPerYuan: '2' })).toEqual(['pointsPerYuan']);
    expect(fields('ledger', { ...DEFAULT_RULES.ledger, dailyCap: -1, expiryMonths: 0 })).toEqual(['expiryMonths', 'dailyCap']);
    expect(fields('invites', { ...DEFAULT_RULES.invites, inviteeTemplateId: 0 })).toEqual(['inviteeTemplateId']);
    expect(fields('checkin', { ...DEFAULT_RULES.checkin, streakBonuses: { 8: 10 } })).toEqual(['streakBonuses.8']);
    expect(fields('checkin', { ...DEFAULT_RULES.checkin, streakBonuses: [] })).toEqual(['streakBonuses']);
  });

  it('wants tier thresholds rising from 0 and multipliers above 0', () => {
    const tiers = DEFAULT_RULES.tiers.tiers.map((t) => ({ ...t }));
    tiers[2].minGrowth = tiers[1].minGrowth;
    tiers[3].multiplierPct = 0;
    expect(fields('tiers', { tiers })).toEqual(['tiers.2.minGrowth', 'tiers.3.multiplierPct']);
    const first = DEFAULT_RULES.tiers.tiers.map((t) => ({ ...t }));
    first[0].minGrowth = 10;
    expect(fields('tiers', { tiers: first })).toEqual(['tiers.0.minGrowth']);
    expect(fields('tiers', { tiers: first.slice(1) })).toEqual(['tiers']);
    const renamed = DEFAULT_RULES.tiers.tiers.map((t) => ({ ...t }));
    renamed.reverse();
    expect(fields('tiers', { tiers: renamed })).toContain('tiers.0.name');
  });

  it('keeps only the fields a rule has, filling the rest from the defaults', () => {
    expect(wholeRule('ledger', { dailyCap: 30, extra: 1 } as never)).toEqual({ ...DEFAULT_RULES.ledger, dailyCap: 30 });
  });

  it('earns pointsPerYuan per whole yuan before the multipliers', () => {
    expect(purchasePoints(12_399, 100, 100, 2)).toBe(246);
    expect(purchasePoints(12_399, 150, 200, 0)).toBe(0);
    expect(purchasePoints(10_050, 120, 100, 3)).toBe(360);
  });

  it('words the earning rate per tier without floats', () => {
    expect([earnRateLabel(1, 100), earnRateLabel(1, 120), earnRateLabel(2, 150), earnRateLabel(1, 105), earnRateLabel(3, 133)]).toEqual(['1', '1.2', '3', '1.05', '3.99']);
  });
});
