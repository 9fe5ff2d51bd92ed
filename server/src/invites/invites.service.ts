import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Between } from 'typeorm';
import {
  couponLabel, type InviteRule, type InviteRulesDto, type InviteVisitDto, maskNickname, type MyInvitesDto, shanghaiMonth,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { Events } from '../events/events.service.js';
import type { EventPayloads } from '../events/events.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { MembersService } from '../members/members.service.js';
import { RulesService } from '../rules/rules.service.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { CouponTemplate } from '../coupons/coupon.entities.js';
import { Invite, InviteVisit } from './invite.entities.js';


const DAY_MS = 86_400_000;

/**
 * 邀请有礼. Opening a link only records a visit (WeChat's rules forbid rewarding a share or a
 * mere open). A new member's sign-up with a verified phone is attributed to the first inviter
 * whose link they opened in the 7 days before; the inviter is rewarded then (+50) and when
 * the invitee's first paid order completes (+200, and the invitee's coupon), at most 20
 * rewarded invitees a month. Rewards run from events after the causing transaction commits,
 * keyed in the ledger by invitee, so a replayed event pays nothing twice.
 */
@Injectable()
export class InvitesService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly members: MembersService,
    private readonly events: Events,
    private readonly rules: RulesService,
    private readonly wechat: WechatClient,
  ) {}

  private readonly codes = new Map<string, { png: Buffer; at: number }>();

  onModuleInit(): void {
    this.events.on('member.signed_up', (e) => this.onSignedUp(e));
    this.events.on('order.completed', (e) => this.onOrderCompleted(e));
  }

  rulesNow(): Promise<InviteRule> {
    return this.rules.of('invites');
  }

  /** The rule as the invite page words it: the invitee's coupon named from the template that will be issued. */
  async rulesDto(): Promise<InviteRulesDto> {
    const { inviteeTemplateId, ...rules } = await this.rulesNow();
    const t = inviteeTemplateId ? await this.db.read((m) => m.findOneBy(CouponTemplate, { id: inviteeTemplateId })) : null;
    return { ...rules, inviteeReward: t && t.status === 'on' ? `${couponLabel(t)}券` : null };
  }

  /** A member opened an invite link: a visit that may attribute their sign-up later. */
  async visit(visitorId: number, code: string): Promise<InviteVisitDto> {
    const inviter = await this.members.byInviteCode(code);
    if (!inviter) throw new DomainError('INVITE_CODE_UNKNOWN', '邀请码不存在');
    if (inviter.id === visitorId) throw new DomainError('INVITE_SELF', '不能打开自己的邀请');
    const rules = await this.rulesNow();
    const visitor = await this.members.get(visitorId);
    const now = this.clock.now();
    // Existing members never count: only someone who has not signed up and arrived recently.
    const isNew = visitor.signedUpAt === null && visitor.createdAt.getTime() >= now.getTime() - rules.attributionDays * DAY_MS;
    if (!isNew) return { counted: false };
    await this.db.unit(async (m) => {
      await m.insert(InviteVisit, { inviterId: inviter.id, visitorId, createdAt: now });
      // The first inviter shows the invitee as 已打开; sign-up decides who is credited.
      await this.db.exec(`${this.db.insertOrIgnore} INTO invites (inviter_id, invitee_id, status, points, opened_at) VALUES (?, ?, 'opened', 0, ?)`,
        [inviter.id, visitorId, sqlTime(now)]);
    });
    return { counted: true };
  }

  /**
   * The member's mini-program code for the poster: it opens 首页 with the invite code as its
   * scene. Cached for a day per code (WeChat limits calls, and the code never changes).
   */
  async posterCode(memberId: number): Promise<Buffer> {
    const code = await this.members.inviteCode(memberId);
    const now = this.clock.now().getTime();
    const hit = this.codes.get(code);
    if (hit && now - hit.at < DAY_MS) return hit.png;
    const png = await this.wechat.wxacode(code, 'pages/index/index');
    if (this.codes.size > 10_000) this.codes.clear();
    this.codes.set(code, { png, at: now });
    return png;
  }

  async mine(memberId: number): Promise<MyInvitesDto> {
    const [code, rules] = await Promise.all([this.members.inviteCode(memberId), this.rulesDto()]);
    const invites = await this.db.read((m) => m.find(Invite, { where: { inviterId: memberId }, order: { openedAt: 'DESC', id: 'DESC' }, take: 200 }));
    const names = await this.members.nicknames(invites.map((i) => i.inviteeId));
    const counted = invites.filter((i) => i.status !== 'expired');
    return {
      code,
      sharePath: `/pages/index/index?inv=${code}`,
      rules,
      totals: {
        invited: counted.length,
        signedUp: counted.filter((i) => i.signedUpAt !== null).length,
        ordered: counted.filter((i) => i.orderedAt !== null).length,
        points: invites.reduce((s, i) => s + i.points, 0),
      },
      items: invites.map((i) => ({
        nickname: maskNickname(names.get(i.inviteeId) ?? '微信用户'),
        status: i.status,
        points: i.points,
        openedAt: i.openedAt.toISOString(),
      })),
    };
  }

  /** Attributes a completed sign-up and pays the inviter's sign-up reward. */
  async onSignedUp({ memberId, at }: EventPayloads['member.signed_up']): Promise<void> {
    const rules = await this.rulesNow();
    const signedUpAt = new Date(at);
    await this.db.unit(async (m) => {
      const [first] = await m.find(InviteVisit, {
        where: { visitorId: memberId, createdAt: Between(new Date(signedUpAt.getTime() - rules.attributionDays * DAY_MS), signedUpAt) },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: 1,
      });
      const invite = await m.findOneBy(Invite, { inviteeId: memberId });
      if (!first) {
        if (invite?.status === 'opened') await m.update(Invite, { id: invite.id }, { status: 'expired' });
        return;
      }
      if (invite && invite.status !== 'opened') return; // already handled (a replayed event)
      const row = invite ?? m.create(Invite, { inviteeId: memberId, status: 'opened', points: 0, openedAt: first.createdAt });
      Object.assign(row, { inviterId: first.inviterId, status: 'signed_up', signedUpAt, openedAt: first.createdAt });
      const saved = await m.save(row);
      await this.reward(saved, rules.signupPoints, 'signup', signedUpAt, rules.monthlyCap);
    });
  }

  /** The invitee's first completed order: the inviter's +200 and, by event, the invitee's coupon. */
  async onOrderCompleted({ memberId, paidFen, at }: EventPayloads['order.completed']): Promise<void> {
    // Only an order paid in money counts (not a points-mall redemption or a free order): rings farm the others.
    if (paidFen <= 0) return;
    const rules = await this.rulesNow();
    const now = new Date(at);
    await this.db.unit(async (m) => {
      const invite = await m.findOneBy(Invite, { inviteeId: memberId });
      if (!invite || invite.status !== 'signed_up') return; // not attributed, or not the first order
      await m.update(Invite, { id: invite.id }, { status: 'ordered', orderedAt: now });
      await this.reward(invite, rules.orderPoints, 'order', now, rules.monthlyCap);
      await m.update(Invite, { id: invite.id }, { status: 'rewarded', rewardedAt: now });
      await this.events.emit('invite.rewarded', { inviteId: invite.id, inviterId: invite.inviterId, inviteeId: memberId, at });
    });
  }

  /** Pays the inviter unless the month's cap of rewarded invitees is reached (each invitee counts once). */
  private async reward(invite: Invite, points: number, stage: 'signup' | 'order', at: Date, cap: number): Promise<void> {
    const m = this.db.unitManager;
    if (invite.points === 0 && !(await this.countTowardsCap(invite.inviterId, shanghaiMonth(at), cap))) {
      await m.update(Invite, { id: invite.id }, { note: '本月邀请奖励已达上限' });
      return;
    }
    const earned = await this.ledger.earn({ memberId: invite.inviterId, amount: points, source: 'invite', key: `invite-${stage}:${invite.inviteeId}`, ref: { type: 'invite', id: invite.id } });
    invite.points += earned.amount;
    await m.update(Invite, { id: invite.id }, { points: invite.points });
    if (earned.amount > 0) {
      await this.events.emit('invite.reward_paid', {
        inviteId: invite.id, inviterId: invite.inviterId, inviteeId: invite.inviteeId, points: earned.amount, stage, at: at.toISOString(),
      });
    }
  }

  /** Takes one of the month's rewarded-invitee places with a conditional update; false when full. */
  private async countTowardsCap(inviterId: number, month: string, cap: number): Promise<boolean> {
    await this.db.exec(`${this.db.insertOrIgnore} INTO invite_monthly (inviter_id, month, rewarded) VALUES (?, ?, 0)`, [inviterId, month]);
    return (await this.db.exec('UPDATE invite_monthly SET rewarded = rewarded + 1 WHERE inviter_id = ? AND month = ? AND rewarded < ?', [inviterId, month, cap])) === 1;
  }
}
