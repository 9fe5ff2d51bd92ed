import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Db } from '../common/db.js';
import { num } from '../common/sql.js';
import { Events } from '../events/events.service.js';
import type { EventPayloads } from '../events/events.js';
import { RemindersService } from './reminders.service.js';

/**
 * Reminders that follow what happened, from the outbox after commit: 积分到账 when an order
 * completes, 发货通知 when it ships, 邀请奖励到账 when an inviter is paid. Each is keyed by its
 * cause, so a replayed event reminds nobody twice.
 */
@Injectable()
export class EventReminders implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly events: Events,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.events.on('order.completed', (e) => this.pointsArrived(e));
    this.events.on('order.shipped', (e) => this.shipped(e));
    this.events.on('invite.reward_paid', (e) => this.inviteReward(e));
  }

  /** The order's purchase points became available (its confirm entry); none, no reminder. */
  async pointsArrived({ orderId, memberId, at }: EventPayloads['order.completed']): Promise<void> {
    const entry = await this.db.one<{ amount: unknown; available_after: unknown }>(
      'SELECT amount, available_after FROM points_entries WHERE idempotency_key = ?', [`order:${orderId}:confirm`]);
    const points = num(entry?.amount ?? 0);
    if (points <= 0) return;
    const balance = num(entry!.available_after);
    await this.reminders.remind({
      memberId, kind: 'points_arrived', cause: `order:${orderId}`,
      title: '积分已到账', body: `订单确认收货，${points} 积分已到账，当前可用 ${balance} 积分`, page: 'pages/points/index',
      values: { title: '购物积分到账', points, balance, time: new Date(at), tip: '积分可抵现金，也可兑换好礼' },
    });
  }

  async shipped({ orderId, at }: EventPayloads['order.shipped']): Promise<void> {
    const order = await this.db.one<{ member_id: unknown; express_company: string | null; tracking_no: string | null; status: string }>(
      'SELECT member_id, express_company, tracking_no, status FROM orders WHERE id = ?', [orderId]);
    if (!order || !order.tracking_no) return;
    const lines = await this.db.rows<{ title: string }>('SELECT title FROM order_lines WHERE order_id = ? ORDER BY id', [orderId]);
    const goods = lines.length > 1 ? `${lines[0].title} 等 ${lines.length} 件` : lines[0]?.title ?? '积分商城兑换';
    const company = order.express_company ?? '';
    await this.reminders.remind({
      memberId: num(order.member_id), kind: 'order_shipped', cause: `order:${orderId}`,
      title: '订单已发货', body: `${goods} 已发货：${company} ${order.tracking_no}`, page: `pages/order/index?id=${orderId}`,
      values: { title: '您的订单已发货', goods, company, trackingNo: order.tracking_no, time: new Date(at) },
    });
  }

  async inviteReward({ inviteId, inviterId, inviteeId, points, stage, at }: EventPayloads['invite.reward_paid']): Promise<void> {
    const friend = await this.db.one<{ nickname: string | null }>('SELECT nickname FROM members WHERE id = ?', [inviteeId]);
    const name = friend?.nickname || '好友';
    const what = stage === 'signup' ? '注册成为会员' : '完成首单';
    await this.reminders.remind({
      memberId: inviterId, kind: 'invite_reward', cause: `invite:${inviteId}:${stage}`,
      title: '邀请奖励到账', body: `${name} ${what}，${points} 邀请奖励积分已到账`, page: 'pages/invite/index',
      values: { title: '邀请奖励到账', friend: name, points, time: new Date(at), tip: `${name}${what}` },
    });
  }
}
