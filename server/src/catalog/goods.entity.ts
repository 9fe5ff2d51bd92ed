import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';

import type { GoodsStatus } from '@jifen/shared';

export type { GoodsStatus };

@Entity('goods')
@Index('idx_goods_category', ['categoryId', 'sort'])
export class Goods extends BaseEntity {
  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  subtitle: string;

  @Column({ type: 'varchar', length: 255 })
  image: string;

  /** JSON array of image paths for the detail page's gallery. */
  @Column({ type: 'varchar', length: 1024, default: '[]' })
  images: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string;

  /** Money is integer fen. */
  @Column({ name: 'price_fen', type: 'int' })
  priceFen: number;

  @Column({ name: 'original_price_fen', type: 'int', nullable: true })
  originalPriceFen: number | null;

  /** Price in the points mall, when sold there. */
  @Column({ name: 'points_price', type: 'int', nullable: true })
  pointsPrice: number | null;

  @Column({ type: 'int', default: 0 })
  stock: number;

  @Column({ type: 'int', default: 0 })
  sales: number;

  @Column({ type: 'varchar', length: 16, default: 'on_sale' })
  status: GoodsStatus;

  @Column({ type: 'int', default: 0 })
  sort: number;

  /** Raised by every operator edit; an edit based on an older version is refused. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
