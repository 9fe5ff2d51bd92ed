import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import {
  addDays, type CheckoutCouponDto, type CouponChannel, type CouponTemplateInput, type CouponDto, type CouponRule, type CouponTemplateDto, type CouponTemplateStatsDto,
  couponDiscount, couponLabel, couponScopeLabel, endOfShanghaiDay, type PricedLine, shanghaiDay,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError, fieldProblem } from '../common/errors.js';
import { num, sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { Events } from '../events/events.service.js';
import { RulesService } from '../rules/rules.service.js';
import { Coupon, CouponTemplate } from './coupon.entities.js';

export type WalletState = 'available' | 'used' | 'expired';

/** What an operator sends to create a template (validated by CreateCouponTemplateDto); shared with the miniapp's form. */
export type { CouponTemplateInput };

/** Thrown by `issueMany` when concurrent claims took a template's last coupons: redo the unit with `lockTemplate`. */
export class StockMoved extends Error {}

/** Refusals of issuing that an event handler or a targeted issue skips instead of failing. */
const SKIPPABLE = new Set(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_CLAIMABLE']);

/**
 * 优惠券. Issuing a coupon is one transaction: the coupon row under its unique issue key (a
 * retried claim or a replayed event finds the first one), the member's count by a conditional
 * update that cannot pass the per-member limit, and the template's `issued` by one that cannot
 * pass its total — the hot template row last. Never count-then-insert: 64 concurrent claims
 * of a template with 1 left would each count 0 issued and all insert.
 *
 * A coupon serves one order, ever: `lock` takes it available→locked for an order by a
 * conditional update inside the order's transaction (so concurrent orders cannot all use
 * it), `markUsed` locked→used at payment, `release` locked→available when an unpaid order
 * closes (a closed order must give its coupon back), `restore` used→available on a full
 * refund while still valid.
 */
@Injectable()
export class CouponsService implements OnModuleInit {
  private readonly logger = new Logger('Coupons');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly rules: RulesService,
  ) {}

  onModuleInit(): void {
    this.events.on('member.signed_up', async (e) => {
      const templates = await this.db.read((m) => m.find(CouponTemplate, { where: { channel: 'new_member', status: 'on' }, order: { id: 'ASC' } }));
      await this.grantAll('new_member', e.memberId, templates.map((t) => t.id), (t) => `signup:${e.memberId}:${t}`);
    });
    // The invitee gets the coupon the invite rule names, the one the invite page promises.
    this.events.on('invite.rewarded', async (e) => {
      const { inviteeTemplateId } = await this.rules.of('invites');
      await this.grantAll('invite', e.inviteeId, inviteeTemplateId ? [inviteeTemplateId] : [], (t) => `invite:${e.inviteId}:${t}`);
    });
  }

  /** The new-member coupons a member completing sign-up now is given (by the event that follows): on, in window, not all taken. */
  async newMemberGifts(): Promise<string[]> {
    const now = this.clock.now();
    const templates = await this.db.read((m) => m.find(CouponTemplate, { where: { channel: 'new_member', status: 'on' }, order: { id: 'ASC' } }));
    return templates.filter((t) => inClaimWindow(t, now) && (t.total === null || t.issued < t.total)).map((t) => t.name);
  }

  /** 领券中心: centre templates that are on and inside their claim window, with the caller's count. */
  async center(memberId?: number): Promise<CouponTemplateDto[]> {
    const now = this.clock.now();
    const templates = (await this.db.read((m) => m.find(CouponTemplate, { where: { channel: 'center', status: 'on' }, order: { id: 'ASC' } })))
      .filter((t) => inClaimWindow(t, now));
    const mine = memberId ? await this.heldBy(memberId) : new Map<number, number>();
    return this.named(templates.map((t) => templateDto(t, memberId ? mine.get(t.id) ?? 0 : 0, memberId !== undefined)));
  }

  /** A template as a points-mall item page shows it: its rule, scope (named) and validity; null when gone. */
  async describe(templateId: number): Promise<{ label: string; scopeLabel: string; validity: CouponTemplateDto['validity'] } | null> {
    const t = await this.db.findOneBy(CouponTemplate, { id: templateId });
    if (!t) return null;
    const [dto] = await this.named([templateDto(t, 0, false)]);
    return { label: dto.label, scopeLabel: dto.scopeLabel, validity: dto.validity };
  }

  /** Scope labels with the categories' and goods' names (one query each), for the pages shoppers read. */
  private async named<T extends CouponTemplateDto | CouponDto>(dtos: T[]): Promise<T[]> {
    const ids = (scope: 'categories' | 'goods') => [...new Set(dtos.filter((d) => d.scope === scope).flatMap((d) => d.scopeIds))];
    const categories = await this.db.labels('SELECT id, name AS label FROM categories WHERE id IN ({ids})', ids('categories'));
    const goods = await this.db.labels('SELECT id, title AS label FROM goods WHERE id IN ({ids})', ids('goods'));
    return dtos.map((d) => (d.scope === 'all' ? d : { ...d, scopeLabel: couponScopeLabel(d, d.scope === 'categories' ? categories : goods) }));
  }

  /** A member claims a centre coupon; the same clientKey again returns the first coupon. */
  async claim(memberId: number, templateId: number, clientKey: string = randomUUID()): Promise<CouponDto> {
    const key = `claim:${memberId}:${templateId}:${clientKey}`;
    // Most claims of a hot coupon arrive after it is gone: answer those without a transaction.
    const seen = await this.db.read((m) => m.findOneBy(CouponTemplate, { id: templateId }));
    if (!seen) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
    if (seen.total !== null && seen.issued >= seen.total && !(await this.db.read((m) => m.findOneBy(Coupon, { issueKey: key })))) {
      throw new DomainError('COUPON_SOLD_OUT', '已抢光');
    }
    const coupon = await this.db.unit(() => this.issue({ memberId, templateId, key, channel: 'center' }, (t, now) => {
      if (t.channel !== 'center' || t.status !== 'on' || !inClaimWindow(t, now)) throw new DomainError('COUPON_NOT_CLAIMABLE', '该券当前不可领取');
    }));
    return this.toDto(coupon);
  }

  /** Issues a coupon through any channel (new member, invite, points mall, targeted), once per key. */
  async grant(input: { memberId: number; templateId: number; key: string; channel: CouponChannel }): Promise<CouponDto> {
    const coupon = await this.db.unit(() => this.issue(input, (t) => {
      if (t.status !== 'on') throw new DomainError('COUPON_NOT_CLAIMABLE', '该券已停止发放');
    }));
    return this.toDto(coupon);
  }

  /** Targeted issue by an operator: each member at most once per request key; limits skip, not fail. */
  async issueTo(templateId: number, memberIds: number[], requestKey: string = randomUUID()): Promise<{ issued: number; skipped: number }> {
    const template = await this.db.read((m) => m.findOneBy(CouponTemplate, { id: templateId }));
    if (!template) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
    if (template.status !== 'on') throw new DomainError('COUPON_NOT_CLAIMABLE', '该券已停止发放');
    const unique = [...new Set(memberIds)];
    if (unique.length === 0) return { issued: 0, skipped: 0 };
    const known = new Set((await this.db.read((m) => m.query('SELECT id FROM members WHERE id IN (' + unique.map(() => '?').join(', ') + ')', unique)) as { id: unknown }[])
      .map((r) => num(r.id)));
    let issued = 0;
    for (const memberId of unique) {
      if (!known.has(memberId)) continue;
      try {
        await this.grant({ memberId, templateId, key: `targeted:${templateId}:${memberId}:${requestKey}`, channel: 'targeted' });
        issued++;
      } catch (error) {
        if (!(error instanceof DomainError && SKIPPABLE.has(error.code))) throw error;
      }
    }
    return { issued, skipped: unique.length - issued };
  }

  /** Refuses a template that cannot be issued now (missing, off, or past its fixed window), naming `templateId`. */
  async assertIssuable(templateId: number): Promise<void> {
    const t = await this.db.findOneBy(CouponTemplate, { id: templateId });
    if (!t) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在', { field: 'templateId' });
    const now = this.clock.now();
    if (t.status !== 'on' || validityOf(t, now).endsAt <= now) throw new DomainError('COUPON_NOT_CLAIMABLE', '该券已停止发放或已过期', { field: 'templateId' });
  }

  /**
   * Issues one coupon each to many members inside the caller's unit (a targeted batch's chunk),
   * keeping the same three invariants as one issue with a few statements for all: a coupon per
   * issue key, the per-member limit (members at it are left out), the template's total (a
   * conditional update, the hot row last). Returns the members issued to, in id order; none when
   * the template is off or past its window. Throws StockMoved when concurrent claims took the
   * last coupons meanwhile: the caller redoes its unit with `lockTemplate`, which reads the
   * template under its row lock first.
   */
  async issueMany(input: { templateId: number; memberIds: number[]; key: (memberId: number) => string; channel: CouponChannel; batchId: number | null; lockTemplate: boolean }): Promise<number[]> {
    const { memberIds } = input;
    const now = this.clock.now();
    const t = await this.db.findOneBy(CouponTemplate, { id: input.templateId }, input.lockTemplate ? this.db.forUpdate.trim() : '');
    if (!t || memberIds.length === 0 || t.status !== 'on') return [];
    const { startsAt, endsAt } = validityOf(t, now);
    if (endsAt <= now) return [];
    const at = sqlTime(now);
    const list = memberIds.map(() => '?').join(', ');
    await this.db.insertMany('coupon_member_counts', memberIds.map((m) => ({ member_id: m, template_id: t.id, received: 0 })), this.db.insertOrIgnore);
    const eligible = (await this.db.rows<{ member_id: unknown }>(
      `SELECT member_id FROM coupon_member_counts WHERE template_id = ? AND member_id IN (${list}) AND received < ? ORDER BY member_id`, [t.id, ...memberIds, t.perMember]))
      .map((r) => num(r.member_id));
    const taken = t.total === null ? eligible : eligible.slice(0, Math.max(0, t.total - t.issued));
    if (taken.length === 0) return [];
    const inserted = await this.db.insertMany('coupons', taken.map((m) => ({
      template_id: t.id, member_id: m, state: 'available', starts_at: sqlTime(startsAt), ends_at: sqlTime(endsAt), order_id: null,
      issue_key: input.key(m), channel: input.channel, batch_id: input.batchId, received_at: at, used_at: null, created_at: at, updated_at: at,
    })), this.db.insertOrIgnore);
    if (inserted !== taken.length) throw new Error(`template ${t.id}: ${taken.length - inserted} of the members already hold a coupon under their key`);
    await this.db.exec(`UPDATE coupon_member_counts SET received = received + 1 WHERE template_id = ? AND member_id IN (${taken.map(() => '?').join(', ')})`, [t.id, ...taken]);
    const stocked = await this.db.exec('UPDATE coupon_templates SET issued = issued + ?, updated_at = ? WHERE id = ? AND (total IS NULL OR issued + ? <= total)',
      [taken.length, at, t.id, taken.length]);
    if (stocked !== 1) throw new StockMoved();
    return taken;
  }

  /** 我的优惠券: 可使用 (soonest expiry first), 已使用 and 已过期 (most recent first). */
  async wallet(memberId: number, state: WalletState): Promise<CouponDto[]> {
    const now = sqlTime(this.clock.now());
    const where = {
      available: "state IN ('available', 'locked') AND ends_at > ? ORDER BY ends_at ASC, id ASC",
      used: "state = 'used' ORDER BY used_at DESC, id DESC",
      expired: "state <> 'used' AND ends_at <= ? ORDER BY ends_at DESC, id DESC",
    }[state];
    const params = state === 'used' ? [memberId] : [memberId, now];
    const ids = (await this.db.read((m) => m.query(`SELECT id FROM coupons WHERE member_id = ? AND ${where} LIMIT 200`, params)) as { id: unknown }[])
      .map((r) => num(r.id));
    if (ids.length === 0) return [];
    const rows = await this.db.read((m) => m.findBy(Coupon, { id: In(ids) }));
    const byId = new Map(rows.map((c) => [c.id, c]));
    const templates = await this.templatesOf(rows);
    return this.named(ids.flatMap((id) => (byId.has(id) ? [toCouponDto(byId.get(id)!, templates.get(byId.get(id)!.templateId)!, this.clock.now())] : [])));
  }

  /** The member's coupons usable now, each priced against the lines: fitting first, larger first, then soonest expiry. */
  async forCheckout(memberId: number, lines: PricedLine[]): Promise<CheckoutCouponDto[]> {
    const now = this.clock.now();
    const rows = (await this.db.findBy(Coupon, { memberId, state: 'available' }, 'ORDER BY ends_at ASC, id ASC'))
      .filter((c) => c.startsAt <= now && c.endsAt > now);
    const templates = await this.templatesOf(rows);
    return rows
      .map((c): CheckoutCouponDto => {
        const dto = toCouponDto(c, templates.get(c.templateId)!, now);
        const fit = couponDiscount(dto, lines);
        const usable = fit.ok && fit.discountFen > 0;
        return { ...dto, usable, reason: fit.ok ? (usable ? null : '不适用于所选商品') : fit.reason, discountFen: fit.ok ? fit.discountFen : 0 };
      })
      .sort((a, b) => Number(b.usable) - Number(a.usable) || b.discountFen - a.discountFen || a.endsAt.localeCompare(b.endsAt) || a.id - b.id);
  }

  /**
   * Takes the coupon for an order inside the order's transaction: available→locked by a
   * conditional update (the member's own, within validity). Throws COUPON_NOT_USABLE when it
   * cannot be taken or does not fit the lines; the caller's transaction then rolls back.
   */
  async lock(input: { memberId: number; couponId: number; orderId: number; lines: PricedLine[] }): Promise<{ discountFen: number; name: string }> {
    const now = this.clock.now();
    const coupon = await this.db.findOneBy(Coupon, { id: input.couponId, memberId: input.memberId });
    if (!coupon) throw new DomainError('COUPON_NOT_USABLE', '优惠券不可用');
    const template = await this.db.findOneBy(CouponTemplate, { id: coupon.templateId });
    if (!template) throw new Error(`coupon ${coupon.id} has no template ${coupon.templateId}`);
    const fit = couponDiscount(ruleOf(template), input.lines);
    if (!fit.ok) throw new DomainError('COUPON_NOT_USABLE', fit.reason);
    if (fit.discountFen === 0) throw new DomainError('COUPON_NOT_USABLE', '不适用于所选商品');
    const taken = await this.db.exec(`UPDATE coupons SET state = 'locked', order_id = ?, updated_at = ?
       WHERE id = ? AND member_id = ? AND starts_at <= ? AND ends_at > ? AND (state = 'available' OR (state = 'locked' AND order_id = ?))`,
      [input.orderId, sqlTime(now), input.couponId, input.memberId, sqlTime(now), sqlTime(now), input.orderId]);
    if (taken !== 1) {
      const reason = coupon.state === 'used' ? '优惠券已使用' : coupon.state === 'locked' ? '优惠券已被其他订单占用'
        : coupon.endsAt <= now ? '优惠券已过期' : coupon.startsAt > now ? '优惠券尚未生效' : '优惠券不可用';
      throw new DomainError('COUPON_NOT_USABLE', reason);
    }
    return { discountFen: fit.discountFen, name: template.name };
  }

  /** locked→used when the order is paid; a second call changes nothing. Returns whether it changed. */
  async markUsed(couponId: number, orderId: number): Promise<boolean> {
    const now = sqlTime(this.clock.now());
    return (await this.db.exec("UPDATE coupons SET state = 'used', used_at = ?, updated_at = ? WHERE id = ? AND order_id = ? AND state = 'locked'",
      [now, now, couponId, orderId])) === 1;
  }

  /** locked→available when an unpaid order closes; a second call (or after payment) changes nothing. */
  async release(couponId: number, orderId: number): Promise<boolean> {
    return (await this.db.exec("UPDATE coupons SET state = 'available', order_id = NULL, updated_at = ? WHERE id = ? AND order_id = ? AND state = 'locked'",
      [sqlTime(this.clock.now()), couponId, orderId])) === 1;
  }

  /** used→available after a full refund, only while the coupon is still valid; idempotent. */
  async restore(couponId: number, orderId: number): Promise<boolean> {
    const now = sqlTime(this.clock.now());
    return (await this.db.exec("UPDATE coupons SET state = 'available', order_id = NULL, used_at = NULL, updated_at = ? WHERE id = ? AND order_id = ? AND state = 'used' AND ends_at > ?",
      [now, couponId, orderId, now])) === 1;
  }

  /** Operators' funnel per template: issued, used, use rate and the paid GMV of orders using them. */
  async stats(): Promise<CouponTemplateStatsDto[]> {
    const templates = await this.db.read((m) => m.find(CouponTemplate, { order: { id: 'DESC' } }));
    const used = new Map((await this.db.read((m) => m.query("SELECT template_id, COUNT(*) AS n FROM coupons WHERE state = 'used' GROUP BY template_id")) as { template_id: unknown; n: unknown }[])
      .map((r) => [num(r.template_id), num(r.n)]));
    const gmv = await this.gmvByTemplate();
    return templates.map((t) => statsDto(t, used.get(t.id) ?? 0, gmv.get(t.id) ?? 0));
  }

  async createTemplate(input: CouponTemplateInput): Promise<CouponTemplateStatsDto> {
    const fields = templateFields(input);
    const now = this.clock.now();
    const saved = await this.db.unit((m) => m.save(m.create(CouponTemplate, { ...fields, issued: 0, createdAt: now, updatedAt: now })));
    return statsDto(saved, 0, 0);
  }

  async setStatus(id: number, status: 'on' | 'off'): Promise<CouponTemplateStatsDto> {
    const now = this.clock.now();
    const changed = await this.db.unit((m) => m.update(CouponTemplate, { id }, { status, updatedAt: now }));
    if (!changed.affected) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
    return (await this.stats()).find((t) => t.id === id)!;
  }

  /** One issue inside a transaction: coupon row by unique key, member count, template total (hot row last). */
  private async issue(
    input: { memberId: number; templateId: number; key: string; channel: CouponChannel },
    allowed: (t: CouponTemplate, now: Date) => void,
  ): Promise<Coupon> {
    const m = this.db.unitManager;
    const prior = await m.findOneBy(Coupon, { issueKey: input.key });
    if (prior) return prior;
    const now = this.clock.now();
    const t = await m.findOneBy(CouponTemplate, { id: input.templateId });
    if (!t) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
    allowed(t, now);
    const { startsAt, endsAt } = validityOf(t, now);
    if (endsAt <= now) throw new DomainError('COUPON_NOT_CLAIMABLE', '该券已过期');
    const at = sqlTime(now);
    // The key first: a concurrent copy of this request waits on it and then finds the first coupon.
    const inserted = await this.db.exec(`${this.db.insertOrIgnore} INTO coupons (template_id, member_id, state, starts_at, ends_at, order_id, issue_key, channel, received_at, used_at, created_at, updated_at)
       VALUES (?, ?, 'available', ?, ?, NULL, ?, ?, ?, NULL, ?, ?)`,
      [t.id, input.memberId, sqlTime(startsAt), sqlTime(endsAt), input.key, input.channel, at, at, at]);
    const coupon = await m.findOneByOrFail(Coupon, { issueKey: input.key });
    if (inserted !== 1) return coupon;
    // Undone by hand on refusal too, so a caller that swallows the error keeps nothing.
    await this.db.exec(`${this.db.insertOrIgnore} INTO coupon_member_counts (member_id, template_id, received) VALUES (?, ?, 0)`, [input.memberId, t.id]);
    const counted = await this.db.exec('UPDATE coupon_member_counts SET received = received + 1 WHERE member_id = ? AND template_id = ? AND received < ?',
      [input.memberId, t.id, t.perMember]);
    if (counted !== 1) {
      await this.db.exec('DELETE FROM coupons WHERE id = ?', [coupon.id]);
      throw new DomainError('COUPON_LIMIT_REACHED', `每人限领 ${t.perMember} 张`);
    }
    const taken = await this.db.exec('UPDATE coupon_templates SET issued = issued + 1, updated_at = ? WHERE id = ? AND (total IS NULL OR issued < total)', [at, t.id]);
    if (taken !== 1) {
      await this.db.exec('DELETE FROM coupons WHERE id = ?', [coupon.id]);
      await this.db.exec('UPDATE coupon_member_counts SET received = received - 1 WHERE member_id = ? AND template_id = ? AND received > 0', [input.memberId, t.id]);
      throw new DomainError('COUPON_SOLD_OUT', '已抢光');
    }
    return coupon;
  }

  /** Event handlers: every 'on' template of the channel, once per key; one at its limit is skipped. */
  private async grantAll(channel: CouponChannel, memberId: number, templateIds: number[], key: (templateId: number) => string): Promise<void> {
    for (const id of templateIds) {
      try {
        await this.grant({ memberId, templateId: id, key: key(id), channel });
      } catch (error) {
        if (!(error instanceof DomainError && (SKIPPABLE.has(error.code) || error.code === 'COUPON_NOT_FOUND'))) throw error;
        this.logger.log(`${channel} coupon ${id} skipped for member ${memberId}: ${error.code}`);
      }
    }
  }

  private async toDto(c: Coupon): Promise<CouponDto> {
    const t = await this.db.read((m) => m.findOneByOrFail(CouponTemplate, { id: c.templateId }));
    return toCouponDto(c, t, this.clock.now());
  }

  private async templatesOf(rows: Coupon[]): Promise<Map<number, CouponTemplate>> {
    const ids = [...new Set(rows.map((c) => c.templateId))];
    if (ids.length === 0) return new Map();
    return new Map((await this.db.findBy(CouponTemplate, { id: ids })).map((t) => [t.id, t]));
  }

  private async heldBy(memberId: number): Promise<Map<number, number>> {
    const rows = (await this.db.read((m) => m.query('SELECT template_id, COUNT(*) AS n FROM coupons WHERE member_id = ? GROUP BY template_id', [memberId]))) as
      { template_id: unknown; n: unknown }[];
    return new Map(rows.map((r) => [num(r.template_id), num(r.n)]));
  }

  /** Paid GMV (pay − refunded) of paid orders per template; zero while the orders table does not exist yet. */
  private async gmvByTemplate(): Promise<Map<number, number>> {
    const rows = await this.db.read(async (m) => {
      const runner = m.connection.createQueryRunner();
      try {
        if (!(await runner.hasTable('orders'))) return [];
      } finally {
        await runner.release();
      }
      return (await m.query(
        `SELECT c.template_id AS template_id, SUM(o.pay_fen - o.refunded_fen) AS gmv
         FROM orders o JOIN coupons c ON c.id = o.coupon_id
         WHERE o.paid_at IS NOT NULL GROUP BY c.template_id`)) as { template_id: unknown; gmv: unknown }[];
    });
    return new Map(rows.map((r) => [num(r.template_id), num(r.gmv)]));
  }
}

function inClaimWindow(t: CouponTemplate, now: Date): boolean {
  return (!t.claimStartsAt || t.claimStartsAt <= now) && (!t.claimEndsAt || t.claimEndsAt > now) && (t.validityType !== 'fixed' || !t.endsAt || t.endsAt > now);
}

/** Fixed: the template's window. Relative: from receipt to the end of the Shanghai day N days later. */
function validityOf(t: CouponTemplate, now: Date): { startsAt: Date; endsAt: Date } {
  if (t.validityType === 'fixed') return { startsAt: t.startsAt!, endsAt: t.endsAt! };
  return { startsAt: now, endsAt: endOfShanghaiDay(addDays(shanghaiDay(now), t.validDays ?? 0)) };
}

function ruleOf(t: CouponTemplate): CouponRule {
  return {
    kind: t.kind, thresholdFen: t.thresholdFen, amountFen: t.amountFen, discountPct: t.discountPct, maxOffFen: t.maxOffFen, scope: t.scope, scopeIds: t.scopeIds,
  };
}

function templateDto(t: CouponTemplate, mine: number, signedIn: boolean): CouponTemplateDto {
  const rule = ruleOf(t);
  const left = t.total === null || t.issued < t.total;
  return {
    ...rule, id: t.id, name: t.name, label: couponLabel(rule), scopeLabel: couponScopeLabel(rule), channel: t.channel,
    validity: t.validityType === 'fixed' ? { type: 'fixed', startsAt: t.startsAt!.toISOString(), endsAt: t.endsAt!.toISOString() } : { type: 'relative', days: t.validDays ?? 0 },
    total: t.total, perMember: t.perMember, issued: t.issued, mine, claimable: left && (!signedIn || mine < t.perMember),
  };
}

function statsDto(t: CouponTemplate, used: number, gmvFen: number): CouponTemplateStatsDto {
  // Tenths of a percent, rounded half up, in integers.
  const useRatePermille = t.issued > 0 ? Math.floor((used * 2000 + t.issued) / (2 * t.issued)) : 0;
  return { ...templateDto(t, 0, false), used, useRatePermille, gmvFen, status: t.status };
}

function toCouponDto(c: Coupon, t: CouponTemplate, now: Date): CouponDto {
  const rule = ruleOf(t);
  return {
    ...rule, id: c.id, templateId: c.templateId, name: t.name, label: couponLabel(rule), scopeLabel: couponScopeLabel(rule),
    state: c.state !== 'used' && c.endsAt <= now ? 'expired' : c.state,
    startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), orderId: c.orderId, receivedAt: c.receivedAt.toISOString(),
  };
}

/** Kind-specific checks the DTO's decorators cannot express; refused with VALIDATION_FAILED. */
function templateFields(input: CouponTemplateInput): Omit<CouponTemplate, 'id' | 'issued' | 'createdAt' | 'updatedAt'> {
  const thresholdFen = input.thresholdFen ?? 0;
  const amountFen = input.amountFen ?? 0;
  let discountPct = 100;
  let maxOffFen: number | null = null;
  if (input.kind === 'discount') {
    if (input.discountPct === undefined) throw fieldProblem('discountPct', 'discountPct is required for a discount coupon (1–99)');
    if (amountFen !== 0) throw fieldProblem('amountFen', 'amountFen must be 0 for a discount coupon');
    discountPct = input.discountPct;
    maxOffFen = input.maxOffFen ?? null;
  } else {
    if (amountFen <= 0) throw fieldProblem('amountFen', 'amountFen must be greater than 0');
    if (input.discountPct !== undefined && input.discountPct !== 100) throw fieldProblem('discountPct', 'discountPct is only for discount coupons');
    if (input.maxOffFen !== undefined && input.maxOffFen !== null) throw fieldProblem('maxOffFen', 'maxOffFen is only for discount coupons');
    if (input.kind === 'threshold' && amountFen >= thresholdFen) throw fieldProblem('amountFen', 'amountFen must be less than thresholdFen');
    if (input.kind === 'no_threshold' && thresholdFen !== 0) throw fieldProblem('thresholdFen', 'thresholdFen must be 0 for a no-threshold coupon');
  }
  const scopeIds = [...new Set(input.scopeIds ?? [])];
  if (input.scope === 'all' && scopeIds.length > 0) throw fieldProblem('scopeIds', 'scopeIds must be empty when scope is all');
  if (input.scope !== 'all' && scopeIds.length === 0) throw fieldProblem('scopeIds', 'scopeIds must list the categories or goods');
  const v = input.validity;
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  let validDays: number | null = null;
  if (v.type === 'fixed') {
    if (!v.startsAt || !v.endsAt) throw fieldProblem('validity', 'startsAt and endsAt are required for a fixed window');
    startsAt = new Date(v.startsAt);
    endsAt = new Date(v.endsAt);
    if (!(endsAt > startsAt)) throw fieldProblem('validity.endsAt', 'endsAt must be after startsAt');
    if (v.days !== undefined) throw fieldProblem('validity.days', 'days is only for relative validity');
  } else {
    if (v.days === undefined) throw fieldProblem('validity.days', 'days is required for relative validity (1–365)');
    if (v.startsAt !== undefined || v.endsAt !== undefined) throw fieldProblem('validity', 'startsAt and endsAt are only for a fixed window');
    validDays = v.days;
  }
  const claimStartsAt = input.claimStartsAt ? new Date(input.claimStartsAt) : null;
  const claimEndsAt = input.claimEndsAt ? new Date(input.claimEndsAt) : null;
  if (claimStartsAt && claimEndsAt && !(claimEndsAt > claimStartsAt)) throw fieldProblem('claimEndsAt', 'claimEndsAt must be after claimStartsAt');
  return {
    name: input.name.trim(), kind: input.kind, thresholdFen, amountFen, discountPct, maxOffFen, scope: input.scope, scopeIds, channel: input.channel,
    validityType: v.type, startsAt, endsAt, validDays, claimStartsAt, claimEndsAt, total: input.total ?? null, perMember: input.perMember ?? 1,
    status: input.status ?? 'on',
  };
}
