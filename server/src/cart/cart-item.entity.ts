import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';
import { intBoolean } from '../common/int-boolean.js';

/** One line of a member's cart: one row per (member, SKU). */
@Entity('cart_items')
@Index('uq_cart_items_member_sku', ['memberId', 'skuId'], { unique: true })
export class CartItem extends BaseEntity {
  @Column({ name: 'member_id', type: 'integer' })
  memberId: number;

  @Column({ name: 'sku_id', type: 'integer' })
  skuId: number;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int', default: 1, transformer: intBoolean })
  checked: boolean;
}
