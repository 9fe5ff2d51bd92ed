import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, id, timestamps } from './columns.js';

/**
 * Orders with their lines (each line keeps its share of the coupon and the points, so a
 * refund of some lines gives back exactly their part), refunds, and the payment
 * notifications seen (each processed once). Mall items learn their coupon template;
 * redemptions point at the order that ships them or the coupon they issued.
 */
export class Orders1764000000011 implements MigrationInterface {
  name = 'Orders1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'orders',
        columns: [
          id,
          { name: 'order_no', type: 'varchar', length: '32' },
          { name: 'member_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'source', type: 'varchar', length: '8' },
          { name: 'goods_fen', type: 'int' },
          { name: 'coupon_id', type: 'integer', isNullable: true },
          { name: 'coupon_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'coupon_fen', type: 'int', default: 0 },
          { name: 'points', type: 'int', default: 0 },
          { name: 'points_fen', type: 'int', default: 0 },
          { name: 'pay_fen', type: 'int' },
          { name: 'refunded_fen', type: 'int', default: 0 },
          { name: 'earn_points', type: 'int', default: 0 },
          { name: 'earn_state', type: 'varchar', length: '10', default: "'none'" },
          { name: 'address', type: 'varchar', length: '400' },
          { name: 'remark', type: 'varchar', length: '200', default: "''" },
          { name: 'request_key', type: 'varchar', length: '80' },
          datetime('pay_deadline', true),
          datetime('paid_at', true),
          { name: 'pay_channel', type: 'varchar', length: '8', isNullable: true },
          { name: 'transaction_id', type: 'varchar', length: '40', isNullable: true },
          datetime('shipped_at', true),
          { name: 'express_company', type: 'varchar', length: '32', isNullable: true },
          { name: 'tracking_no', type: 'varchar', length: '40', isNullable: true },
          datetime('auto_complete_at', true),
          datetime('completed_at', true),
          datetime('closed_at', true),
          { name: 'close_reason', type: 'varchar', length: '64', isNullable: true },
          { name: 'resume_status', type: 'varchar', length: '12', isNullable: true },
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('orders', new TableIndex({ name: 'uq_orders_no', columnNames: ['order_no'], isUnique: true }));
    await q.createIndex('orders', new TableIndex({ name: 'uq_orders_request', columnNames: ['request_key'], isUnique: true }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_member', columnNames: ['member_id', 'id'] }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_due', columnNames: ['status', 'pay_deadline'] }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_complete', columnNames: ['status', 'auto_complete_at'] }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_coupon', columnNames: ['coupon_id'] }));
    await q.createTable(
      new Table({
        name: 'order_lines',
        columns: [
          id,
          { name: 'order_id', type: 'integer' },
          { name: 'goods_id', type: 'integer' },
          { name: 'sku_id', type: 'integer' },
          { name: 'category_id', type: 'integer' },
          { name: 'title', type: 'varchar', length: '64' },
          { name: 'sku_name', type: 'varchar', length: '32' },
          { name: 'image', type: 'varchar', length: '255' },
          { name: 'price_fen', type: 'int' },
          { name: 'quantity', type: 'int' },
          { name: 'amount_fen', type: 'int' },
          { name: 'coupon_fen', type: 'int' },
          { name: 'points', type: 'int' },
          { name: 'refunded_quantity', type: 'int', default: 0 },
        ],
      }),
    );
    await q.createIndex('order_lines', new TableIndex({ name: 'idx_order_lines_order', columnNames: ['order_id'] }));
    await q.createTable(
      new Table({
        name: 'refunds',
        columns: [
          id,
          { name: 'order_id', type: 'integer' },
          { name: 'refund_no', type: 'varchar', length: '32' },
          { name: 'amount_fen', type: 'int' },
          { name: 'points', type: 'int' },
          { name: 'earned_taken', type: 'int', default: 0 },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'reason', type: 'varchar', length: '80' },
          { name: 'lines', type: 'varchar', length: '1000' },
          { name: 'operator_id', type: 'integer', isNullable: true },
          datetime('finished_at', true),
          ...timestamps,
        ],
      }),
    );
    await q.createIndex('refunds', new TableIndex({ name: 'uq_refunds_no', columnNames: ['refund_no'], isUnique: true }));
    await q.createIndex('refunds', new TableIndex({ name: 'idx_refunds_order', columnNames: ['order_id'] }));
    await q.createTable(
      new Table({
        name: 'payment_events',
        columns: [
          id,
          { name: 'event_id', type: 'varchar', length: '64' },
          { name: 'event_type', type: 'varchar', length: '32' },
          { name: 'reference', type: 'varchar', length: '40' },
          { name: 'outcome', type: 'varchar', length: '64' },
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex('payment_events', new TableIndex({ name: 'uq_payment_events', columnNames: ['event_id'], isUnique: true }));
    await q.addColumns('mall_items', [
      new TableColumn({ name: 'coupon_template_id', type: 'integer', isNullable: true }),
    ]);
    await q.addColumns('mall_redemptions', [
      new TableColumn({ name: 'order_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'coupon_id', type: 'integer', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('mall_redemptions', 'coupon_id');
    await q.dropColumn('mall_redemptions', 'order_id');
    await q.dropColumn('mall_items', 'coupon_template_id');
    await q.dropTable('payment_events');
    await q.dropTable('refunds');
    await q.dropTable('order_lines');
    await q.dropTable('orders');
  }
}
