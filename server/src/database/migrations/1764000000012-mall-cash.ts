import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Points-mall goods priced in points + cash: the cash is paid like an order. */
export class MallCash1764000000012 implements MigrationInterface {
  name = 'MallCash1764000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('mall_items', new TableColumn({ name: 'cash_fen', type: 'int', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('mall_items', 'cash_fen');
  }
}
