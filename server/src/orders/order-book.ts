import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AddressDto, ORDER_STATUS_LABELS, type OrderDto, type OrderStatus, shanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { type AddressSnapshot, Order, OrderLine, Refund } from './order.entities.js';
import { assertMove } from './order-states.js';

/** Ledger keys of an order's points: one place, so every service agrees. */
export const keys = {
  cash: (orderId: number) => `order:${orderId}:cash`,
  cashBack: (orderId: number) => `order:${orderId}:cash-back`,
  earn: (orderId: number) => `order:${orderId}:earn`,
  confirm: (orderId: number) => `order:${orderId}:confirm`,
};

/**
 * Reading orders, moving them between states, and undoing what an unpaid order reserved.
 * Shared by the order, payment and refund services.
 */
@Injectable()
export class OrderBook {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly coupons: CouponsService,
  ) {}

  /** A member's own order; another member's is "not found", never "forbidden" (ids leak nothing). */
  async own(memberId: number, orderId: number): Promise<Order> {
    const order = await this.find(orderId);
    if (order.memberId !== memberId) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    return order;
  }

  async find(orderId: number): Promise<Order> {
    const order = await this.db.findOneBy(Order, { id: orderId });
    if (!order) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    return order;
  }

  async byNo(orderNo: string): Promise<Order | null> {
    return this.db.findOneBy(Order, { orderNo });
  }

  /**
   * Moves an order to `to` if it is now in one of `from` (the caller's precondition: e.g. only
   * a paid order ships, only the refund service leaves refunding) and the move is in the
   * table. A conditional update: of two racing moves exactly one changes the row, the other
   * gets ORDER_STATE.
   */
  async move(order: Order, from: readonly OrderStatus[], to: OrderStatus, patch: Partial<Order> = {}, message = '订单状态已变化，请刷新'): Promise<Order> {
    if (!this.db.inUnit) throw new Error('an order moves only inside a unit of work');
    if (!from.includes(order.status)) throw new DomainError('ORDER_STATE', message, { status: order.status });
    assertMove(order.status, to, message);
    const now = this.clock.now();
    const changed = await this.db.updateBy(Order, { id: order.id, status: order.status }, { ...patch, status: to, updatedAt: now });
    if (changed !== 1) throw new DomainError('ORDER_STATE', message);
    return Object.assign(order, patch, { status: to, updatedAt: now });
  }

  /** Gives back what an unpaid order held: stock, the coupon and the points used as cash. */
  async release(order: Order): Promise<void> {
    const m = this.db.unitManager;
    const now = sqlTime(this.clock.now());
    if (order.source === 'mall') {
      await this.returnRedemption(order.id);
    } else {
      const lines = await m.find(OrderLine, { where: { orderId: order.id }, order: { skuId: 'ASC' } });
      for (const l of lines) {
        await this.db.exec('UPDATE goods_skus SET stock = stock + ?, sales = sales - ?, updated_at = ? WHERE id = ?', [l.quantity, l.quantity, now, l.skuId]);
      }
    }
    if (order.couponId) await this.coupons.release(order.couponId, order.id);
    if (order.points > 0) {
      await this.ledger.reverse({ key: keys.cashBack(order.id), entryKey: keys.cash(order.id), reason: '订单关闭，积分退回' });
    }
  }

  /**
   * A points-mall goods order refunded or closed unpaid gives its unit back to the item and to the member's
   * limit (the points came back as the order's points). Plain SQL: the mall's tables, not
   * its module (the mall depends on orders, not the other way round).
   */
  async returnRedemption(orderId: number): Promise<void> {
    const r = await this.db.one<{ id: number; item_id: number; member_id: number }>('SELECT id, item_id, member_id FROM mall_redemptions WHERE order_id = ?', [orderId]);
    if (!r) return;
    const moved = await this.db.exec("UPDATE mall_redemptions SET status = 'refunded' WHERE id = ? AND status = 'to_ship'", [r.id]);
    if (moved !== 1) return;
    await this.db.exec('UPDATE mall_items SET stock = stock + 1, updated_at = ? WHERE id = ?', [sqlTime(this.clock.now()), r.item_id]);
    await this.db.exec('UPDATE mall_member_counts SET redeemed = redeemed - 1 WHERE member_id = ? AND item_id = ? AND redeemed > 0', [r.member_id, r.item_id]);
  }

  /**
   * Writes a new order and its lines: the caller gives what differs (money, status, deadline),
   * the rest starts empty; the address is kept as it is now (later edits do not change it).
   */
  async insert(order: NewOrder, address: AddressDto, lines: Omit<OrderLine, 'id' | 'orderId' | 'refundedQuantity'>[]): Promise<Order> {
    if (!this.db.inUnit) throw new Error('an order is written only inside a unit of work');
    const now = this.clock.now();
    const values: Omit<Order, 'id'> = {
      couponId: null, couponName: null, couponFen: 0, refundedFen: 0, earnPoints: 0, earnTier: null, earnCampaignPct: null, earnBonus: null, earnState: 'none', remark: '', payDeadline: null,
      paidAt: null, payChannel: null, transactionId: null, shippedAt: null, expressCompany: null, trackingNo: null, autoCompleteAt: null,
      completedAt: null, closedAt: null, closeReason: null, resumeStatus: null, ...order,
      orderNo: this.newOrderNo(), address: JSON.stringify(snapshotOf(address)), createdAt: now, updatedAt: now,
    };
    const id = await this.db.insertEntity(Order, values);
    for (const l of lines) await this.db.insertEntity(OrderLine, { ...l, orderId: id, refundedQuantity: 0 });
    return Object.assign(new Order(), values, { id });
  }

  /** Takes stock for each line by a conditional update (SKU order: no deadlocks between orders). */
  async takeStock(lines: { skuId: number; quantity: number; title: string }[]): Promise<void> {
    const now = sqlTime(this.clock.now());
    for (const l of [...lines].sort((a, b) => a.skuId - b.skuId)) {
      const taken = await this.db.exec('UPDATE goods_skus SET stock = stock - ?, sales = sales + ?, updated_at = ? WHERE id = ? AND stock >= ?',
        [l.quantity, l.quantity, now, l.skuId, l.quantity]);
      if (taken !== 1) throw new DomainError('STOCK_INSUFFICIENT', `${l.title} 库存不足`, { skuId: l.skuId });
    }
  }

  /** Our out_trade_no: the Shanghai date and 10 random digits (6–32 characters as WeChat wants). */
  newOrderNo(): string {
    return `${shanghaiDay(this.clock.now()).replaceAll('-', '')}${randomInt(10 ** 9, 10 ** 10)}`;
  }

  async toDtos(orders: Order[]): Promise<OrderDto[]> {
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const lines = await this.db.findBy(OrderLine, { orderId: ids }, 'ORDER BY id ASC');
    const refunds = await this.db.findBy(Refund, { orderId: ids }, 'ORDER BY id ASC');
    return orders.map((o) => toDto(o, lines.filter((l) => l.orderId === o.id), refunds.filter((r) => r.orderId === o.id)));
  }

  async toDto(order: Order): Promise<OrderDto> {
    return (await this.toDtos([order]))[0];
  }
}

/** What an order must be told; everything else starts empty (see OrderBook.insert). */
export type NewOrder = Pick<Order, 'memberId' | 'status' | 'source' | 'goodsFen' | 'points' | 'pointsFen' | 'payFen' | 'requestKey'>
  & Partial<Pick<Order, 'couponId' | 'couponName' | 'couponFen' | 'earnPoints' | 'earnTier' | 'earnCampaignPct' | 'earnBonus' | 'remark' | 'payDeadline' | 'paidAt' | 'payChannel'>>;

function snapshotOf(a: AddressDto): AddressSnapshot {
  return { name: a.name, phone: a.phone, full: `${a.province}${a.city}${a.district}${a.detail}` };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function toDto(o: Order, lines: OrderLine[], refunds: Refund[]): OrderDto {
  const address = JSON.parse(o.address) as AddressSnapshot;
  return {
    id: o.id, orderNo: o.orderNo, status: o.status, statusLabel: ORDER_STATUS_LABELS[o.status], source: o.source,
    lines: lines.map((l) => ({
      id: l.id, goodsId: l.goodsId, skuId: l.skuId, title: l.title, skuName: l.skuName, image: l.image, priceFen: l.priceFen,
      quantity: l.quantity, amountFen: l.amountFen, refundedQuantity: l.refundedQuantity,
    })),
    goodsFen: o.goodsFen, couponId: o.couponId, couponName: o.couponName, couponFen: o.couponFen, points: o.points, pointsFen: o.pointsFen,
    payFen: o.payFen, refundedFen: o.refundedFen, earnPoints: o.earnPoints, earnState: o.earnState, address, remark: o.remark,
    createdAt: o.createdAt.toISOString(), payDeadline: o.status === 'pending' ? iso(o.payDeadline) : null, paidAt: iso(o.paidAt),
    payChannel: o.payChannel, shippedAt: iso(o.shippedAt), expressCompany: o.expressCompany, trackingNo: o.trackingNo,
    autoCompleteAt: o.status === 'shipped' ? iso(o.autoCompleteAt) : null, completedAt: iso(o.completedAt), closedAt: iso(o.closedAt),
    closeReason: o.closeReason,
    refunds: refunds.map((r) => ({
      id: r.id, refundNo: r.refundNo, amountFen: r.amountFen, points: r.points, earnedPointsTaken: r.earnedTaken, status: r.status, reason: r.reason,
      createdAt: r.createdAt.toISOString(), finishedAt: iso(r.finishedAt),
    })),
  };
}
