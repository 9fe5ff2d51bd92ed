import { Column, PrimaryGeneratedColumn } from 'typeorm';

/** Millisecond UTC datetimes on both databases (the mysql connection runs with timezone Z). */
export const utcDatetime = { type: 'datetime', precision: 3 } as const;

/** id, createdAt and updatedAt; times are set from the Clock by services, not by the database. */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;

  @Column({ ...utcDatetime, name: 'updated_at' })
  updatedAt: Date;
}
