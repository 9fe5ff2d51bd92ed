import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { type CreateOrderRequest, type OrderDto, type OrderStatus, type ShipRequest, maskPhone } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Db } from '../common/db.js';
import { AddressesService } from '../addresses/addresses.service.js';
import { escapeLike } from '../catalog/catalog.service.js';
import { CartService } from '../cart/cart.service.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { Events } from '../events/events.service.js';
import { Jobs } from '../jobs/jobs.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { isUniqueViolation } from '../common/sql.js';
import { MembersService } from '../members/members.service.js';
import { WechatPayClient } from '../pay/wechatpay.client.js';
import { CheckoutService } from './checkout.service.js';
import { Order } from './order.entities.js';
import { OrderBook, keys } from './order-book.js';
import { PaymentsService } from './payments.service.js';
import { RefundsService } from './refunds.service.js';

/** Unpaid orders close after 15 minutes; WeChat's prepay expires with them. */
export const PAY_WINDOW_MS = 15 * 60_000;
/** Shipped orders complete by themselves after this long. */
export const AUTO_COMPLETE_MS = 7 * 24 * 3600_000;

/**
 * The order's life: created with stock, coupon and points reserved in one transaction;
 * paid (PaymentsService); shipped by an operator; completed by the shopper or after 7 days,
 * which makes the purchase points available and tells invites and tiers; closed when unpaid.
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly book: OrderBook,
    private readonly checkout: CheckoutService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly addresses: AddressesService,
    private readonly cart: CartService,
    private readonly coupons: CouponsService,
    private readonly ledger: LedgerService,
    private readonly events: Events,
    private readonly jobs: Jobs,
    private readonly members: MembersService,
    private readonly wechatPay: WechatPayClient,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'orders.close', everyMinutes: 1, leaseMs: 5 * 60_000, run: async (now) => `closed ${await this.closeExpired(now)}` });
    this.jobs.register({ name: 'orders.complete', everyMinutes: 10, leaseMs: 10 * 60_000, run: async (now) => `completed ${await this.completeDue(now)}` });
  }

  async create(memberId: number, request: CreateOrderRequest, clientKey: string = randomUUID()): Promise<OrderDto> {
    const requestKey = `${memberId}:${clientKey}`;
    const previous = await this.db.findOneBy(Order, { requestKey });
    if (previous) return this.book.toDto(previous);
    const address = await this.addresses.get(memberId, request.addressId);
    const now = this.clock.now();
    try {
      const order = await this.db.unit(async () => {
        const priced = await this.checkout.price(memberId, request);
        await this.book.takeStock(priced.lines.map((l) => ({ skuId: l.sku.id, quantity: l.quantity, title: l.goods.title })));
        const order = await this.book.insert({
          memberId, status: 'pending', source: 'shop', goodsFen: priced.goodsFen, couponId: priced.couponId, couponName: priced.couponName,
          couponFen: priced.couponFen, points: priced.points, pointsFen: priced.pointsFen, payFen: priced.payFen, earnPoints: priced.earnPoints,
          earnTier: priced.earnTier, earnCampaignPct: priced.campaignPct, earnBonus: priced.campaignBonus,
          remark: (request.remark ?? '').trim().slice(0, 200), requestKey, payDeadline: new Date(now.getTime() + PAY_WINDOW_MS),
        }, address, priced.lines.map((l) => ({
          goodsId: l.goods.id, skuId: l.sku.id, categoryId: l.goods.categoryId, title: l.goods.title, skuName: l.sku.name,
          image: l.goods.image, priceFen: l.sku.priceFen, quantity: l.quantity, amountFen: l.amountFen, couponFen: l.couponFen, points: l.points,
        })));
        if (priced.couponId) {
          const lines = priced.lines.map((l) => ({ goodsId: l.goods.id, categoryId: l.goods.categoryId, amountFen: l.amountFen }));
          const locked = await this.coupons.lock({ memberId, couponId: priced.couponId, orderId: order.id, lines });
          if (locked.discountFen !== priced.couponFen) throw new DomainError('COUPON_NOT_USABLE', '优惠券已变化，请重新确认订单');
        }
        if (priced.points > 0) {
          await this.ledger.spend({ memberId, amount: priced.points, source: 'cash', key: keys.cash(order.id), ref: { type: 'order', id: order.orderNo } });
        }
        if (request.fromCart) await this.cart.removeSkus(memberId, priced.lines.map((l) => l.sku.id));
        // Coupon and points paid it all: nothing to pay, the order is paid now.
        if (priced.payFen === 0) return this.payments.markPaid(order.id, { channel: 'none', transactionId: null });
        return order;
      });
      return this.book.toDto(order);
    } catch (error) {
      // The same request raced itself (a double tap on MySQL): the first one's order.
      if (isUniqueViolation(error)) {
        const first = await this.db.findOneBy(Order, { requestKey });
        if (first) return this.book.toDto(first);
      }
      throw error;
    }
  }

  async list(memberId: number, statuses: OrderStatus[] = []): Promise<OrderDto[]> {
    const orders = await this.db.read((m) => m.find(Order, {
      where: { memberId, ...(statuses.length ? { status: In(statuses) } : {}) }, order: { id: 'DESC' }, take: 50,
    }));
    return this.book.toDtos(orders);
  }

  async get(memberId: number, orderId: number): Promise<OrderDto> {
    return this.book.toDto(await this.book.own(memberId, orderId));
  }

  /** Operators: newest first, by status, with the shopper's nickname. */
  async adminList(statuses: OrderStatus[] = [], q?: string): Promise<(OrderDto & { memberNickname: string })[]> {
    const text = (q ?? '').trim();
    let ids: number[] | null = null;
    if (text) {
      // The order number, the buyer's nickname, or the recipient's name or phone (in the address snapshot).
      const like = `%${escapeLike(text)}%`;
      const rows = await this.db.rows<{ id: unknown }>(
        `SELECT o.id FROM orders o JOIN members m ON m.id = o.member_id
          WHERE o.order_no LIKE ? ESCAPE '!' OR m.nickname LIKE ? ESCAPE '!' OR o.address LIKE ? ESCAPE '!' ORDER BY o.id DESC LIMIT 100`,
        [like, like, like]);
      ids = rows.map((r) => Number(r.id));
      if (ids.length === 0) return [];
    }
    const where = { ...(statuses.length ? { status: In(statuses) } : {}), ...(ids ? { id: In(ids) } : {}) };
    const orders = await this.db.read((m) => m.find(Order, { where, order: { id: 'DESC' }, take: 100 }));
    const names = await this.members.nicknames([...new Set(orders.map((o) => o.memberId))]);
    // Lists mask personal data: the phone's middle digits; the full address is on the order page.
    return (await this.book.toDtos(orders)).map((o, i) => ({
      ...o, address: { ...o.address, phone: maskPhone(o.address.phone) }, memberNickname: names.get(orders[i].memberId) ?? '',
    }));
  }

  /** One order as operators see it: the recipient's phone masked, as in the list (see contact). */
  async adminGet(orderId: number): Promise<OrderDto> {
    const dto = await this.book.toDto(await this.book.find(orderId));
    return { ...dto, address: { ...dto.address, phone: maskPhone(dto.address.phone) } };
  }

  /** The recipient's name and whole phone, for handing a parcel to a courier. */
  async contact(orderId: number): Promise<{ name: string; phone: string }> {
    const dto = await this.book.toDto(await this.book.find(orderId));
    return { name: dto.address.name, phone: dto.address.phone };
  }

  /** The shopper cancels: an unpaid order closes; a paid one not yet shipped is refunded in full. */
  async cancel(memberId: number, orderId: number): Promise<OrderDto> {
    const order = await this.book.own(memberId, orderId);
    // Only while nothing has shipped: if it ships meanwhile, the refund is refused.
    if (order.status === 'paid') return this.refunds.request(orderId, { reason: '买家取消订单' }, null, ['paid']);
    if (order.status !== 'pending') throw new DomainError('ORDER_STATE', '该订单不能取消');
    await this.close(order.id, '买家取消');
    return this.book.toDto(await this.book.find(orderId));
  }

  /** 确认收货. */
  async confirm(memberId: number, orderId: number): Promise<OrderDto> {
    const order = await this.book.own(memberId, orderId);
    if (order.status !== 'shipped') throw new DomainError('ORDER_STATE', '订单不是待收货状态');
    await this.complete(order.id);
    return this.book.toDto(await this.book.find(orderId));
  }

  async ship(orderId: number, input: ShipRequest): Promise<OrderDto> {
    const now = this.clock.now();
    const order = await this.db.unit(async () => {
      const order = await this.book.find(orderId);
      await this.events.emit('order.shipped', { orderId, at: now.toISOString() });
      return this.book.move(order, ['paid'], 'shipped', {
        shippedAt: now, expressCompany: input.expressCompany.trim(), trackingNo: input.trackingNo.trim(),
        autoCompleteAt: new Date(now.getTime() + AUTO_COMPLETE_MS),
      }, order.status === 'refunding' ? '订单退款处理中，暂不能发货' : '只有待发货的订单可以发货');
    });
    return this.book.toDto(order);
  }

  /**
   * Closes an unpaid order and gives back what it held. With WeChat Pay, the transaction is
   * asked first: a shopper who paid in the last second gets a paid order, not a closed one.
   */
  async close(orderId: number, reason: string): Promise<boolean> {
    let order = await this.book.find(orderId);
    if (order.status !== 'pending') return false;
    if (order.payFen > 0 && !this.payments.sandbox) {
      const t = await this.wechatPay.query(order.orderNo);
      if (t?.tradeState === 'SUCCESS') {
        await this.payments.applyTransaction(t, `query:${order.orderNo}`);
        return false;
      }
      if (t) await this.wechatPay.close(order.orderNo);
    }
    return this.db.unit(async () => {
      order = await this.book.find(orderId);
      if (order.status !== 'pending') return false;
      await this.book.move(order, ['pending'], 'closed', { closedAt: this.clock.now(), closeReason: reason, payDeadline: null });
      await this.book.release(order);
      return true;
    });
  }

  async closeExpired(now = this.clock.now()): Promise<number> {
    const due = await this.db.read((m) => m.find(Order, { where: { status: 'pending', payDeadline: LessThanOrEqual(now) }, select: { id: true }, take: 500 }));
    let closed = 0;
    for (const { id } of due) {
      try {
        if (await this.close(id, '超时未支付')) closed++;
      } catch (error) {
        this.logger.error(`closing order ${id}: ${(error as Error).message}`);
      }
    }
    return closed;
  }

  async completeDue(now = this.clock.now()): Promise<number> {
    const due = await this.db.read((m) => m.find(Order, { where: { status: 'shipped', autoCompleteAt: LessThanOrEqual(now) }, select: { id: true }, take: 500 }));
    let done = 0;
    for (const { id } of due) if (await this.complete(id).then(() => true, () => false)) done++;
    return done;
  }

  /** shipped → completed: the pending purchase points become available; invites and tiers hear of it. */
  private async complete(orderId: number): Promise<void> {
    const now = this.clock.now();
    await this.db.unit(async () => {
      const order = await this.book.find(orderId);
      const earnState = order.earnState === 'pending' ? 'confirmed' : order.earnState;
      await this.book.move(order, ['shipped'], 'completed', { completedAt: now, autoCompleteAt: null, earnState },
        order.status === 'refunding' ? '订单退款处理中，暂不能确认收货' : '订单不是待收货状态');
      if (earnState === 'confirmed') {
        await this.ledger.confirmPending({ key: keys.confirm(order.id), holdKey: keys.earn(order.id) })
          .catch((error: DomainError) => {
            // Everything pending was already cancelled by partial refunds: nothing to confirm.
            if (error.code !== 'POINTS_HOLD_SETTLED') throw error;
          });
      }
      await this.events.emit('order.completed', { orderId: order.id, memberId: order.memberId, paidFen: order.payFen - order.refundedFen, at: now.toISOString() });
    });
  }
}
