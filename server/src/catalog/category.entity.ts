import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';
import { intBoolean } from '../common/int-boolean.js';

@Entity('categories')
export class Category extends BaseEntity {
  @Column({ type: 'varchar', length: 32 })
  name: string;

  /** Image path under the H5/weapp static assets. */
  @Column({ type: 'varchar', length: 255 })
  icon: string;

  @Column({ type: 'int', default: 0 })
  sort: number;

  /** Hidden from shoppers, with its goods. */
  @Column({ type: 'int', default: 0, transformer: intBoolean })
  hidden: boolean;
}
