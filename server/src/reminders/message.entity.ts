import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReminderKind } from '@jifen/shared';
import { utcDatetime } from '../common/base.entity.js';

/** A notice in a member's 消息中心. */
@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 20 })
  kind: ReminderKind;

  @Column({ type: 'varchar', length: 40 })
  title: string;

  @Column({ type: 'varchar', length: 400 })
  body: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  page: string | null;

  /** What caused it (event, member, kind): unique, so nothing lands twice. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 128 })
  dedupeKey: string;

  @Column({ ...utcDatetime, name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
