import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';

/**
 * A spec of a goods row with its own price and stock. Stock is only ever taken by a
 * conditional UPDATE (stock >= quantity) inside the order's transaction.
 */
@Entity('goods_skus')
@Index('idx_goods_skus_goods', ['goodsId', 'sort'])
export class Sku extends BaseEntity {
  @Column({ name: 'goods_id', type: 'integer' })
  goodsId: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  /** Money is integer fen. */
  @Column({ name: 'price_fen', type: 'int' })
  priceFen: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'int', default: 0 })
  sales: number;

  @Column({ type: 'int', default: 0 })
  sort: number;
}
