import { Column, Entity, PrimaryColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

/** Sends of one template a member has allowed and the shop has not used yet. */
@Entity('reminder_credits')
export class ReminderCredit {
  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @PrimaryColumn({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'int' })
  credits: number;

  @Column({ ...utcDatetime, name: 'updated_at' })
  updatedAt: Date;
}
