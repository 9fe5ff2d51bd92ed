import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

/** One version of a rule; the current one is the newest whose effective_from has passed. */
@Entity('rules')
export class Rule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'rule_key', type: 'varchar', length: 32 })
  key: string;

  /** JSON. */
  @Column({ type: 'text' })
  value: string;

  @Column({ ...utcDatetime, name: 'effective_from' })
  effectiveFrom: Date;

  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  /** The version an operator's edit started from (0 for the defaults); unique per key, so a stale edit fails. */
  @Column({ name: 'base_id', type: 'int', nullable: true })
  baseId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  note: string | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
