import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';
import { intBoolean } from '../common/int-boolean.js';

/** A delivery address (personal data: never logged). Deleted rows are kept, flagged. */
@Entity('addresses')
@Index('idx_addresses_member', ['memberId'])
export class Address extends BaseEntity {
  @Column({ name: 'member_id', type: 'integer' })
  memberId: number;

  @Column({ type: 'varchar', length: 20 })
  name: string;

  @Column({ type: 'varchar', length: 11 })
  phone: string;

  @Column({ type: 'varchar', length: 20 })
  province: string;

  @Column({ type: 'varchar', length: 20 })
  city: string;

  @Column({ type: 'varchar', length: 20 })
  district: string;

  @Column({ type: 'varchar', length: 120 })
  detail: string;

  @Column({ name: 'is_default', type: 'int', default: 0, transformer: intBoolean })
  isDefault: boolean;

  @Column({ type: 'int', default: 0, transformer: intBoolean })
  deleted: boolean;
}
