import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { utcDatetime } from '../common/base.entity.js';

/** One operator action; append-only. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'operator_id', type: 'int' })
  operatorId: number;

  /** Method and route, e.g. `POST /api/admin/orders/:id/ship`. */
  @Column({ type: 'varchar', length: 96 })
  action: string;

  /** The route parameters (which order, template, member) as JSON. */
  @Column({ type: 'varchar', length: 255 })
  target: string;

  /** The request body as JSON, personal data masked, cut to fit. */
  @Column({ type: 'varchar', length: 1000 })
  detail: string;

  /** The HTTP status answered: refused attempts are recorded too. */
  @Column({ type: 'int' })
  status: number;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}
