import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

/** Growth from one completed order (yuan paid); `ref` is unique so a replayed event adds nothing. */
@Entity('growth_entries')
export class GrowthEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 64 })
  ref: string;

  @Column({ type: 'int' })
  yuan: number;

  @Column({ ...utcDatetime })
  at: Date;
}
