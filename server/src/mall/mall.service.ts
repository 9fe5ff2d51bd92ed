import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type AddressDto, type MallItemDetailDto, type MallItemDto, type RedemptionDto, type RedemptionStatus, type TierName, type TierPoints, type TierRule, tierRule } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { isUniqueViolation } from '../common/sql.js';
import { MembersService } from '../members/members.service.js';
import { AddressesService } from '../addresses/addresses.service.js';
import { Goods } from '../catalog/goods.entity.js';
import { Sku } from '../catalog/sku.entity.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { OrderBook, keys } from '../orders/order-book.js';
import { PAY_WINDOW_MS } from '../orders/orders.service.js';
import { Order } from '../orders/order.entities.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { TiersService } from '../tiers/tiers.service.js';
import { MallItem, MallRedemption } from './mall.entities.js';

/**
 * The points mall. A redemption is one transaction — the member's limit, the points, the
 * stock and the record — or nothing. Stock and limits are taken by conditional updates that
 * cannot go past zero or the limit, so no amount of concurrency oversells; the hot item row
 * is updated last, to hold its lock for the shortest time.
 */
@Injectable()
export class MallService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly points: LedgerQueries,
    private readonly members: MembersService,
    private readonly addresses: AddressesService,
    private readonly coupons: CouponsService,
    private readonly orders: OrderBook,
    private readonly tiers: TiersService,
    private readonly reminders: RemindersService,
  ) {}

  async list(memberId?: number): Promise<MallItemDto[]> {
    const tier = memberId ? (await this.members.get(memberId)).tier : 'normal';
    const table = await this.tiers.table();
    const now = this.clock.now();
    const items = await this.db.read((m) => m.find(MallItem, { where: { status: 'on' }, order: { sort: 'ASC', id: 'ASC' } }));
    return items.filter((i) => !i.endsAt || i.endsAt > now).map((i) => toDto(i, memberPrice(i, tier, table)));
  }

  /** One item's page: what the card shows, and for goods their description and pictures, for a coupon its rule. */
  async detail(id: number, memberId?: number): Promise<MallItemDetailDto> {
    const item = await this.db.findOneBy(MallItem, { id });
    if (!item || item.status !== 'on') throw new DomainError('NOT_FOUND', '兑换商品不存在或已下架');
    const tier = memberId ? (await this.members.get(memberId)).tier : 'normal';
    const card = toDto(item, memberPrice(item, tier, await this.tiers.table()));
    const goods = item.kind === 'goods' && item.goodsId ? await this.db.findOneBy(Goods, { id: item.goodsId }) : null;
    const images = goods ? (JSON.parse(goods.images || '[]') as string[]) : [];
    return {
      ...card,
      description: goods?.description ?? '',
      images: images.length > 0 ? images : item.image ? [item.image] : [],
      coupon: item.kind === 'coupon' && item.couponTemplateId ? await this.coupons.describe(item.couponTemplateId) : null,
    };
  }

  async redeem(memberId: number, itemId: number, clientKey?: string, addressId?: number): Promise<RedemptionDto> {
    const requestKey = `${memberId}:${clientKey ?? randomUUID()}`;
    // Most requests of a flash sale arrive after it sold out: answer those with one read (and,
    // for a request that carries a key, a look for its earlier success: a retry gets that).
    const seen = await this.db.findOneBy(MallItem, { id: itemId });
    if (seen && seen.stock <= 0 && !(clientKey && (await this.db.findOneBy(MallRedemption, { requestKey })))) {
      throw new DomainError('MALL_SOLD_OUT', '已兑完');
    }
    const member = await this.members.get(memberId);
    const table = await this.tiers.table();
    const address = seen?.kind === 'goods' ? await this.shipTo(memberId, addressId) : null;
    const now = this.clock.now();
    const done = await this.db.unit(async (): Promise<MallRedemption> => {
      const previous = await this.db.findOneBy(MallRedemption, { requestKey });
      if (previous) return previous; // a retried request: the first result
      const item = await this.db.findOneBy(MallItem, { id: itemId });
      if (!item) throw new DomainError('MALL_ITEM_NOT_FOUND', '兑换商品不存在');
      if (item.status !== 'on' || (item.startsAt && item.startsAt > now) || (item.endsAt && item.endsAt <= now)) {
        throw new DomainError('MALL_NOT_AVAILABLE', '该商品当前不在兑换时间内');
      }
      if (item.stock <= 0) throw new DomainError('MALL_SOLD_OUT', '已兑完');
      if (item.cashFen > 0 && item.kind !== 'goods') throw new DomainError('MALL_NOT_AVAILABLE', '积分 + 现金只适用于实物商品');
      const points = memberPrice(item, member.tier, table);
      if (item.perMemberLimit !== null) await this.takeLimit(memberId, item);
      let orderId: number | null = null;
      let couponId: number | null = null;
      let code: string | null = null;
      if (item.kind === 'goods') {
        // Goods ship like an order; its points are the order's, so a refund gives them back.
        orderId = await this.shippingOrder(memberId, item, points, address!, requestKey, now);
        await this.ledger.spend({ memberId, amount: points, source: 'mall', key: keys.cash(orderId), ref: { type: 'redemption', id: requestKey } });
      } else {
        await this.ledger.spend({ memberId, amount: points, source: 'mall', key: `redeem:${requestKey}`, ref: { type: 'redemption', id: requestKey } });
        if (item.kind === 'coupon' && item.couponTemplateId) {
          couponId = (await this.coupons.grant({ memberId, templateId: item.couponTemplateId, key: `mall:${requestKey}`, channel: 'mall' })).id;
        }
        if (item.kind === 'virtual') code = await this.takeCode(item.id, memberId, requestKey, now);
      }
      await this.takeStock(item.id, now);
      const redemption: Omit<MallRedemption, 'id'> = {
        memberId, itemId, points, status: item.kind === 'goods' ? 'to_ship' : 'granted', requestKey, createdAt: now, orderId, couponId, code,
      };
      return Object.assign(new MallRedemption(), redemption, { id: await this.db.insertEntity(MallRedemption, redemption) });
    }).catch(async (error: unknown) => {
      // Two copies of one request raced on MySQL: the other committed first.
      if (isUniqueViolation(error)) {
        const first = await this.db.findOneBy(MallRedemption, { requestKey });
        if (first) return first;
      }
      throw error;
    });
    const item = (await this.db.findOneBy(MallItem, { id: done.itemId }))!;
    if (done.code) {
      // The code is in 我的兑换 too; 消息中心 keeps it where the member looks for news (a retry adds nothing).
      await this.reminders.remind({
        memberId, kind: 'mall_code', cause: `redemption:${done.id}`, title: '兑换码已发放',
        body: `「${item.title}」的兑换码：${done.code}`, page: 'pages/redemptions/index',
        values: { title: '兑换码已发放', item: item.title, time: done.createdAt },
      });
    }
    const order = done.orderId ? await this.db.findOneBy(Order, { id: done.orderId }) : null;
    const { available } = await this.points.summary(memberId);
    return {
      id: done.id, itemId: done.itemId, title: item.title, kind: item.kind, points: done.points, status: statusOf(done, order ?? undefined),
      createdAt: done.createdAt.toISOString(), available, orderId: done.orderId, couponId: done.couponId, code: done.code,
    };
  }

  async mine(memberId: number): Promise<RedemptionDto[]> {
    const rows = await this.db.read((m) => m.find(MallRedemption, { where: { memberId }, order: { id: 'DESC' }, take: 100 }));
    const items = new Map((await this.db.read((m) => m.find(MallItem))).map((i) => [i.id, i]));
    const orderIds = rows.map((r) => r.orderId).filter((id): id is number => id !== null);
    const orders = new Map(orderIds.length ? (await this.db.read((m) => m.find(Order, { where: { id: In(orderIds) } }))).map((o) => [o.id, o]) : []);
    const { available } = await this.points.summary(memberId);
    return rows.map((r) => ({
      id: r.id, itemId: r.itemId, title: items.get(r.itemId)?.title ?? '', kind: items.get(r.itemId)?.kind ?? 'goods', points: r.points,
      status: statusOf(r, r.orderId ? orders.get(r.orderId) : undefined), createdAt: r.createdAt.toISOString(), available, orderId: r.orderId, couponId: r.couponId,
      code: r.code,
    }));
  }

  private async shipTo(memberId: number, addressId: number | undefined) {
    if (addressId === undefined) throw new DomainError('VALIDATION_FAILED', '兑换实物请选择收货地址');
    return this.addresses.get(memberId, addressId);
  }

  /**
   * The order of one line that ships redeemed goods (source 'mall'). The points stand in for
   * the amount as points used as cash do (1 point = 1 fen), so a refund returns exactly the
   * points; points + cash items leave the cash to pay like any order (15 minutes, or it closes
   * and the points, the unit and the member's limit come back).
   */
  private async shippingOrder(memberId: number, item: MallItem, points: number, address: AddressDto, requestKey: string, now: Date): Promise<number> {
    const goods = item.goodsId ? await this.db.findOneBy(Goods, { id: item.goodsId }) : null;
    const sku = goods ? await this.db.findOneBy(Sku, { goodsId: goods.id }, 'ORDER BY sort ASC, id ASC LIMIT 1') : null;
    const cash = item.cashFen > 0;
    const order = await this.orders.insert({
      memberId, status: cash ? 'pending' : 'paid', source: 'mall', goodsFen: points + item.cashFen, points, pointsFen: points, payFen: item.cashFen,
      remark: '积分兑换', requestKey: `mall:${requestKey}`, payDeadline: cash ? new Date(now.getTime() + PAY_WINDOW_MS) : null,
      paidAt: cash ? null : now, payChannel: cash ? null : 'none',
    }, address, [{
      goodsId: goods?.id ?? 0, skuId: sku?.id ?? 0, categoryId: goods?.categoryId ?? 0, title: item.title.slice(0, 64), skuName: sku?.name ?? '积分兑换',
      image: item.image, priceFen: points + item.cashFen, quantity: 1, amountFen: points + item.cashFen, couponFen: 0, points,
    }]);
    return order.id;
  }

  private async takeStock(itemId: number, now: Date): Promise<void> {
    const taken = await this.db.exec('UPDATE mall_items SET stock = stock - 1, updated_at = ? WHERE id = ? AND stock >= 1', [sqlTime(now), itemId]);
    if (taken !== 1) throw new DomainError('MALL_SOLD_OUT', '已兑完');
  }

  /**
   * Hands the redemption one unused code of the item. One conditional UPDATE: on MySQL a
   * second redemption waiting on the same row re-reads it once the first commits and moves on
   * to the next unused one, so no code is handed out twice; SQLite has one writer at a time.
   */
  private async takeCode(itemId: number, memberId: number, requestKey: string, now: Date): Promise<string> {
    const params = [requestKey, memberId, sqlTime(now), itemId];
    const taken = this.db.mysql
      ? await this.db.exec('UPDATE mall_codes SET request_key = ?, member_id = ?, issued_at = ? WHERE item_id = ? AND request_key IS NULL ORDER BY id LIMIT 1', params)
      : await this.db.exec(`UPDATE mall_codes SET request_key = ?, member_id = ?, issued_at = ?
          WHERE id = (SELECT id FROM mall_codes WHERE item_id = ? AND request_key IS NULL ORDER BY id LIMIT 1)`, params);
    if (taken !== 1) throw new DomainError('MALL_SOLD_OUT', '已兑完');
    const [row] = await this.db.rows<{ code: string }>('SELECT code FROM mall_codes WHERE request_key = ?', [requestKey]);
    return row.code;
  }

  private async takeLimit(memberId: number, item: MallItem): Promise<void> {
    await this.db.exec(`${this.db.insertOrIgnore} INTO mall_member_counts (member_id, item_id, redeemed) VALUES (?, ?, 0)`, [memberId, item.id]);
    const taken = await this.db.exec('UPDATE mall_member_counts SET redeemed = redeemed + 1 WHERE member_id = ? AND item_id = ? AND redeemed < ?',
      [memberId, item.id, item.perMemberLimit]);
    if (taken !== 1) throw new DomainError('MALL_LIMIT_REACHED', `每人限兑 ${item.perMemberLimit} 件`);
  }
}

/** A goods redemption's status follows the order that ships it. */
function statusOf(r: MallRedemption, order: Order | undefined): RedemptionStatus {
  if (!order) return r.status;
  switch (order.status) {
    case 'pending': return 'to_pay';
    case 'closed': return 'refunded';
    case 'shipped': return 'shipped';
    case 'completed': return 'received';
    case 'refunded': return 'refunded';
    default: return r.status === 'refunded' ? 'refunded' : 'to_ship';
  }
}

/**
 * What a member of the tier pays: the item's own price for the tier when the operator set one,
 * else the tier's mall discount from the rules (rounded in the shop's favour).
 */
export function memberPrice(item: Pick<MallItem, 'points' | 'tierPoints'>, tier: TierName, table: readonly TierRule[]): number {
  const own = parseTierPoints(item.tierPoints)[tier];
  if (own !== undefined) return own;
  return item.points - Math.floor((item.points * tierRule(tier, table).mallDiscountPct) / 100);
}

export function parseTierPoints(json: string): TierPoints {
  return (json ? JSON.parse(json) : {}) as TierPoints;
}

function toDto(i: MallItem, memberPoints: number): MallItemDto {
  return {
    id: i.id, kind: i.kind, title: i.title, subtitle: i.subtitle, image: i.image, points: i.points, memberPoints, cashFen: i.cashFen,
    stock: i.stock, perMemberLimit: i.perMemberLimit, startsAt: i.startsAt?.toISOString() ?? null, endsAt: i.endsAt?.toISOString() ?? null,
  };
}
