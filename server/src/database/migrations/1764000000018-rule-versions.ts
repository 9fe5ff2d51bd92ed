import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Each rule version edited in 管理 names the version it was based on, unique per key: two
 * operators saving from the same version cannot both land (the second is told it changed),
 * on SQLite and on a Galera cluster alike. Versions written by code carry no base.
 */
export class RuleVersions1764000000018 implements MigrationInterface {
  name = 'RuleVersions1764000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('rules', new TableColumn({ name: 'base_id', type: 'int', isNullable: true }));
    await q.createIndex('rules', new TableIndex({ name: 'uq_rules_base', columnNames: ['rule_key', 'base_id'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('rules', 'uq_rules_base');
    await q.dropColumn('rules', 'base_id');
  }
}
