import { Injectable } from '@nestjs/common';
import {
  type CheckoutCouponDto, type CheckoutLineInput, type PricedLine, type QuoteDto, type QuoteRequest,
  allocate, bestCoupon, cashFenForPoints, couponDiscount, pointsCashCap, purchasePoints, POINTS_PER_YUAN_CASH,
  type TierName,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { Goods } from '../catalog/goods.entity.js';
import type { Sku } from '../catalog/sku.entity.js';
import { CouponsService } from '../coupons/coupons.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { MembersService } from '../members/members.service.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { RulesService } from '../rules/rules.service.js';
import { TiersService } from '../tiers/tiers.service.js';

export const MAX_LINES = 20;
export const MAX_QUANTITY = 99;
/** Amounts are 32-bit integer columns; an order stays well inside them (¥10,000,000). */
export const MAX_ORDER_FEN = 1_000_000_000;

export interface PricedOrderLine {
  sku: Sku;
  goods: Goods;
  quantity: number;
  amountFen: number;
  couponFen: number;
  points: number;
}

export interface PricedOrder {
  lines: PricedOrderLine[];
  goodsFen: number;
  couponId: number | null;
  couponName: string | null;
  couponFen: number;
  coupons: CheckoutCouponDto[];
  maxPoints: number;
  points: number;
  pointsFen: number;
  payFen: number;
  earnPoints: number;
  /** The tier the purchase points were multiplied for. */
  earnTier: TierName;
  campaignPct: number;
  campaignBonus: number;
  available: number;
}

/**
 * Every price of an order, computed here and only here: the client sends choices (SKUs,
 * quantities, a coupon, points) and never amounts. The same computation prices a quote and,
 * inside the order's transaction, the order itself.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    private readonly coupons: CouponsService,
    private readonly points: LedgerQueries,
    private readonly members: MembersService,
    private readonly tiers: TiersService,
    private readonly campaigns: CampaignsService,
    private readonly rules: RulesService,
  ) {}

  async quote(memberId: number, request: QuoteRequest): Promise<QuoteDto> {
    const priced = await this.price(memberId, request);
    return {
      lines: priced.lines.map((l) => ({
        goodsId: l.goods.id, skuId: l.sku.id, title: l.goods.title, skuName: l.sku.name, image: l.goods.image,
        priceFen: l.sku.priceFen, quantity: l.quantity, amountFen: l.amountFen,
      })),
      goodsFen: priced.goodsFen, coupons: priced.coupons, couponId: priced.couponId, couponFen: priced.couponFen,
      maxPoints: priced.maxPoints, points: priced.points, pointsFen: priced.pointsFen, payFen: priced.payFen,
      earnPoints: priced.earnPoints, campaignPct: priced.campaignPct, campaignBonus: priced.campaignBonus, available: priced.available,
    };
  }

  /** Prices the request (inside the order's unit when creating one, so it sees that unit's stock). */
  async price(memberId: number, request: QuoteRequest): Promise<PricedOrder> {
    const wanted = mergeLines(request.lines);
    const found = await this.catalog.skuLines([...wanted.keys()]);
    const lines: PricedOrderLine[] = [];
    for (const [skuId, quantity] of wanted) {
      const hit = found.get(skuId);
      if (!hit) throw new DomainError('GOODS_NOT_FOUND', '商品不存在或已下架');
      if (hit.goods.status !== 'on_sale') throw new DomainError('GOODS_OFF_SALE', `${hit.goods.title} 已下架`);
      if (hit.sku.stock < quantity) throw new DomainError('STOCK_INSUFFICIENT', `${hit.goods.title}（${hit.sku.name}）库存不足`, { skuId, stock: hit.sku.stock });
      lines.push({ sku: hit.sku, goods: hit.goods, quantity, amountFen: hit.sku.priceFen * quantity, couponFen: 0, points: 0 });
    }
    const goodsFen = lines.reduce((s, l) => s + l.amountFen, 0);
    if (goodsFen > MAX_ORDER_FEN) throw new DomainError('VALIDATION_FAILED', '单笔订单金额过大，请分开下单');
    const pricedLines: PricedLine[] = lines.map((l) => ({ goodsId: l.goods.id, categoryId: l.goods.categoryId, amountFen: l.amountFen }));

    const coupons = await this.coupons.forCheckout(memberId, pricedLines);
    let chosen: CheckoutCouponDto | null = null;
    if (request.couponId === undefined) {
      chosen = bestCoupon(coupons.filter((c) => c.usable), pricedLines);
    } else if (request.couponId !== null) {
      chosen = coupons.find((c) => c.id === request.couponId) ?? null;
      if (!chosen) throw new DomainError('COUPON_NOT_USABLE', '这张优惠券不可用');
      if (!chosen.usable) throw new DomainError('COUPON_NOT_USABLE', chosen.reason ?? '这张优惠券不可用');
    }
    const fit = chosen ? couponDiscount(chosen, pricedLines) : null;
    const couponFen = fit?.ok ? fit.discountFen : 0;

    const { available } = await this.points.summary(memberId);
    const maxPoints = pointsCashCap(goodsFen, couponFen, available);
    const points = request.points ?? 0;
    if (!Number.isSafeInteger(points) || points < 0 || points % POINTS_PER_YUAN_CASH !== 0) {
      throw new DomainError('POINTS_NOT_STEP', `积分抵现须为 ${POINTS_PER_YUAN_CASH} 的整数倍`);
    }
    if (points > maxPoints) {
      throw new DomainError('POINTS_OVER_CAP', `本单最多可用 ${maxPoints} 积分抵现`, { maxPoints });
    }
    const pointsFen = cashFenForPoints(points);
    const payFen = goodsFen - couponFen - pointsFen;

    // Each line carries its share, so a refund of some lines gives back exactly their part.
    const eligible = fit?.ok && chosen ? lines.map((l) => inScope(chosen, l) ? l.amountFen : 0) : lines.map(() => 0);
    allocate(couponFen, eligible).forEach((share, i) => (lines[i].couponFen = share));
    allocate(points, lines.map((l) => l.amountFen - l.couponFen)).forEach((share, i) => (lines[i].points = share));

    const member = await this.members.get(memberId);
    const tier = (await this.tiers.table()).find((t) => t.name === member.tier);
    // Campaigns running now: ×N on what is paid, plus any bonus per unit of chosen goods.
    const boost = await this.campaigns.boost(this.clock.now());
    const bonus = lines.reduce((n, l) => n + (boost.bonusPerUnit.get(l.goods.id) ?? 0) * l.quantity, 0);
    const { pointsPerYuan } = await this.rules.of('earn');
    const earnPoints = purchasePoints(payFen, tier?.multiplierPct ?? 100, boost.multiplierPct, pointsPerYuan) + bonus;

    return {
      lines, goodsFen, couponId: chosen && couponFen > 0 ? chosen.id : null, couponName: chosen && couponFen > 0 ? chosen.name : null,
      couponFen, coupons, maxPoints, points, pointsFen, payFen, earnPoints, earnTier: member.tier, campaignPct: boost.multiplierPct, campaignBonus: bonus, available,
    };
  }
}

function inScope(c: CheckoutCouponDto, l: PricedOrderLine): boolean {
  return c.scope === 'all' || (c.scope === 'goods' ? c.scopeIds.includes(l.goods.id) : c.scopeIds.includes(l.goods.categoryId));
}

/** The same SKU twice becomes one line; sizes are checked here as well as by the DTO. */
function mergeLines(lines: readonly CheckoutLineInput[]): Map<number, number> {
  if (!lines?.length) throw new DomainError('ORDER_EMPTY', '请选择要购买的商品');
  const merged = new Map<number, number>();
  for (const { skuId, quantity } of lines) merged.set(skuId, (merged.get(skuId) ?? 0) + quantity);
  if (merged.size > MAX_LINES) throw new DomainError('VALIDATION_FAILED', `一次最多购买 ${MAX_LINES} 种商品`);
  for (const q of merged.values()) {
    if (q > MAX_QUANTITY) throw new DomainError('VALIDATION_FAILED', `单件商品最多购买 ${MAX_QUANTITY} 件`);
  }
  return merged;
}
