import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AdminCategoryDto, AdminGoodsDto, CategoryInput, CategoryPatch, GoodsFilter, GoodsInput, GoodsStatus, GoodsUpdate, StockChangeDto,
} from '@jifen/shared';
import { LOW_STOCK_AT } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { escapeLike, parseImages, SEARCH_MAX } from './catalog.service.js';
import { Category } from './category.entity.js';
import { Goods } from './goods.entity.js';
import { Sku } from './sku.entity.js';
import { StockChange } from './stock-change.entity.js';

/** Stock change reasons written by the catalog itself. */
const OPENING_STOCK = '新建规格';

/**
 * The catalog as operators change it: categories, goods with their SKUs, stock. Every change
 * runs in one unit of work; goods edits carry the version they were based on, so two operators
 * editing one item cannot silently overwrite each other; every stock change is a row with
 * who and why (the HTTP action itself is in the audit log).
 */
@Injectable()
export class CatalogAdminService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  // ---- categories ----

  async listCategories(): Promise<AdminCategoryDto[]> {
    const rows = await this.db.rows<{ id: number; name: string; icon: string; sort: number; hidden: number; goods: unknown }>(
      `SELECT c.id, c.name, c.icon, c.sort, c.hidden, (SELECT COUNT(*) FROM goods g WHERE g.category_id = c.id) AS goods
         FROM categories c ORDER BY c.sort, c.id`);
    return rows.map((r) => ({ id: num(r.id), name: r.name, icon: r.icon, sort: num(r.sort), hidden: num(r.hidden) === 1, goodsCount: num(r.goods) }));
  }

  async createCategory(input: CategoryInput): Promise<AdminCategoryDto> {
    const id = await this.db.unit(async (m) => {
      const name = input.name.trim();
      await this.refuseDuplicateName(m, name);
      const last = await m.getRepository(Category).createQueryBuilder('c').select('MAX(c.sort)', 'max').getRawOne<{ max: unknown }>();
      const now = this.clock.now();
      const saved = await m.save(m.create(Category, { name, icon: input.icon ?? '', sort: num(last?.max) + 1, hidden: false, createdAt: now, updatedAt: now }));
      return saved.id;
    });
    return this.category(id);
  }

  async updateCategory(id: number, patch: CategoryPatch): Promise<AdminCategoryDto> {
    await this.db.unit(async (m) => {
      const category = await m.findOneBy(Category, { id });
      if (!category) throw new DomainError('CATEGORY_NOT_FOUND', '分类不存在');
      if (patch.name !== undefined) {
        const name = patch.name.trim();
        if (name !== category.name) await this.refuseDuplicateName(m, name);
        category.name = name;
      }
      if (patch.icon !== undefined) category.icon = patch.icon;
      if (patch.hidden !== undefined) category.hidden = patch.hidden;
      category.updatedAt = this.clock.now();
      await m.save(category);
    });
    return this.category(id);
  }

  /** Puts the categories in the order given: every category, each once. */
  async orderCategories(ids: number[]): Promise<AdminCategoryDto[]> {
    await this.db.unit(async (m) => {
      const all = await m.find(Category);
      const known = new Set(all.map((c) => c.id));
      if (new Set(ids).size !== ids.length || ids.length !== all.length || !ids.every((id) => known.has(id))) {
        throw new DomainError('VALIDATION_FAILED', 'ids: 须按新顺序列出全部分类，每个一次');
      }
      for (const [index, id] of ids.entries()) await m.update(Category, { id }, { sort: index + 1 });
    });
    return this.listCategories();
  }

  private async category(id: number): Promise<AdminCategoryDto> {
    const found = (await this.listCategories()).find((c) => c.id === id);
    if (!found) throw new DomainError('CATEGORY_NOT_FOUND', '分类不存在');
    return found;
  }

  private async refuseDuplicateName(m: EntityManager, name: string): Promise<void> {
    if (await m.findOneBy(Category, { name })) throw new DomainError('CONFLICT', `已有名为「${name}」的分类`, { field: 'name' });
  }

  // ---- goods ----

  /** Goods as 商品管理 lists them: every status, newest first, with SKUs. */
  async listGoods(filter: GoodsFilter = 'all', q?: string, categoryId?: number): Promise<AdminGoodsDto[]> {
    const text = (q ?? '').trim();
    if (text.length > SEARCH_MAX) throw new DomainError('VALIDATION_FAILED', `q: 搜索词最多 ${SEARCH_MAX} 个字`);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter === 'on_sale' || filter === 'off_sale') {
      where.push('g.status = ?');
      params.push(filter);
    }
    if (filter === 'low_stock') {
      where.push("g.status = 'on_sale' AND EXISTS (SELECT 1 FROM goods_skus s WHERE s.goods_id = g.id AND s.stock <= ?)");
      params.push(LOW_STOCK_AT);
    }
    if (categoryId) {
      where.push('g.category_id = ?');
      params.push(categoryId);
    }
    if (text) {
      where.push("g.title LIKE ? ESCAPE '!'");
      params.push(`%${escapeLike(text)}%`);
    }
    const ids = await this.db.rows<{ id: number }>(
      `SELECT g.id FROM goods g ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY g.id DESC LIMIT 500`, params);
    return this.goodsByIds(ids.map((r) => num(r.id)));
  }

  async goods(id: number): Promise<AdminGoodsDto> {
    const [found] = await this.goodsByIds([id]);
    if (!found) throw new DomainError('GOODS_NOT_FOUND', '商品不存在');
    return found;
  }

  async createGoods(input: GoodsInput, operatorId: number): Promise<AdminGoodsDto> {
    checkSkuNames(input);
    if (input.skus.some((s) => s.id !== undefined)) throw new DomainError('VALIDATION_FAILED', 'skus: 新商品的规格不能带 id');
    const id = await this.db.unit(async (m) => {
      await this.requireCategory(m, input.categoryId);
      const now = this.clock.now();
      const goods = await m.save(m.create(Goods, {
        ...goodsFields(input), sales: 0, sort: 0, version: 1, createdAt: now, updatedAt: now,
        priceFen: Math.min(...input.skus.map((s) => s.priceFen)), stock: 0, pointsPrice: null, status: input.status ?? 'on_sale',
      }));
      for (const [sort, sku] of input.skus.entries()) await this.addSku(m, goods.id, sku.name, sku.priceFen, sku.stock ?? 0, sort, operatorId, now);
      await this.syncTotals(goods.id);
      return goods.id;
    });
    return this.goods(id);
  }

  /**
   * Replaces a goods item's fields and SKUs. Existing SKUs keep their stock (it changes only
   * through changeStock, so an edit never undoes sales made meanwhile); new SKUs open with
   * theirs; SKUs left out are removed unless an order has them.
   */
  async updateGoods(id: number, input: GoodsUpdate, operatorId: number): Promise<AdminGoodsDto> {
    checkSkuNames(input);
    await this.db.unit(async (m) => {
      const goods = await this.lockVersion(m, id, input.version);
      await this.requireCategory(m, input.categoryId);
      const now = this.clock.now();
      const existing = await m.find(Sku, { where: { goodsId: id } });
      const byId = new Map(existing.map((s) => [s.id, s]));
      for (const sku of input.skus) {
        if (sku.id !== undefined && !byId.has(sku.id)) throw new DomainError('VALIDATION_FAILED', `skus: 规格 #${sku.id} 不属于这件商品`);
      }
      const kept = new Set(input.skus.flatMap((s) => (s.id === undefined ? [] : [s.id])));
      for (const sku of existing) {
        if (kept.has(sku.id)) continue;
        const ordered = await this.db.one('SELECT 1 AS x FROM order_lines WHERE sku_id = ? LIMIT 1', [sku.id]);
        if (ordered) throw new DomainError('SKU_IN_USE', `规格「${sku.name}」已有订单，不能删除；不再销售可将库存调为 0`, { skuId: sku.id });
        await this.db.exec('DELETE FROM cart_items WHERE sku_id = ?', [sku.id]);
        await m.delete(Sku, { id: sku.id });
      }
      for (const [sort, sku] of input.skus.entries()) {
        if (sku.id === undefined) await this.addSku(m, id, sku.name, sku.priceFen, sku.stock ?? 0, sort, operatorId, now);
        else await m.update(Sku, { id: sku.id }, { name: sku.name.trim(), priceFen: sku.priceFen, sort, updatedAt: now });
      }
      Object.assign(goods, goodsFields(input), { status: input.status ?? goods.status, updatedAt: now });
      await m.save(goods);
      await this.syncTotals(id);
    });
    return this.goods(id);
  }

  /** 上架 / 下架. Off-shelf goods vanish from the storefront and orders for them are refused. */
  async setStatus(id: number, status: GoodsStatus, version: number): Promise<AdminGoodsDto> {
    await this.db.unit(async (m) => {
      await this.lockVersion(m, id, version);
      await m.update(Goods, { id }, { status, updatedAt: this.clock.now() });
    });
    return this.goods(id);
  }

  /** 调整库存: one SKU up or down (never below zero), recorded with who and why. */
  async changeStock(skuId: number, delta: number, reason: string, operatorId: number): Promise<StockChangeDto> {
    const changeId = await this.db.unit(async (m) => {
      const sku = await m.findOneBy(Sku, { id: skuId });
      if (!sku) throw new DomainError('GOODS_NOT_FOUND', '规格不存在');
      // Conditional, like an order's stock take: concurrent sales and changes never go below 0.
      const changed = await this.db.exec('UPDATE goods_skus SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock + ? >= 0',
        [delta, sqlTime(this.clock.now()), skuId, delta]);
      if (changed !== 1) throw new DomainError('STOCK_INSUFFICIENT', `库存只有 ${sku.stock}，最多减少 ${sku.stock}`, { stock: sku.stock });
      const after = await this.db.one<{ stock: number }>('SELECT stock FROM goods_skus WHERE id = ?', [skuId]);
      const id = await this.record(m, sku.goodsId, skuId, delta, num(after?.stock), reason.trim(), operatorId, this.clock.now());
      await this.syncTotals(sku.goodsId);
      return id;
    });
    const [change] = await this.stockChanges(undefined, changeId);
    return change;
  }

  /** A goods item's stock changes, newest first (or one change by id). */
  async stockChanges(goodsId?: number, id?: number): Promise<StockChangeDto[]> {
    const rows = await this.db.rows<{
      id: number; goods_id: number; sku_id: number; sku_name: string | null; delta: number; stock_after: number; reason: string;
      operator_id: number | null; nickname: string | null; created_at: string | Date;
    }>(
      `SELECT c.id, c.goods_id, c.sku_id, s.name AS sku_name, c.delta, c.stock_after, c.reason, c.operator_id, m.nickname, c.created_at
         FROM stock_changes c
         LEFT JOIN goods_skus s ON s.id = c.sku_id
         LEFT JOIN members m ON m.id = c.operator_id
        WHERE ${id !== undefined ? 'c.id = ?' : 'c.goods_id = ?'}
        ORDER BY c.id DESC LIMIT 200`, [id ?? goodsId]);
    return rows.map((r) => ({
      id: num(r.id), goodsId: num(r.goods_id), skuId: num(r.sku_id), skuName: r.sku_name ?? '（已删除的规格）', delta: num(r.delta),
      stockAfter: num(r.stock_after), reason: r.reason, operatorId: r.operator_id === null ? null : num(r.operator_id),
      operatorName: r.nickname, createdAt: readTime(r.created_at).toISOString(),
    }));
  }

  // ---- building blocks ----

  private async requireCategory(m: EntityManager, id: number): Promise<void> {
    if (!(await m.findOneBy(Category, { id }))) throw new DomainError('CATEGORY_NOT_FOUND', '分类不存在', { field: 'categoryId' });
  }

  /** The goods row, if still at `version`; raises the version (the row stays locked on MySQL until the unit ends). */
  private async lockVersion(m: EntityManager, id: number, version: number): Promise<Goods> {
    const bumped = await this.db.exec('UPDATE goods SET version = version + 1 WHERE id = ? AND version = ?', [id, version]);
    const goods = await m.findOneBy(Goods, { id });
    if (!goods) throw new DomainError('GOODS_NOT_FOUND', '商品不存在');
    if (bumped !== 1) throw new DomainError('GOODS_CHANGED', '商品已被其他人修改，请刷新后再编辑', { version: goods.version });
    return goods;
  }

  private async addSku(m: EntityManager, goodsId: number, name: string, priceFen: number, stock: number, sort: number, operatorId: number, now: Date): Promise<void> {
    const sku = await m.save(m.create(Sku, { goodsId, name: name.trim(), priceFen, stock, sales: 0, sort, createdAt: now, updatedAt: now }));
    if (stock > 0) await this.record(m, goodsId, sku.id, stock, stock, OPENING_STOCK, operatorId, now);
  }

  private async record(m: EntityManager, goodsId: number, skuId: number, delta: number, stockAfter: number, reason: string, operatorId: number, now: Date): Promise<number> {
    const saved = await m.save(m.create(StockChange, { goodsId, skuId, delta, stockAfter, reason, operatorId, createdAt: now }));
    return saved.id;
  }

  /** The goods row's price and stock follow its SKUs (lowest price, total stock). */
  private async syncTotals(goodsId: number): Promise<void> {
    await this.db.exec(
      `UPDATE goods SET price_fen = COALESCE((SELECT MIN(price_fen) FROM goods_skus WHERE goods_id = ?), price_fen),
                        stock = COALESCE((SELECT SUM(stock) FROM goods_skus WHERE goods_id = ?), 0) WHERE id = ?`,
      [goodsId, goodsId, goodsId]);
  }

  private async goodsByIds(ids: number[]): Promise<AdminGoodsDto[]> {
    if (ids.length === 0) return [];
    return this.db.read(async () => {
      const goods = await this.db.findBy(Goods, { id: ids });
      const skus = await this.db.findBy(Sku, { goodsId: ids }, 'ORDER BY sort, id');
      const categories = new Map((await this.db.findBy(Category, { id: [...new Set(goods.map((g) => g.categoryId))] })).map((c) => [c.id, c.name]));
      const byGoods = new Map<number, Sku[]>();
      for (const s of skus) byGoods.set(s.goodsId, [...(byGoods.get(s.goodsId) ?? []), s]);
      const byId = new Map(goods.map((g) => [g.id, g]));
      return ids.flatMap((id) => {
        const g = byId.get(id);
        if (!g) return [];
        const own = byGoods.get(id) ?? [];
        return [{
          id: g.id, categoryId: g.categoryId, categoryName: categories.get(g.categoryId) ?? '', title: g.title, subtitle: g.subtitle,
          image: g.image, images: parseImages(g), description: g.description, originalPriceFen: g.originalPriceFen,
          status: g.status, priceFen: own.length ? Math.min(...own.map((s) => s.priceFen)) : g.priceFen,
          stock: own.length ? own.reduce((n, s) => n + s.stock, 0) : g.stock, sales: own.length ? own.reduce((n, s) => n + s.sales, 0) : g.sales,
          version: g.version, updatedAt: g.updatedAt.toISOString(),
          skus: own.map((s) => ({ id: s.id, name: s.name, priceFen: s.priceFen, stock: s.stock, sales: s.sales })),
        }];
      });
    });
  }
}

/** The goods row's own fields from an operator's input (the cover is the first image). */
function goodsFields(input: GoodsInput): Partial<Goods> {
  return {
    categoryId: input.categoryId, title: input.title.trim(), subtitle: (input.subtitle ?? '').trim(), image: input.images[0],
    images: JSON.stringify(input.images), description: (input.description ?? '').trim(), originalPriceFen: input.originalPriceFen ?? null,
  };
}

function checkSkuNames(input: GoodsInput): void {
  const names = input.skus.map((s) => s.name.trim());
  if (new Set(names).size !== names.length) throw new DomainError('VALIDATION_FAILED', 'skus: 规格名称不能重复', { field: 'skus' });
  const ids = input.skus.flatMap((s) => (s.id === undefined ? [] : [s.id]));
  if (new Set(ids).size !== ids.length) throw new DomainError('VALIDATION_FAILED', 'skus: 同一规格出现了两次', { field: 'skus' });
  const lowest = Math.min(...input.skus.map((s) => s.priceFen));
  if (input.originalPriceFen != null && input.originalPriceFen <= lowest) {
    throw new DomainError('VALIDATION_FAILED', 'originalPriceFen: 划线价须高于售价', { field: 'originalPriceFen' });
  }
}
