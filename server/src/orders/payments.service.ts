import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OrderDto, PayDto } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Db } from '../common/db.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { isUniqueViolation } from '../common/sql.js';
import { MembersService } from '../members/members.service.js';
import { type PayTransaction, WechatPayClient } from '../pay/wechatpay.client.js';
import { Order, OrderLine, PaymentEvent } from './order.entities.js';
import { OrderBook, keys } from './order-book.js';
import { RefundsService } from './refunds.service.js';

/**
 * Getting paid: WeChat Pay JSAPI prepay, the payment notification (verified by the client,
 * then checked against our order), the query when the shopper returns, and — without a
 * merchant configured — the labelled sandbox pay. Whatever route a payment arrives by, it is
 * applied once: the order moves pending → paid by a conditional update in the transaction
 * that uses the coupon and books the purchase points as pending.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger('Payments');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly book: OrderBook,
    private readonly wechatPay: WechatPayClient,
    private readonly ledger: LedgerService,
    private readonly coupons: CouponsService,
    private readonly members: MembersService,
    private readonly refunds: RefundsService,
  ) {}

  /** No merchant configured: the labelled sandbox pays, unless switched off (production by default). */
  get sandbox(): boolean {
    return !this.wechatPay.configured;
  }

  private assertSandbox(): void {
    if (!this.config.paySandbox) throw new DomainError('PAY_NOT_CONFIGURED', '商户尚未开通微信支付，暂不能付款');
  }

  async pay(memberId: number, orderId: number): Promise<PayDto> {
    const order = await this.book.own(memberId, orderId);
    if (order.status !== 'pending') throw new DomainError('ORDER_STATE', '订单不是待付款状态');
    if (order.payDeadline && order.payDeadline <= this.clock.now()) throw new DomainError('ORDER_STATE', '订单已超时，请重新下单');
    if (this.sandbox) {
      this.assertSandbox();
      return { mode: 'sandbox' };
    }
    const member = await this.members.get(memberId);
    const lines = await this.db.read((m) => m.find(OrderLine, { where: { orderId }, order: { id: 'ASC' } }));
    const description = lines.length > 1 ? `${lines[0].title} 等${lines.length}件商品` : lines[0].title;
    const params = await this.wechatPay.prepay({
      outTradeNo: order.orderNo, description: description.slice(0, 127), totalFen: order.payFen, openid: member.openid,
      expireAt: order.payDeadline!, attach: String(order.id),
    });
    return { mode: 'wechat', params };
  }

  /** Development only (no merchant configured): pays the order as if WeChat had said so. */
  async sandboxPay(memberId: number, orderId: number): Promise<OrderDto> {
    if (!this.sandbox) throw new DomainError('PAY_NOT_CONFIGURED', '已配置微信支付，沙箱支付不可用');
    this.assertSandbox();
    const order = await this.book.own(memberId, orderId);
    if (order.status === 'paid') return this.book.toDto(order);
    if (order.payDeadline && order.payDeadline <= this.clock.now()) throw new DomainError('ORDER_STATE', '订单已超时，请重新下单');
    const paid = await this.db.unit(() => this.markPaid(order.id, { channel: 'sandbox', transactionId: `SANDBOX${order.orderNo}` }));
    return this.book.toDto(paid);
  }

  /** The shopper came back from paying: ask WeChat Pay rather than wait for the notification. */
  async sync(memberId: number, orderId: number): Promise<OrderDto> {
    const order = await this.book.own(memberId, orderId);
    if (order.status === 'pending' && !this.sandbox) {
      const transaction = await this.wechatPay.query(order.orderNo);
      if (transaction?.tradeState === 'SUCCESS') await this.applyTransaction(transaction, `query:${order.orderNo}`);
    }
    return this.book.toDto(await this.book.find(orderId));
  }

  /** A verified TRANSACTION.* notification or query result; each event id is applied once. */
  async applyTransaction(t: PayTransaction, eventId: string): Promise<string> {
    if (t.tradeState !== 'SUCCESS') return 'ignored';
    const order = await this.book.byNo(t.outTradeNo);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', '通知中的订单不存在');
    const pay = this.config.pay!;
    if (t.appid !== pay.appId || t.mchid !== pay.mchId) throw new DomainError('PAY_NOTIFY_INVALID', '通知的 appid 或商户号不符');
    if (t.totalFen !== order.payFen) {
      this.logger.error(`order ${order.orderNo}: notified ${t.totalFen} fen, expected ${order.payFen}`);
      throw new DomainError('PAY_AMOUNT_MISMATCH', '支付金额与订单不符');
    }
    let outcome: string;
    try {
      outcome = await this.db.unit(async (m) => {
        await m.insert(PaymentEvent, { eventId, eventType: 'TRANSACTION.SUCCESS', reference: order.orderNo, outcome: 'paid', createdAt: this.clock.now() });
        const current = await this.book.find(order.id);
        if (current.status === 'pending') {
          await this.markPaid(order.id, { channel: 'wechat', transactionId: t.transactionId });
          return 'paid';
        }
        if (current.paidAt) {
          await m.update(PaymentEvent, { eventId }, { outcome: 'already paid' });
          return 'already paid';
        }
        await m.update(PaymentEvent, { eventId }, { outcome: 'paid after close' });
        await this.refunds.recordClosedRefund(current, t.totalFen);
        return 'paid after close';
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'replayed';
      // The notification and a query found the same payment at once; the other one applied it.
      if ((error as DomainError).code === 'ORDER_STATE' && (await this.book.find(order.id)).paidAt) return 'already paid';
      throw error;
    }
    if (outcome === 'paid after close') {
      // Paid in the moment the order closed: the money goes straight back.
      this.logger.warn(`order ${order.orderNo} was paid after it closed: refunding ${t.totalFen} fen`);
      await this.refunds.sendRecorded(`RC${order.orderNo}`);
    }
    return outcome;
  }

  /**
   * pending → paid in the caller's transaction: the coupon becomes used and the purchase
   * points are booked as pending (available when the order completes).
   */
  async markPaid(orderId: number, how: { channel: 'wechat' | 'sandbox' | 'none'; transactionId: string | null }): Promise<Order> {
    const order = await this.book.find(orderId);
    if (order.status !== 'pending') {
      if (order.paidAt) return order;
      throw new DomainError('ORDER_STATE', '订单已关闭，无法支付');
    }
    const now = this.clock.now();
    const paid = await this.book.move(order, ['pending'], 'paid', {
      paidAt: now, payChannel: how.channel, transactionId: how.transactionId, earnState: order.earnPoints > 0 ? 'pending' : 'none',
    });
    if (order.couponId) await this.coupons.markUsed(order.couponId, order.id);
    if (order.earnPoints > 0) {
      await this.ledger.earn({
        memberId: order.memberId, amount: order.earnPoints, source: 'purchase', pending: true, key: keys.earn(order.id),
        ref: { type: 'order', id: order.orderNo },
      });
    }
    return paid;
  }
}
