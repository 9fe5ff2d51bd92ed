import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

/** One change to a SKU's stock made by an operator (orders and refunds are recorded as orders). */
@Entity('stock_changes')
export class StockChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'goods_id', type: 'integer' })
  goodsId: number;

  @Column({ name: 'sku_id', type: 'integer' })
  skuId: number;

  @Column({ type: 'int' })
  delta: number;

  @Column({ name: 'stock_after', type: 'int' })
  stockAfter: number;

  @Column({ type: 'varchar', length: 100 })
  reason: string;

  @Column({ name: 'operator_id', type: 'integer', nullable: true })
  operatorId: number | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
