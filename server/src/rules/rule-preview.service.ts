import { Injectable } from '@nestjs/common';
import {
  addDays, type InviteFact, PREVIEW_DAYS, PREVIEW_SOURCE_LABELS, type PreviewFacts, previewNotes, replayWindow, RULE_KEYS,
  type RuleKey, type RulePreviewDto, shanghaiDay, type ShopRules, startOfShanghaiDay, type TierName,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { RulesAdminService } from './rules-admin.service.js';
import { RulesService } from './rules.service.js';

/**
 * 预览影响: the last 30 whole Shanghai days replayed under a draft rule, beside what was issued.
 * Each kind of fact is read once, by the index on its time, grouped in SQL by its reward
 * inputs (check-ins by streak and birthday month, orders by amount and multipliers); the replay itself is
 * the shared `replayWindow`, so it is the same arithmetic the rules use.
 */
@Injectable()
export class RulePreviewService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesService,
    private readonly admin: RulesAdminService,
  ) {}

  async preview<K extends RuleKey>(key: K, draft: unknown): Promise<RulePreviewDto> {
    const value = await this.admin.checkedDraft(key, draft);
    const current = await this.inForce();
    const today = shanghaiDay(this.clock.now());
    const from = addDays(today, -PREVIEW_DAYS);
    const [facts, outstanding] = await Promise.all([this.facts(from, today), this.outstanding()]);
    const withDraft = replayWindow({ ...current, [key]: value }, facts);
    const asNow = replayWindow(current, facts);
    const actual = withDraft.reduce((n, s) => n + s.actual, 0);
    const drafted = withDraft.reduce((n, s) => n + s.replayed, 0);
    const replayedNow = asNow.reduce((n, s) => n + s.replayed, 0);
    return {
      key,
      from,
      to: addDays(today, -1),
      sources: withDraft.map((s) => ({ source: s.source, label: PREVIEW_SOURCE_LABELS[s.source], events: s.events, actual: s.actual, draft: s.replayed })),
      actual,
      draft: drafted,
      delta: drafted - actual,
      outstanding,
      outstandingAfter: outstanding + drafted - actual,
      currentReplay: replayedNow === actual ? null : replayedNow,
      notes: previewNotes(key, current[key], value),
    };
  }

  private async inForce(): Promise<ShopRules> {
    const values = await Promise.all(RULE_KEYS.map((k) => this.rules.of(k)));
    return Object.fromEntries(RULE_KEYS.map((k, i) => [k, values[i]])) as unknown as ShopRules;
  }

  /** The window's facts: days [from, today) in Shanghai time. */
  private async facts(from: string, today: string): Promise<PreviewFacts> {
    const start = startOfShanghaiDay(from);
    const end = startOfShanghaiDay(today);
    const [checkins, orders, signups, invites] = await Promise.all([
      this.checkins(from, addDays(today, -1)),
      this.orders(start, end),
      this.signups(start, end),
      this.invites(startOfShanghaiDay(`${from.slice(0, 7)}-01`), start, end),
    ]);
    return { checkins, orders, signups, invites };
  }

  private async checkins(first: string, last: string): Promise<PreviewFacts['checkins']> {
    // Read from idx_checkins_day alone: it holds the day and every input of the reward.
    const rows = await this.db.rows<{ kind: 'normal' | 'makeup'; streak: unknown; bday: unknown; n: unknown; points: unknown }>(
      `SELECT kind, streak, birthday_month AS bday, COUNT(*) AS n, SUM(points) AS points
         FROM checkins WHERE day >= ? AND day <= ? GROUP BY kind, streak, birthday_month`, [first, last]);
    return rows.map((r) => ({ kind: r.kind, streak: num(r.streak), birthdayMonth: num(r.bday) === 1, count: num(r.n), points: num(r.points) }));
  }

  /** Completed shop orders; one from before the factors were kept counts at the member's tier, no campaign. */
  private async orders(start: Date, end: Date): Promise<PreviewFacts['orders']> {
    const rows = await this.db.rows<{ pay_fen: unknown; tier: TierName; campaign: unknown; bonus: unknown; n: unknown; points: unknown }>(
      `SELECT o.pay_fen, COALESCE(o.earn_tier, m.tier) AS tier, COALESCE(o.earn_campaign_pct, 100) AS campaign,
              COALESCE(o.earn_bonus, 0) AS bonus, COUNT(*) AS n, SUM(o.earn_points) AS points
         FROM orders o JOIN members m ON m.id = o.member_id
        WHERE o.completed_at >= ? AND o.completed_at < ? AND o.source = 'shop'
        GROUP BY o.pay_fen, COALESCE(o.earn_tier, m.tier), COALESCE(o.earn_campaign_pct, 100), COALESCE(o.earn_bonus, 0)`,
      [sqlTime(start), sqlTime(end)]);
    return rows.map((r) => ({ payFen: num(r.pay_fen), tier: r.tier, campaignPct: num(r.campaign), bonus: num(r.bonus), count: num(r.n), points: num(r.points) }));
  }

  /**
   * Sign-ups completed in the window. A phone that had the gift on another account got none
   * (its gift entry belongs to that account), and would get none under any rule.
   */
  private async signups(start: Date, end: Date): Promise<PreviewFacts['signups']> {
    const row = await this.db.one<{ n: unknown; points: unknown }>(
      `SELECT SUM(CASE WHEN e.id IS NULL OR e.member_id = m.id THEN 1 ELSE 0 END) AS n,
              SUM(CASE WHEN e.member_id = m.id THEN e.amount ELSE 0 END) AS points
         FROM members m LEFT JOIN points_entries e ON e.idempotency_key = ${this.concat("'signup-gift:'", 'm.phone')}
        WHERE m.signed_up_at >= ? AND m.signed_up_at < ?`, [sqlTime(start), sqlTime(end)]);
    return { count: num(row?.n ?? 0), points: num(row?.points ?? 0) };
  }

  /** Invite rewards from `monthStart` (earlier ones of the window's first month hold cap places). */
  private async invites(monthStart: Date, start: Date, end: Date): Promise<InviteFact[]> {
    const rows = await this.db.rows<{ inviter_id: unknown; invitee_id: unknown; signed_up_at: string | Date | null; ordered_at: string | Date | null; s: unknown; o: unknown }>(
      `SELECT i.inviter_id, i.invitee_id, i.signed_up_at, i.ordered_at, s.amount AS s, o.amount AS o
         FROM invites i
         LEFT JOIN points_entries s ON s.idempotency_key = ${this.concat("'invite-signup:'", 'i.invitee_id')}
         LEFT JOIN points_entries o ON o.idempotency_key = ${this.concat("'invite-order:'", 'i.invitee_id')}
        WHERE (i.signed_up_at >= ? AND i.signed_up_at < ?) OR (i.ordered_at >= ? AND i.ordered_at < ?)`,
      [sqlTime(monthStart), sqlTime(end), sqlTime(monthStart), sqlTime(end)]);
    const facts: InviteFact[] = [];
    for (const r of rows) {
      const base = { inviterId: num(r.inviter_id), inviteeId: num(r.invitee_id) };
      for (const [kind, at, points] of [['signup', r.signed_up_at, r.s], ['order', r.ordered_at, r.o]] as const) {
        if (at === null) continue;
        const when = readTime(at);
        if (when < monthStart || when >= end) continue;
        facts.push({ ...base, kind, at: when, inWindow: when >= start, points: points === null ? 0 : num(points) });
      }
    }
    return facts.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'signup' ? -1 : 1));
  }

  /** Points owed to members: available and pending, less what members owe back. */
  private async outstanding(): Promise<number> {
    const row = await this.db.one<{ owed: unknown }>('SELECT COALESCE(SUM(available + pending - debt), 0) AS owed FROM points_accounts');
    return num(row?.owed ?? 0);
  }

  private concat(literal: string, column: string): string {
    return this.db.mysql ? `CONCAT(${literal}, ${column})` : `${literal} || ${column}`;
  }
}
