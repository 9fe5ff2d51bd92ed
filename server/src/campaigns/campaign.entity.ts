import { Column, Entity } from 'typeorm';
import type { CampaignKind } from '@jifen/shared';
import { BaseEntity } from '../common/base.entity.js';

/** One points campaign: ×N on orders, or extra points on chosen goods, over Shanghai days. */
@Entity('campaigns')
export class Campaign extends BaseEntity {
  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  kind: CampaignKind;

  @Column({ name: 'multiplier_pct', type: 'int', default: 100 })
  multiplierPct: number;

  @Column({ name: 'bonus_points', type: 'int', default: 0 })
  bonusPoints: number;

  /** JSON number[]. */
  @Column({ name: 'goods_ids', type: 'varchar', length: 1000, default: '[]' })
  goodsIds: string;

  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'varchar', length: 10 })
  endsOn: string;

  /** JSON number[], 1 = Monday … 7 = Sunday. */
  @Column({ type: 'varchar', length: 40, default: '[]' })
  weekdays: string;

  /** JSON number[]. */
  @Column({ name: 'days_of_month', type: 'varchar', length: 120, default: '[]' })
  daysOfMonth: string;

  @Column({ type: 'varchar', length: 4, default: 'on' })
  status: 'on' | 'off';

  @Column({ type: 'int', default: 1 })
  version: number;
}
