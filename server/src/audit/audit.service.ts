import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditEntryDto {
  id: number;
  operatorId: number;
  action: string;
  target: Record<string, string>;
  detail: unknown;
  status: number;
  createdAt: string;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: Omit<AuditEntry, 'id' | 'createdAt'>): Promise<void> {
    await this.db.unit((m) => m.insert(AuditEntry, { ...entry, createdAt: this.clock.now() }));
  }

  /** Newest first; `before` is the last id of the previous page. */
  async list(options: { operatorId?: number; before?: number; limit?: number } = {}): Promise<AuditEntryDto[]> {
    const rows = await this.db.read((m) => m.find(AuditEntry, {
      where: { ...(options.operatorId ? { operatorId: options.operatorId } : {}), ...(options.before ? { id: LessThan(options.before) } : {}) },
      order: { id: 'DESC' }, take: Math.min(options.limit ?? 50, 200),
    }));
    return rows.map((r) => ({
      id: r.id, operatorId: r.operatorId, action: r.action, target: JSON.parse(r.target) as Record<string, string>,
      detail: parse(r.detail), status: r.status, createdAt: r.createdAt.toISOString(),
    }));
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // cut to fit the column
  }
}
