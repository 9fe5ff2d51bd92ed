import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

export type OutboxStatus = 'pending' | 'processing' | 'done' | 'failed';

/** An event written in the transaction that caused it, handled after it commits. */
@Entity('outbox')
export class OutboxEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  topic: string;

  /** JSON. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 12 })
  status: OutboxStatus;

  @Column({ type: 'int' })
  attempts: number;

  /** When it is due: first at once, then after a backoff; while processing, the lease's end. */
  @Column({ ...utcDatetime, name: 'next_at' })
  nextAt: Date;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;

  @Column({ ...utcDatetime, name: 'done_at', nullable: true })
  doneAt: Date | null;
}
