import { Injectable } from '@nestjs/common';
import { LessThanOrEqual, type Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { Rule } from './rule.entity.js';

/** How long a rule read is reused; a change reaches every server within this. */
const CACHE_MS = 5_000;

/**
 * Operator-editable rules (points, caps, expiry, check-in…) with their history: a change is
 * a new row, never an update, so what applied at any time can be answered. Values are
 * merged over the code's defaults, so a new field needs no migration.
 */
@Injectable()
export class RulesService {
  private readonly cache = new Map<string, { value: unknown; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private get rules(): Repository<Rule> {
    return this.db.manager.getRepository(Rule);
  }

  async get<T extends object>(key: string, defaults: T): Promise<T> {
    const now = this.clock.now();
    const hit = this.cache.get(key);
    if (hit && now.getTime() - hit.at < CACHE_MS && now.getTime() >= hit.at) return hit.value as T;
    const row = await this.rules.findOne({
      where: { key, effectiveFrom: LessThanOrEqual(now) },
      order: { effectiveFrom: 'DESC', id: 'DESC' },
    });
    const value = { ...defaults, ...(row ? (JSON.parse(row.value) as Partial<T>) : {}) };
    this.cache.set(key, { value, at: now.getTime() });
    return value;
  }

  async set<T extends object>(key: string, value: T, by: { operatorId: number | null; note?: string; effectiveFrom?: Date }): Promise<void> {
    const now = this.clock.now();
    await this.db.unit((m) =>
      m.save(m.create(Rule, {
        key,
        value: JSON.stringify(value),
        effectiveFrom: by.effectiveFrom ?? now,
        createdBy: by.operatorId,
        note: by.note ?? null,
        createdAt: now,
      })),
    );
    this.cache.delete(key);
  }

  async history(key: string): Promise<Rule[]> {
    return this.rules.find({ where: { key }, order: { effectiveFrom: 'DESC', id: 'DESC' } });
  }
}
