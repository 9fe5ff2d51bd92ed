import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AddCartRequest, CartItemDto, UpdateCartRequest } from '@jifen/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { num, sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { isUniqueViolation } from '../common/sql.js';
import { CartItem } from './cart-item.entity.js';

/** Most of one SKU in a cart line. */
export const CART_LINE_MAX = 99;
/** Most lines in a cart. */
export const CART_LINES_MAX = 50;

/**
 * The member's cart: one line per SKU (unique key). Adds to the same member are serialised by
 * locking the member's row (MySQL; SQLite has one writer), and the quantity grows by a
 * conditional UPDATE that cannot pass 99 or the SKU's stock.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
  ) {}

  /** Newest line first. */
  async list(memberId: number): Promise<CartItemDto[]> {
    const rows = await this.db.read((m) => m.find(CartItem, { where: { memberId }, order: { id: 'DESC' } }));
    return this.toDtos(rows);
  }

  /** Sum of the quantities, for the tab badge. */
  async count(memberId: number): Promise<{ count: number }> {
    const row = await this.db.one<{ total: number | string | null }>('SELECT SUM(quantity) AS total FROM cart_items WHERE member_id = ?', [memberId]);
    return { count: num(row?.total) };
  }

  /** Adds to the SKU's line (created when missing); the line comes back. */
  async add(memberId: number, input: AddCartRequest): Promise<CartItemDto> {
    const { skuId, quantity } = input;
    const now = this.clock.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await this.db.unit(async () => {
          const line = (await this.catalog.skuLines([skuId])).get(skuId);
          if (!line) throw new DomainError('GOODS_NOT_FOUND', '商品不存在');
          if (line.goods.status !== 'on_sale') throw new DomainError('GOODS_OFF_SALE', '商品已下架');
          await this.lockMember(memberId);
          const cap = Math.min(CART_LINE_MAX, line.sku.stock);
          const existing = await this.db.one<{ id: number; quantity: number }>('SELECT id, quantity FROM cart_items WHERE member_id = ? AND sku_id = ?', [memberId, skuId]);
          if (existing) {
            const grown = await this.db.exec('UPDATE cart_items SET quantity = quantity + ?, checked = 1, updated_at = ? WHERE id = ? AND quantity + ? <= ?',
              [quantity, sqlTime(now), existing.id, quantity, cap],
            );
            if (grown !== 1) throw overCap(num(existing.quantity) + quantity, line.sku.stock);
            return num(existing.id);
          }
          if (quantity > cap) throw overCap(quantity, line.sku.stock);
          const lines = await this.db.one<{ n: number | string }>('SELECT COUNT(*) AS n FROM cart_items WHERE member_id = ?', [memberId]);
          if (num(lines?.n) >= CART_LINES_MAX) throw new DomainError('CART_LIMIT', `购物车最多 ${CART_LINES_MAX} 种商品`);
          return this.db.insert('INSERT INTO cart_items (member_id, sku_id, quantity, checked, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
            [memberId, skuId, quantity, sqlTime(now), sqlTime(now)],
          );
        });
        return await this.line(memberId, id);
      } catch (error) {
        // Another add of the same SKU created the line first: add to it instead.
        if (isUniqueViolation(error) && attempt < 3) continue;
        throw error;
      }
    }
  }

  async update(memberId: number, id: number, changes: UpdateCartRequest): Promise<CartItemDto> {
    const now = this.clock.now();
    await this.db.unit(async (m) => {
      const item = await m.findOneBy(CartItem, { id, memberId });
      if (!item) throw notFound();
      if (changes.quantity !== undefined && changes.quantity !== item.quantity) {
        const line = (await this.catalog.skuLines([item.skuId])).get(item.skuId);
        // Lowering is always allowed (it is how a shopper fixes an unavailable line).
        if (changes.quantity > item.quantity && line && changes.quantity > line.sku.stock) {
          throw overCap(changes.quantity, line.sku.stock);
        }
        await this.db.exec('UPDATE cart_items SET quantity = ?, updated_at = ? WHERE id = ? AND member_id = ?', [changes.quantity, sqlTime(now), id, memberId]);
      }
      if (changes.checked !== undefined) {
        await this.db.exec('UPDATE cart_items SET checked = ?, updated_at = ? WHERE id = ? AND member_id = ?', [changes.checked ? 1 : 0, sqlTime(now), id, memberId]);
      }
    });
    return this.line(memberId, id);
  }

  async remove(memberId: number, id: number): Promise<void> {
    const removed = await this.db.exec('DELETE FROM cart_items WHERE id = ? AND member_id = ?', [id, memberId]);
    if (removed !== 1) throw notFound();
  }

  /** Drops the member's lines of these SKUs (after an order from the cart; joins its unit). */
  async removeSkus(memberId: number, skuIds: number[]): Promise<void> {
    const ids = [...new Set(skuIds)].filter((s) => Number.isInteger(s) && s > 0);
    if (ids.length === 0) return;
    await this.db.unit((m) => m.delete(CartItem, { memberId, skuId: In(ids) }));
  }

  private async line(memberId: number, id: number): Promise<CartItemDto> {
    const item = await this.db.read((m) => m.findOneBy(CartItem, { id, memberId }));
    if (!item) throw notFound();
    return (await this.toDtos([item]))[0]!;
  }

  private async lockMember(memberId: number): Promise<void> {
    if (this.db.mysql) await this.db.rows(`SELECT id FROM members WHERE id = ?${this.db.forUpdate}`, [memberId]);
  }

  private async toDtos(rows: CartItem[]): Promise<CartItemDto[]> {
    const lines = await this.catalog.skuLines(rows.map((r) => r.skuId));
    return rows.flatMap((r) => {
      const line = lines.get(r.skuId);
      if (!line) return []; // a SKU that no longer exists
      const { sku, goods } = line;
      return [{
        id: r.id,
        skuId: sku.id,
        goodsId: goods.id,
        title: goods.title,
        skuName: sku.name,
        image: goods.image,
        priceFen: sku.priceFen,
        quantity: r.quantity,
        stock: sku.stock,
        checked: r.checked,
        available: goods.status === 'on_sale' && sku.stock >= r.quantity,
      }];
    });
  }
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', '购物车中没有这件商品');
}

function overCap(wanted: number, stock: number): DomainError {
  if (wanted > stock) return new DomainError('STOCK_INSUFFICIENT', stock > 0 ? `库存仅剩 ${stock} 件` : '已售罄');
  return new DomainError('CART_LIMIT', `每种商品最多 ${CART_LINE_MAX} 件`);
}
