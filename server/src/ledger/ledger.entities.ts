import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EntryKind, EntrySource } from '@jifen/shared';
import { utcDatetime } from '../common/base.entity.js';

/**
 * The ledger's tables. LedgerService writes them with explicit SQL (row locks, conditional
 * updates); these classes map them for reads and for tests.
 */

@Entity('points_accounts')
export class PointsAccount {
  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  available: number;

  @Column({ type: 'int' })
  pending: number;

  @Column({ type: 'int' })
  debt: number;

  @Column({ name: 'earned_count', type: 'int' })
  earnedCount: number;

  @Column({ name: 'earned_total', type: 'bigint' })
  earnedTotal: string;

  @Column({ ...utcDatetime, name: 'updated_at' })
  updatedAt: Date;
}

@Entity('points_entries')
export class PointsEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: EntryKind;

  @Column({ type: 'varchar', length: 16 })
  source: EntrySource;

  @Column({ type: 'int' })
  amount: number;

  @Column({ name: 'pending_delta', type: 'int' })
  pendingDelta: number;

  @Column({ name: 'available_after', type: 'int' })
  availableAfter: number;

  @Column({ name: 'pending_after', type: 'int' })
  pendingAfter: number;

  @Column({ name: 'debt_after', type: 'int' })
  debtAfter: number;

  @Column({ name: 'ref_type', type: 'varchar', length: 32 })
  refType: string;

  @Column({ name: 'ref_id', type: 'varchar', length: 64 })
  refId: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey: string;

  @Column({ name: 'reverses_entry_id', type: 'int', nullable: true })
  reversesEntryId: number | null;

  @Column({ name: 'operator_id', type: 'int', nullable: true })
  operatorId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  reason: string | null;

  @Column({ ...utcDatetime, name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}

@Entity('points_lots')
export class PointsLot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'int' })
  remaining: number;

  @Column({ ...utcDatetime, name: 'expires_at' })
  expiresAt: Date;
}

@Entity('points_allocations')
export class PointsAllocation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @Column({ name: 'lot_id', type: 'int' })
  lotId: number;

  /** Taken from the lot (positive) or given back to it by a reversal (negative). */
  @Column({ type: 'int' })
  amount: number;
}

@Entity('points_holds')
export class PointsHold {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @Column({ type: 'varchar', length: 16 })
  source: EntrySource;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'int' })
  remaining: number;

  @Column({ ...utcDatetime, name: 'updated_at' })
  updatedAt: Date;
}

@Entity('points_flags')
export class PointsFlag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @Column({ type: 'varchar', length: 255 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'open' | 'cleared' | 'clawed_back';

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ ...utcDatetime, name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  @Column({ ...utcDatetime, name: 'created_at' })
  createdAt: Date;
}

export const LEDGER_ENTITIES = [PointsAccount, PointsEntry, PointsLot, PointsAllocation, PointsHold, PointsFlag];
