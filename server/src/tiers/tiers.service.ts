import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  addMonths, earnRateLabel, shanghaiDay, startOfShanghaiDay, type TierInfoDto, type TierName, type TierRule, tierForGrowth,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { num } from '../common/sql.js';
import { Db } from '../common/db.js';
import { Events } from '../events/events.service.js';
import type { EventPayloads } from '../events/events.js';
import { Jobs } from '../jobs/jobs.service.js';
import { MembersService } from '../members/members.service.js';
import { RulesService } from '../rules/rules.service.js';
import { GrowthEntry } from './growth-entry.entity.js';

/**
 * Member tiers by growth value (yuan paid on completed orders in the last 12 months). A
 * completed order can raise the tier at once; the nightly review raises too, and lowers only
 * on the first day of a Shanghai month (the monthly review), so a member is never demoted
 * mid-month because an old order left the window.
 */
@Injectable()
export class TiersService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly members: MembersService,
    private readonly events: Events,
    private readonly jobs: Jobs,
    private readonly rules: RulesService,
  ) {}

  onModuleInit(): void {
    this.events.on('order.completed', (e) => this.onOrderCompleted(e));
    this.events.on('order.refunded', (e) => this.onOrderRefunded(e));
    this.jobs.register({
      name: 'tiers.review',
      dailyAtMinute: 30,
      run: async (now) => {
        const { raised, lowered } = await this.review(now);
        return `raised ${raised}, lowered ${lowered}`;
      },
    });
  }

  async table(): Promise<readonly TierRule[]> {
    return (await this.rules.of('tiers')).tiers;
  }

  async growth(memberId: number, now = this.clock.now()): Promise<number> {
    const since = windowStart(now);
    const rows = await this.db.read((m) => m.createQueryBuilder(GrowthEntry, 'g')
      .select('SUM(g.yuan)', 'total').where('g.member_id = :memberId AND g.at > :since', { memberId, since }).getRawOne<{ total: unknown }>());
    return num(rows?.total);
  }

  async onOrderCompleted({ orderId, memberId, paidFen, at }: EventPayloads['order.completed']): Promise<void> {
    // A replayed event finds its order already counted (unique ref) and adds nothing.
    await this.db.unit((m) => m.createQueryBuilder().insert().into(GrowthEntry)
      .values({ memberId, ref: `order:${orderId}`, yuan: Math.floor(paidFen / 100), at: new Date(at) }).orIgnore().execute());
    await this.apply(memberId, (await this.members.get(memberId)).tier, false);
  }

  /**
   * A refund after completion takes back the growth it had given (whole yuan, so refunds of
   * one order add up to its growth exactly); a refund before completion needs nothing, as
   * completion counts only what was kept. Tiers move down only at the monthly review.
   */
  async onOrderRefunded({ refundId, memberId, completed, refundFen, remainingFen, at }: EventPayloads['order.refunded']): Promise<void> {
    if (!completed) return;
    const yuan = Math.floor((remainingFen + refundFen) / 100) - Math.floor(remainingFen / 100);
    if (yuan === 0) return;
    await this.db.unit((m) => m.createQueryBuilder().insert().into(GrowthEntry)
      .values({ memberId, ref: `refund:${refundId}`, yuan: -yuan, at: new Date(at) }).orIgnore().execute());
  }

  /** Nightly: raise whoever grew; on the 1st of a Shanghai month also lower. */
  async review(now = this.clock.now()): Promise<{ raised: number; lowered: number }> {
    const monthly = shanghaiDay(now).endsWith('-01');
    const since = windowStart(now);
    const grown = await this.db.read((m) => m.createQueryBuilder(GrowthEntry, 'g')
      .select('g.member_id', 'memberId').where('g.at > :since', { since }).groupBy('g.member_id').getRawMany<{ memberId: unknown }>());
    const candidates = new Map<number, TierName>();
    for (const row of grown) candidates.set(Number(row.memberId), 'normal');
    if (monthly) for (const m of await this.members.tiered()) candidates.set(m.id, m.tier);
    let raised = 0;
    let lowered = 0;
    for (const memberId of candidates.keys()) {
      const current = (await this.members.get(memberId)).tier;
      const change = await this.apply(memberId, current, monthly, now);
      if (change > 0) raised++;
      if (change < 0) lowered++;
    }
    return { raised, lowered };
  }

  async info(memberId: number): Promise<TierInfoDto> {
    const [member, tiers, growth, earn, checkin] = await Promise.all([
      this.members.get(memberId), this.table(), this.growth(memberId), this.rules.of('earn'), this.rules.of('checkin'),
    ]);
    const rule = tiers.find((t) => t.name === member.tier) ?? tiers[0];
    const next = tiers.filter((t) => t.minGrowth > rule.minGrowth).sort((a, b) => a.minGrowth - b.minGrowth)[0];
    return {
      tier: rule.name,
      label: rule.label,
      growth,
      multiplierPct: rule.multiplierPct,
      mallDiscountPct: rule.mallDiscountPct,
      pointsPerYuan: earn.pointsPerYuan,
      next: next ? { tier: next.name, label: next.label, minGrowth: next.minGrowth, need: Math.max(0, next.minGrowth - growth) } : null,
      benefits: benefitsOf(rule, earn.pointsPerYuan, checkin.birthdayMonthPct),
      tiers: tiers.map((t) => ({ tier: t.name, label: t.label, minGrowth: t.minGrowth, multiplierPct: t.multiplierPct, mallDiscountPct: t.mallDiscountPct })),
    };
  }

  /** Moves the member to the tier their growth earns (down only when allowed); returns +1, −1 or 0. */
  private async apply(memberId: number, current: TierName, mayLower: boolean, now = this.clock.now()): Promise<number> {
    const tiers = await this.table();
    const rank = (name: TierName) => tiers.findIndex((t) => t.name === name);
    const target = tierForGrowth(await this.growth(memberId, now), tiers).name;
    const change = Math.sign(rank(target) - rank(current));
    if (change > 0 || (change < 0 && mayLower)) {
      await this.members.setTier(memberId, target);
      return change;
    }
    return 0;
  }
}

/** Growth counts orders completed after this instant: the same Shanghai day 12 months ago. */
function windowStart(now: Date): Date {
  return startOfShanghaiDay(addMonths(shanghaiDay(now), -12));
}

/** What the tier gives, worded from the rules in force (the same numbers checkout and check-in use). */
function benefitsOf(rule: TierRule, pointsPerYuan: number, birthdayMonthPct: number): string[] {
  const list = [`每消费 1 元得 ${earnRateLabel(pointsPerYuan, rule.multiplierPct)} 积分`];
  if (rule.mallDiscountPct > 0) list.push(`积分商城兑换少 ${rule.mallDiscountPct}% 积分`);
  if (birthdayMonthPct > 100) list.push(`生日月签到积分${birthdayMonthPct === 200 ? '翻倍' : `×${earnRateLabel(1, birthdayMonthPct)}`}`);
  return list;
}
