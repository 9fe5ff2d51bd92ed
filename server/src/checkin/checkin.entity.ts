import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

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

  /** Points granted for it (after the daily cap). */
  @Column({ type: 'int' })
  points: number;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
