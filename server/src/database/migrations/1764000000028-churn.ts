import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime } from './columns.js';

/** 流失预警: one row per member who has bought, rescored nightly. */
export class Churn1764000000028 implements MigrationInterface {
  name = 'Churn1764000000028';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'member_churn',
        columns: [
          { name: 'member_id', type: 'integer', isPrimary: true },
          { name: 'score', type: 'int' },
          { name: 'reasons', type: 'varchar', length: '400' },
          { name: 'value_at_risk_fen', type: 'int' },
          datetime('last_order_at', true),
          datetime('computed_at'),
        ],
      }),
    );
    await q.createIndex('member_churn', new TableIndex({ name: 'idx_member_churn_risk', columnNames: ['score', 'value_at_risk_fen'] }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_member_paid', columnNames: ['member_id', 'paid_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('orders', 'idx_orders_member_paid');
    await q.dropTable('member_churn');
  }
}
