import { Column, Entity, PrimaryColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

@Entity('job_leases')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  owner: string | null;

  @Column({ ...utcDatetime, name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ ...utcDatetime, name: 'last_run_at', nullable: true })
  lastRunAt: Date | null;

  @Column({ name: 'last_result', type: 'varchar', length: 255, nullable: true })
  lastResult: string | null;
}
