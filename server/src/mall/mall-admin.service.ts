import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdminMallItemDto, MallItemFilter, MallItemInput, MallItemKind, MallItemStatus, MallItemUpdate, TierPoints } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldError as bad } from '../common/errors.js';
import { num, sqlTime } from '../common/sql.js';
import { Goods } from '../catalog/goods.entity.js';
import { CouponTemplate } from '../coupons/coupon.entities.js';
import { MallItem } from './mall.entities.js';
import { parseTierPoints } from './mall.service.js';

/** The picture an item shows when the operator uploads none. */
const KIND_IMAGE: Record<Exclude<MallItemKind, 'goods'>, string> = { coupon: '/assets/mall/coupon.png', virtual: '/assets/mall/vip.png' };

/** Codes are inserted this many to a statement (well under both engines' parameter limits). */
const CODE_BATCH = 200;

/**
 * 管理 → 积分商城: items as operators run them. Edits carry the version they were read at;
 * stock moves only by signed changes (so an edit never undoes redemptions made meanwhile);
 * a virtual item's stock is its pool of unused codes, grown by loading codes.
 */
@Injectable()
export class MallAdminService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(filter: MallItemFilter = 'all'): Promise<AdminMallItemDto[]> {
    const where = filter === 'on' || filter === 'off' ? 'WHERE status = ?' : filter === 'sold_out' ? 'WHERE stock <= 0' : '';
    const rows = await this.db.rows<{ id: number }>(`SELECT id FROM mall_items ${where} ORDER BY sort, id LIMIT 500`,
      filter === 'on' || filter === 'off' ? [filter] : []);
    return this.byIds(rows.map((r) => num(r.id)));
  }

  async item(id: number): Promise<AdminMallItemDto> {
    const [found] = await this.byIds([id]);
    if (!found) throw new DomainError('MALL_ITEM_NOT_FOUND', '兑换商品不存在');
    return found;
  }

  async create(input: MallItemInput): Promise<AdminMallItemDto> {
    if (input.kind === 'virtual' && input.stock) throw bad('stock', '虚拟商品的库存即导入的兑换码数量，创建后请导入兑换码');
    const id = await this.db.unit(async (m) => {
      const fields = await this.checked(m, input.kind, input);
      const last = await this.db.one<{ max: unknown }>('SELECT MAX(sort) AS max FROM mall_items');
      const now = this.clock.now();
      const saved = await m.save(m.create(MallItem, {
        ...fields, kind: input.kind, stock: input.kind === 'virtual' ? 0 : input.stock ?? 0, status: input.status ?? 'on',
        sort: num(last?.max) + 1, version: 1, createdAt: now, updatedAt: now,
      }));
      return saved.id;
    });
    return this.item(id);
  }

  /** Replaces an item's fields (not its kind or stock) if nobody changed it since `version`. */
  async update(id: number, input: MallItemUpdate): Promise<AdminMallItemDto> {
    await this.db.unit(async (m) => {
      const item = await this.lockVersion(m, id, input.version);
      const fields = await this.checked(m, item.kind, input);
      await m.update(MallItem, { id }, { ...fields, status: input.status ?? item.status, updatedAt: this.clock.now() });
    });
    return this.item(id);
  }

  /** 上架 / 下架: an item off the shelf leaves the mall and cannot be redeemed. */
  async setStatus(id: number, status: MallItemStatus, version: number): Promise<AdminMallItemDto> {
    await this.db.unit(async (m) => {
      await this.lockVersion(m, id, version);
      await m.update(MallItem, { id }, { status, updatedAt: this.clock.now() });
    });
    return this.item(id);
  }

  /** Stock up or down by `delta`, never below zero, alongside redemptions taking it. */
  async changeStock(id: number, delta: number): Promise<AdminMallItemDto> {
    await this.db.unit(async (m) => {
      const item = await m.findOneBy(MallItem, { id });
      if (!item) throw new DomainError('MALL_ITEM_NOT_FOUND', '兑换商品不存在');
      if (item.kind === 'virtual') throw bad('delta', '虚拟商品的库存即未发出的兑换码，请导入兑换码');
      const changed = await this.db.exec('UPDATE mall_items SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock + ? >= 0',
        [delta, sqlTime(this.clock.now()), id, delta]);
      if (changed !== 1) throw new DomainError('STOCK_INSUFFICIENT', `库存只有 ${item.stock}，最多减少 ${item.stock}`, { stock: item.stock });
    });
    return this.item(id);
  }

  /**
   * Adds codes to a virtual item's pool, all or none: a code twice in the upload or already in
   * the pool refuses the upload and names it. The item's stock grows by the codes added, in the
   * same unit, so stock and unused codes never disagree.
   */
  async loadCodes(id: number, codes: string[], operatorId: number | null): Promise<AdminMallItemDto> {
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) throw bad('codes', `兑换码 ${code} 重复出现`);
      seen.add(code);
    }
    await this.db.unit(async (m) => {
      const item = await m.findOneBy(MallItem, { id });
      if (!item) throw new DomainError('MALL_ITEM_NOT_FOUND', '兑换商品不存在');
      if (item.kind !== 'virtual') throw bad('codes', '只有虚拟商品使用兑换码');
      for (let i = 0; i < codes.length; i += CODE_BATCH) {
        const batch = codes.slice(i, i + CODE_BATCH);
        const taken = await this.db.rows<{ code: string }>(
          `SELECT code FROM mall_codes WHERE item_id = ? AND code IN (${batch.map(() => '?').join(', ')}) LIMIT 1`, [id, ...batch]);
        if (taken.length) throw bad('codes', `兑换码 ${taken[0].code} 已在码池中`);
      }
      const now = sqlTime(this.clock.now());
      for (let i = 0; i < codes.length; i += CODE_BATCH) {
        const batch = codes.slice(i, i + CODE_BATCH);
        await this.db.exec(`INSERT INTO mall_codes (item_id, code, loaded_by, created_at) VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
          batch.flatMap((code) => [id, code, operatorId, now]));
      }
      await this.db.exec('UPDATE mall_items SET stock = stock + ?, updated_at = ? WHERE id = ?', [codes.length, now, id]);
    });
    return this.item(id);
  }

  // ---- building blocks ----

  /** The item's own fields from the input, after the rules that span fields. */
  private async checked(m: EntityManager, kind: MallItemKind, input: Omit<MallItemInput, 'kind' | 'stock'>): Promise<Partial<MallItem>> {
    const goodsId = input.goodsId ?? null;
    const templateId = input.couponTemplateId ?? null;
    const cashFen = input.cashFen ?? 0;
    let image = input.image;
    if (kind === 'goods') {
      if (goodsId === null) throw bad('goodsId', '请选择兑换后发出的商品');
      const goods = await m.findOneBy(Goods, { id: goodsId });
      if (!goods) throw bad('goodsId', '商品不存在');
      image ??= goods.image;
    } else if (goodsId !== null) {
      throw bad('goodsId', '只有实物兑换关联商品');
    }
    if (kind === 'coupon') {
      if (templateId === null) throw bad('couponTemplateId', '请选择兑换发放的优惠券');
      const template = await m.findOneBy(CouponTemplate, { id: templateId });
      if (!template) throw bad('couponTemplateId', '优惠券不存在');
      if (template.status !== 'on') throw bad('couponTemplateId', `优惠券「${template.name}」已停用，请先启用或另选`);
    } else if (templateId !== null) {
      throw bad('couponTemplateId', '只有优惠券兑换关联优惠券');
    }
    if (cashFen > 0 && kind !== 'goods') throw bad('cashFen', '积分 + 现金只适用于实物商品');
    const tierPoints: TierPoints = {};
    for (const [tier, points] of Object.entries(input.tierPoints ?? {}) as [keyof TierPoints, number | undefined][]) {
      if (points === undefined) continue;
      if (points > input.points) throw bad(`tierPoints.${tier}`, '会员价不能高于兑换价');
      tierPoints[tier] = points;
    }
    const startsAt = input.startsAt ? new Date(input.startsAt) : null;
    const endsAt = input.endsAt ? new Date(input.endsAt) : null;
    if (startsAt && endsAt && !(endsAt > startsAt)) throw bad('endsAt', '结束时间须晚于开始时间');
    return {
      title: input.title.trim(), subtitle: (input.subtitle ?? '').trim(), image: image ?? KIND_IMAGE[kind as Exclude<MallItemKind, 'goods'>],
      goodsId, couponTemplateId: templateId, points: input.points, cashFen, tierPoints: JSON.stringify(tierPoints),
      perMemberLimit: input.perMemberLimit ?? null, startsAt, endsAt,
    };
  }

  /** The item, if still at `version`; raises the version (the row stays locked on MySQL until the unit ends). */
  private async lockVersion(m: EntityManager, id: number, version: number): Promise<MallItem> {
    const bumped = await this.db.exec('UPDATE mall_items SET version = version + 1 WHERE id = ? AND version = ?', [id, version]);
    const item = await m.findOneBy(MallItem, { id });
    if (!item) throw new DomainError('MALL_ITEM_NOT_FOUND', '兑换商品不存在');
    if (bumped !== 1) throw new DomainError('MALL_ITEM_CHANGED', '该兑换商品已被其他人修改，请刷新后再编辑', { version: item.version });
    return item;
  }

  private async byIds(ids: number[]): Promise<AdminMallItemDto[]> {
    if (ids.length === 0) return [];
    return this.db.read(async () => {
      const marks = ids.map(() => '?').join(', ');
      const items = new Map((await this.db.findBy(MallItem, { id: ids })).map((i) => [i.id, i]));
      const redeemed = new Map((await this.db.rows<{ id: number; n: unknown }>(
        `SELECT item_id AS id, COUNT(*) AS n FROM mall_redemptions WHERE item_id IN (${marks}) GROUP BY item_id`, ids)).map((r) => [num(r.id), num(r.n)]));
      const codes = await this.db.rows<{ id: number; total: unknown; used: unknown }>(
        `SELECT item_id AS id, COUNT(*) AS total, COUNT(request_key) AS used FROM mall_codes WHERE item_id IN (${marks}) GROUP BY item_id`, ids);
      const pools = new Map(codes.map((c) => [num(c.id), { total: num(c.total), unused: num(c.total) - num(c.used) }]));
      const goodsIds = [...items.values()].flatMap((i) => (i.goodsId ? [i.goodsId] : []));
      const templateIds = [...items.values()].flatMap((i) => (i.couponTemplateId ? [i.couponTemplateId] : []));
      const goods = new Map(goodsIds.length ? (await this.db.findBy(Goods, { id: goodsIds })).map((g) => [g.id, g.title]) : []);
      const templates = new Map(templateIds.length ? (await this.db.findBy(CouponTemplate, { id: templateIds })).map((t) => [t.id, t.name]) : []);
      return ids.flatMap((id) => {
        const i = items.get(id);
        if (!i) return [];
        return [{
          id: i.id, kind: i.kind, title: i.title, subtitle: i.subtitle, image: i.image, points: i.points, cashFen: i.cashFen, stock: i.stock,
          perMemberLimit: i.perMemberLimit, startsAt: i.startsAt?.toISOString() ?? null, endsAt: i.endsAt?.toISOString() ?? null,
          status: i.status, sort: i.sort, goodsId: i.goodsId, goodsTitle: i.goodsId ? goods.get(i.goodsId) ?? null : null,
          couponTemplateId: i.couponTemplateId, couponTemplateName: i.couponTemplateId ? templates.get(i.couponTemplateId) ?? null : null,
          tierPoints: parseTierPoints(i.tierPoints), redeemed: redeemed.get(id) ?? 0,
          codes: i.kind === 'virtual' ? pools.get(id) ?? { total: 0, unused: 0 } : null, version: i.version, updatedAt: i.updatedAt.toISOString(),
        }];
      });
    });
  }
}
