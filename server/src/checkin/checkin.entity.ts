import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';
import { intBoolean } from '../common/int-boolean.js';

@Entity('checkins')
@Index('uq_checkins_member_day', ['memberId', 'day'], { unique: true })
export class Checkin {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  /** The Shanghai day, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  /** 'makeup' for a 补签 of a past day. */
  @Column({ type: 'varchar', length: 8 })
  kind: 'normal' | 'makeup';

  /** Consecutive checked days ending with this one. */
  @Column({ type: 'int' })
  streak: number;

  /** The day fell in the member's birthday month (the reward's multiplier; kept for the rules preview). */
  @Column({ name: 'birthday_month', type: 'int', default: 0, transformer: intBoolean })
  birthdayMonth: boolean;

  /** Points granted for it (after the daily cap). */
  @Column({ type: 'int' })
  points: number;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
