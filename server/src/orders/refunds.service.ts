import { randomInt } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { type OrderDto, type OrderStatus, type RefundRequest, proRata, shanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { Events } from '../events/events.service.js';
import { Jobs } from '../jobs/jobs.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { isUniqueViolation } from '../common/sql.js';
import { type PayRefund, WechatPayClient } from '../pay/wechatpay.client.js';
import { Order, OrderLine, PaymentEvent, Refund } from './order.entities.js';
import { OrderBook, keys } from './order-book.js';

interface LinePart {
  lineId: number;
  quantity: number;
}

/**
 * Refunds, whole or per line. What a line gives back is fixed by arithmetic, not by
 * bookkeeping: k of its n units are worth floor(pay × k / n) fen and floor(points × k / n)
 * points, so refunds of the same line add up to exactly the line when the last unit goes.
 * The order moves to refunding while WeChat Pay works (one refund at a time); the success
 * notification settles it: money, the points used as cash back, the purchase points taken
 * back pro rata (cancelled while pending, clawed back once confirmed), the coupon back on a
 * full refund, stock back if nothing had shipped.
 */
@Injectable()
export class RefundsService implements OnModuleInit {
  private readonly logger = new Logger('Refunds');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly book: OrderBook,
    private readonly wechatPay: WechatPayClient,
    private readonly ledger: LedgerService,
    private readonly coupons: CouponsService,
    private readonly events: Events,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'refunds.retry', everyMinutes: 5, leaseMs: 10 * 60_000, run: async (now) => `settled ${await this.retryStuck(now)}` });
  }

  async request(orderId: number, input: RefundRequest, operatorId: number | null,
    from: readonly OrderStatus[] = ['paid', 'shipped', 'completed']): Promise<OrderDto> {
    const now = this.clock.now();
    const refund = await this.db.unit(async (m) => {
      const order = await this.book.find(orderId);
      const refusal = order.status === 'refunding' ? '该订单有退款正在处理' : '该订单当前不能退款';
      if (!from.includes(order.status)) throw new DomainError('ORDER_STATE', refusal);
      const lines = await m.find(OrderLine, { where: { orderId }, order: { id: 'ASC' } });
      const parts = this.parts(lines, input.lines);
      let amountFen = 0;
      let points = 0;
      for (const part of parts) {
        const line = lines.find((l) => l.id === part.lineId)!;
        amountFen += worth(linePay(line), line.quantity, line.refundedQuantity, part.quantity);
        points += worth(line.points, line.quantity, line.refundedQuantity, part.quantity);
        const taken = await this.db.exec('UPDATE order_lines SET refunded_quantity = refunded_quantity + ? WHERE id = ? AND refunded_quantity + ? <= quantity',
          [part.quantity, line.id, part.quantity]);
        if (taken !== 1) throw new DomainError('REFUND_EXCEEDS', `${line.title} 可退数量不足`);
      }
      await this.book.move(order, from, 'refunding', { resumeStatus: order.status }, refusal);
      return m.save(m.create(Refund, {
        orderId, refundNo: this.newRefundNo(), amountFen, points, earnedTaken: 0, status: 'processing',
        reason: input.reason.trim().slice(0, 80), lines: JSON.stringify(parts), operatorId, finishedAt: null, createdAt: now, updatedAt: now,
      }));
    });

    const order = await this.book.find(orderId);
    if (refund.amountFen === 0 || order.payChannel !== 'wechat') {
      // Nothing went through WeChat Pay (sandbox, or coupon and points paid it all): settle now.
      await this.finish(refund.refundNo, 'success', `local:${refund.refundNo}`);
    } else {
      await this.send(refund, order);
    }
    return this.book.toDto(await this.book.find(orderId));
  }

  /**
   * WeChat took money for an order that had already closed (paid in the moment it closed):
   * the refund is recorded in the caller's transaction (with the payment event), then sent.
   * Its number is fixed by the order, so WeChat treats any resend as the same refund.
   */
  async recordClosedRefund(order: Order, paidFen: number): Promise<Refund> {
    const m = this.db.unitManager;
    const now = this.clock.now();
    const refundNo = `RC${order.orderNo}`;
    const existing = await m.findOneBy(Refund, { refundNo });
    return existing ?? m.save(m.create(Refund, {
      orderId: order.id, refundNo, amountFen: paidFen, points: 0, earnedTaken: 0, status: 'processing', reason: '订单已关闭，自动退款',
      lines: '[]', operatorId: null, finishedAt: null, createdAt: now, updatedAt: now,
    }));
  }

  async sendRecorded(refundNo: string): Promise<void> {
    const refund = await this.db.read((m) => m.findOneByOrFail(Refund, { refundNo }));
    if (refund.status === 'processing') await this.send(refund, await this.book.find(refund.orderId));
  }

  /**
   * Asks WeChat Pay for the refund. Only a definite refusal undoes it; when the answer is
   * unknown (timeout, 5xx, a bad signature) WeChat may have accepted it, so it stays
   * processing and the retry job asks again with the same number — never a second refund.
   */
  private async send(refund: Refund, order: Order): Promise<void> {
    const totalFen = order.status === 'closed' ? refund.amountFen : order.payFen;
    try {
      const result = await this.wechatPay.refund({ outTradeNo: order.orderNo, outRefundNo: refund.refundNo, refundFen: refund.amountFen, totalFen, reason: refund.reason });
      await this.applyRefund(result, `refund-answer:${refund.refundNo}`);
    } catch (error) {
      const code = (error as DomainError).code;
      if (code && DEFINITE_REFUSALS.includes(code)) {
        this.logger.warn(`refund ${refund.refundNo} refused: ${(error as Error).message}`);
        await this.finish(refund.refundNo, 'failed', `refund-error:${refund.refundNo}`);
        throw error;
      }
      this.logger.warn(`refund ${refund.refundNo}: no clear answer (${(error as Error).message}); the retry job will ask again`);
    }
  }

  /** Refunds still processing after a while: ask WeChat Pay, resend with the same number if it never saw them. */
  async retryStuck(now = this.clock.now()): Promise<number> {
    const stuck = await this.db.read((m) => m.find(Refund, {
      where: { status: 'processing', createdAt: LessThanOrEqual(new Date(now.getTime() - RETRY_AFTER_MS)) }, take: 200,
    }));
    let settled = 0;
    for (const refund of stuck) {
      try {
        const known = await this.wechatPay.queryRefund(refund.refundNo);
        if (known) settled += (await this.applyRefund(known, `refund-query:${refund.refundNo}:${known.status}`)) === 'refunded' ? 1 : 0;
        else await this.send(refund, await this.book.find(refund.orderId));
      } catch (error) {
        this.logger.error(`retrying refund ${refund.refundNo}: ${(error as Error).message}`);
      }
    }
    return settled;
  }

  /** A verified REFUND.* notification (or a query result): applied once per refund. */
  async applyRefund(r: PayRefund, eventId: string): Promise<string> {
    if (r.status === 'PROCESSING') return 'processing';
    if (r.status === 'ABNORMAL') {
      // The money left the shop but the card bounced: WeChat holds it for a manual re-route
      // (商户平台 → 交易中心). For our books the refund is made.
      this.logger.error(`refund ${r.outRefundNo} is ABNORMAL at WeChat Pay: finish it by hand in the merchant platform`);
    }
    return this.finish(r.outRefundNo, r.status === 'CLOSED' ? 'failed' : 'success', eventId, r.refundFen);
  }

  /** Settles a refund in one transaction; a second call for the same refund changes nothing. */
  async finish(refundNo: string, outcome: 'success' | 'failed', eventId: string, notifiedFen?: number): Promise<string> {
    const now = this.clock.now();
    try {
      return await this.db.unit(async (m) => {
        const refund = await m.findOneBy(Refund, { refundNo });
        if (!refund) throw new DomainError('NOT_FOUND', '退款单不存在');
        if (notifiedFen !== undefined && notifiedFen !== refund.amountFen) throw new DomainError('PAY_AMOUNT_MISMATCH', '退款金额与退款单不符');
        await m.insert(PaymentEvent, { eventId, eventType: `REFUND.${outcome}`, reference: refundNo, outcome, createdAt: now });
        const moved = await m.update(Refund, { id: refund.id, status: 'processing' }, { status: outcome, finishedAt: now, updatedAt: now });
        if (moved.affected !== 1) {
          if (refund.status !== outcome) this.logger.error(`refund ${refundNo} was ${refund.status}, now told ${outcome}: check it by hand`);
          return 'already settled';
        }
        const order = await this.book.find(refund.orderId);
        if (order.status === 'closed') return outcome; // money paid after the order closed, now back
        const resume = order.resumeStatus ?? 'paid';
        const parts = JSON.parse(refund.lines) as LinePart[];
        if (outcome === 'failed') {
          for (const p of parts) await this.db.exec('UPDATE order_lines SET refunded_quantity = refunded_quantity - ? WHERE id = ?', [p.quantity, p.lineId]);
          await this.book.move(order, ['refunding'], resume, { resumeStatus: null });
          return 'failed';
        }
        await this.settle(order, refund, parts, resume);
        return 'refunded';
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'replayed';
      throw error;
    }
  }

  private async settle(order: Order, refund: Refund, parts: LinePart[], resume: OrderStatus): Promise<void> {
    const m = this.db.unitManager;
    const now = this.clock.now();
    const refundedFen = order.refundedFen + refund.amountFen;
    const lines = await m.find(OrderLine, { where: { orderId: order.id } });
    const everything = lines.every((l) => l.refundedQuantity === l.quantity);

    if (refund.points > 0) {
      await this.ledger.reverse({ key: `refund:${refund.refundNo}:cash`, entryKey: keys.cash(order.id), amount: refund.points, reason: '退款退回抵现积分' });
    }
    // Purchase points: the share of what is refunded so far, less what earlier refunds took.
    let earnedTaken = 0;
    let earnState = order.earnState;
    if (order.earnPoints > 0 && (order.earnState === 'pending' || order.earnState === 'confirmed')) {
      const before = await m.createQueryBuilder(Refund, 'r').select('COALESCE(SUM(r.earned_taken), 0)', 'total')
        .where('r.order_id = :id AND r.status = :s', { id: order.id, s: 'success' }).getRawOne<{ total: unknown }>();
      const target = everything ? order.earnPoints : proRata(order.earnPoints, refundedFen, order.payFen);
      earnedTaken = Math.max(0, target - Number(before?.total ?? 0));
      if (earnedTaken > 0 && order.earnState === 'pending') {
        await this.ledger.cancelPending({ key: `refund:${refund.refundNo}:earn`, holdKey: keys.earn(order.id), amount: earnedTaken, reason: '退款取消待到账积分' });
      } else if (earnedTaken > 0) {
        await this.ledger.reverse({ key: `refund:${refund.refundNo}:earn`, entryKey: keys.confirm(order.id), amount: earnedTaken, reason: '退款扣回购物积分' });
      }
      if (everything && order.earnState === 'pending') earnState = 'cancelled';
    }
    await m.update(Refund, { id: refund.id }, { earnedTaken });
    if (resume === 'paid' && order.source === 'shop') {
      // Nothing shipped yet: the stock goes back on sale (a mall item's stock is the mall's).
      for (const p of parts) {
        const line = lines.find((l) => l.id === p.lineId)!;
        await this.db.exec('UPDATE goods_skus SET stock = stock + ?, sales = sales - ?, updated_at = ? WHERE id = ?', [p.quantity, p.quantity, sqlTime(now), line.skuId]);
      }
    }
    if (everything && order.couponId) await this.coupons.restore(order.couponId, order.id);
    if (everything && order.source === 'mall') await this.book.returnRedemption(order.id);
    await this.book.move(order, ['refunding'], everything ? 'refunded' : resume, { refundedFen, resumeStatus: null, earnState });
    await this.events.emit('order.refunded', {
      orderId: order.id, refundId: refund.id, memberId: order.memberId, completed: resume === 'completed', refundFen: refund.amountFen,
      remainingFen: order.payFen - refundedFen, at: now.toISOString(),
    });
  }

  /** Whole order (every unit not yet refunded) or the asked lines, checked against what is left. */
  private parts(lines: OrderLine[], asked: RefundRequest['lines']): LinePart[] {
    if (!asked?.length) {
      const rest = lines.filter((l) => l.refundedQuantity < l.quantity).map((l) => ({ lineId: l.id, quantity: l.quantity - l.refundedQuantity }));
      if (rest.length === 0) throw new DomainError('REFUND_EXCEEDS', '订单已全部退款');
      return rest;
    }
    const merged = new Map<number, number>();
    for (const { lineId, quantity } of asked) merged.set(lineId, (merged.get(lineId) ?? 0) + quantity);
    return [...merged].map(([lineId, quantity]) => {
      const line = lines.find((l) => l.id === lineId);
      if (!line) throw new DomainError('VALIDATION_FAILED', `订单中没有商品行 ${lineId}`);
      if (quantity > line.quantity - line.refundedQuantity) throw new DomainError('REFUND_EXCEEDS', `${line.title} 最多可退 ${line.quantity - line.refundedQuantity} 件`);
      return { lineId, quantity };
    });
  }

  private newRefundNo(): string {
    return `R${shanghaiDay(this.clock.now()).replaceAll('-', '')}${randomInt(10 ** 9, 10 ** 10)}`;
  }
}

/** WeChat Pay's (and our) clear refusals: nothing was refunded, the request can be undone. */
const DEFINITE_REFUSALS: string[] = ['BAD_REQUEST', 'ORDER_STATE', 'REFUND_EXCEEDS', 'CONFLICT', 'PAY_NOT_CONFIGURED'];
/** A refund without an answer this long is asked about again. */
const RETRY_AFTER_MS = 5 * 60_000;

/** What a line cost in money after its share of the coupon and points. */
function linePay(l: OrderLine): number {
  return l.amountFen - l.couponFen - l.points;
}

/** The worth of `k` more units of a line of `n` whose first `done` units were refunded already. */
export function worth(total: number, n: number, done: number, k: number): number {
  const upTo = (units: number) => Math.floor((total * units) / n);
  return upTo(done + k) - upTo(done);
}
