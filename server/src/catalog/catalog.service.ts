import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { CategoryDto, GoodsDetailDto, GoodsDto, SkuDto } from '@jifen/shared';
import { DomainError } from '../common/errors.js';
import { num } from '../common/sql.js';
import { Db } from '../common/db.js';
import { Category } from './category.entity.js';
import { Goods } from './goods.entity.js';
import { Sku } from './sku.entity.js';

/** Longest search text accepted (after trimming). */
export const SEARCH_MAX = 30;

/** A SKU with its goods, for pricing an order or a cart line. */
export interface SkuLine {
  sku: Sku;
  goods: Goods;
}

@Injectable()
export class CatalogService {
  constructor(
    private readonly db: Db,
  ) {}

  /** Repositories on the current unit of work's connection (committed data outside one). */
  private get categories(): Repository<Category> {
    return this.db.manager.getRepository(Category);
  }

  private get goods(): Repository<Goods> {
    return this.db.manager.getRepository(Goods);
  }

  /** On-sale goods, and those of them with no SKU in stock. */
  async counts(): Promise<{ onSale: number; soldOut: number }> {
    const [onSale, soldOut] = await Promise.all([
      this.goods.countBy({ status: 'on_sale' }),
      this.goods
        .createQueryBuilder('g')
        .where("g.status = 'on_sale'")
        .andWhere('NOT EXISTS (SELECT 1 FROM goods_skus s WHERE s.goods_id = g.id AND s.stock > 0)')
        .getCount(),
    ]);
    return { onSale, soldOut };
  }

  async listCategories(): Promise<CategoryDto[]> {
    const rows = await this.categories.find({ where: { hidden: false }, order: { sort: 'ASC', id: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name, icon: c.icon }));
  }

  /**
   * On-sale goods of a category and/or matching a search text (title or subtitle), with the
   * lowest SKU price and the SKUs' total stock, in one query.
   */
  async listGoods(categoryId?: number, q?: string): Promise<GoodsDto[]> {
    const text = (q ?? '').trim();
    if (text.length > SEARCH_MAX) throw new DomainError('VALIDATION_FAILED', `q: 搜索词最多 ${SEARCH_MAX} 个字`);
    // Goods of a hidden category are hidden with it.
    const where = ["g.status = 'on_sale'", 'g.category_id NOT IN (SELECT id FROM categories WHERE hidden = 1)'];
    const params: unknown[] = [];
    if (categoryId) {
      where.push('g.category_id = ?');
      params.push(categoryId);
    }
    if (text) {
      const like = `%${escapeLike(text)}%`;
      where.push("(g.title LIKE ? ESCAPE '!' OR g.subtitle LIKE ? ESCAPE '!')");
      params.push(like, like);
    }
    const rows = await this.db.read((m) =>
      m.query(
        `SELECT g.id, g.category_id, g.title, g.subtitle, g.image, g.price_fen, g.original_price_fen, g.points_price, g.sales, g.stock,
                s.min_price, s.stock_sum
           FROM goods g
           LEFT JOIN (SELECT goods_id, MIN(price_fen) AS min_price, SUM(stock) AS stock_sum FROM goods_skus GROUP BY goods_id) s
             ON s.goods_id = g.id
          WHERE ${where.join(' AND ')}
          ORDER BY g.sort ASC, g.id ASC`,
        params,
      ),
    ) as GoodsRow[];
    return rows.map((r) => ({
      id: num(r.id),
      categoryId: num(r.category_id),
      title: r.title,
      subtitle: r.subtitle,
      image: r.image,
      priceFen: r.min_price === null ? num(r.price_fen) : num(r.min_price),
      originalPriceFen: r.original_price_fen === null ? null : num(r.original_price_fen),
      pointsPrice: r.points_price === null ? null : num(r.points_price),
      sales: num(r.sales),
      stock: r.stock_sum === null ? num(r.stock) : num(r.stock_sum),
    }));
  }

  /** One on-sale goods with its gallery, description and SKUs (by sort). */
  async detail(id: number): Promise<GoodsDetailDto> {
    const { goods, skus } = await this.db.read(async (m) => {
      const goods = await m.findOneBy(Goods, { id });
      const skus = goods ? await m.find(Sku, { where: { goodsId: id }, order: { sort: 'ASC', id: 'ASC' } }) : [];
      return { goods, skus };
    });
    if (!goods || goods.status !== 'on_sale') throw new DomainError('GOODS_NOT_FOUND', '商品不存在或已下架');
    return {
      ...toGoodsDto(goods, skus),
      images: parseImages(goods),
      description: goods.description,
      skus: skus.map(toSkuDto),
    };
  }

  /**
   * SKUs with their goods (whatever their status: callers decide), keyed by SKU id; unknown
   * ids are simply absent. Inside a unit of work they are read as that unit sees them.
   */
  async skuLines(skuIds: number[]): Promise<Map<number, SkuLine>> {
    const ids = [...new Set(skuIds)].filter((id) => Number.isInteger(id) && id > 0);
    const result = new Map<number, SkuLine>();
    if (ids.length === 0) return result;
    const skus = await this.db.findBy(Sku, { id: ids });
    const goodsIds = [...new Set(skus.map((s) => s.goodsId))];
    const goods = goodsIds.length ? await this.db.findBy(Goods, { id: goodsIds }) : [];
    const byId = new Map(goods.map((g) => [g.id, g]));
    for (const sku of skus) {
      const g = byId.get(sku.goodsId);
      if (g) result.set(sku.id, { sku, goods: g });
    }
    return result;
  }
}

interface GoodsRow {
  id: number;
  category_id: number;
  title: string;
  subtitle: string;
  image: string;
  price_fen: number;
  original_price_fen: number | null;
  points_price: number | null;
  sales: number;
  stock: number;
  min_price: number | string | null;
  stock_sum: number | string | null;
}

/** LIKE wildcards and the escape character itself are matched literally ('!' escapes on both databases). */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

export function parseImages(g: Goods): string[] {
  try {
    const images: unknown = JSON.parse(g.images || '[]');
    if (Array.isArray(images) && images.every((i) => typeof i === 'string') && images.length) return images;
  } catch {
    /* a bad value falls back to the cover image */
  }
  return [g.image];
}

export function toSkuDto(s: Sku): SkuDto {
  return { id: s.id, goodsId: s.goodsId, name: s.name, priceFen: s.priceFen, stock: s.stock };
}

/** A goods row as listed; with its SKUs, the price is the lowest SKU price and the stock their sum. */
export function toGoodsDto(g: Goods, skus?: Sku[]): GoodsDto {
  const priced = skus && skus.length > 0;
  return {
    id: g.id,
    categoryId: g.categoryId,
    title: g.title,
    subtitle: g.subtitle,
    image: g.image,
    priceFen: priced ? Math.min(...skus.map((s) => s.priceFen)) : g.priceFen,
    originalPriceFen: g.originalPriceFen,
    pointsPrice: g.pointsPrice,
    sales: g.sales,
    stock: priced ? skus.reduce((sum, s) => sum + s.stock, 0) : g.stock,
  };
}
