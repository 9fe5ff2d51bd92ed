import { DEFAULT_RULES, type InviteFact, replayWindow, type ShopRules } from '../src/index.js';

const none = { checkins: [], orders: [], signups: { count: 0, points: 0 }, invites: [] as InviteFact[] };
const invite = (inviteeId: number, kind: 'signup' | 'order', at: string, inWindow = true, points = 0): InviteFact =>
  ({ inviterId: 1, inviteeId, kind, at: new Date(at), inWindow, points });
const with_ = (rules: Partial<ShopRules>): ShopRules => ({ ...DEFAULT_RULES, ...rules });

describe('the 30-day replay', () => {
  it('counts each invitee once against the inviter\'s monthly cap, places taken before the window included', () => {
    const rules = with_({ invites: { ...DEFAULT_RULES.invites, monthlyCap: 2 } });
    const facts = {
      ...none,
      invites: [
        invite(10, 'signup', '2026-02-02T02:00:00Z', false), // before the window: holds a February place
        invite(11, 'signup', '2026-02-20T02:00:00Z'),
        invite(12, 'signup', '2026-02-21T02:00:00Z'), // February is full
        invite(11, 'order', '2026-02-22T02:00:00Z'), // 11 already holds a place: paid
        invite(12, 'order', '2026-03-02T02:00:00Z'), // a new month: 12 takes a March place
      ],
    };
    const t = replayWindow(rules, facts).find((s) => s.source === 'invite')!;
    expect(t).toEqual({ source: 'invite', events: 4, actual: 0, replayed: 50 + 200 + 200 });
  });

  it('applies the daily cap to each reward and the birthday month to check-ins, not to 补签', () => {
    const rules = with_({ ledger: { ...DEFAULT_RULES.ledger, dailyCap: 30 } });
    const t = replayWindow(rules, {
      ...none,
      checkins: [
        { kind: 'normal', streak: 7, birthdayMonth: true, count: 2, points: 120 }, // (10 + 50) × 2 = 120 → 30 each
        { kind: 'normal', streak: 3, birthdayMonth: true, count: 1, points: 40 }, // (10 + 10) × 2 = 40 → 30
        { kind: 'makeup', streak: 2, birthdayMonth: true, count: 3, points: 30 }, // 10 each
      ],
    });
    expect(t.find((s) => s.source === 'checkin')).toMatchObject({ events: 3, actual: 160, replayed: 90 });
    expect(t.find((s) => s.source === 'makeup')).toMatchObject({ events: 3, actual: 30, replayed: 30 });
  });

  it('rounds purchase points down once per order, with the tier and campaign it earned at, plus its bonus', () => {
    const t = replayWindow(with_({ earn: { pointsPerYuan: 3 } }), {
      ...none,
      orders: [{ payFen: 9_999, tier: 'silver', campaignPct: 150, bonus: 5, count: 2, points: 0 }],
    });
    // ⌊99 × 3 × 1.2 × 1.5⌋ = ⌊534.6⌋ = 534, + 5, twice.
    expect(t.find((s) => s.source === 'purchase')).toMatchObject({ events: 2, replayed: 1_078 });
  });
});
