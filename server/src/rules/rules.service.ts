import { Injectable } from '@nestjs/common';
import { LessThanOrEqual, type Repository } from 'typeorm';
import { DEFAULT_RULES, type RuleKey, type ShopRules } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { Rule } from './rule.entity.js';

/** How long a rule read is reused; a change reaches every server within this. */
const CACHE_MS = 5_000;

/**
 * The shop's rules (points, tiers, check-in, invites, expiry…) with their history: a change is
 * a new row, never an update, so what applied at any time can be answered. Every reader on
 * the server takes rules from here. Values are merged over the defaults in shared, so a new
 * field needs no migration.
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

  /** The rule in force now. */
  async of<K extends RuleKey>(key: K): Promise<ShopRules[K]> {
    const now = this.clock.now();
    const hit = this.cache.get(key);
    if (hit && now.getTime() - hit.at < CACHE_MS && now.getTime() >= hit.at) return hit.value as ShopRules[K];
    const row = await this.inForce(key, now);
    const value = merged(key, row);
    this.cache.set(key, { value, at: now.getTime() });
    return value;
  }

  /** The version in force at a time, or null while the defaults apply. */
  inForce(key: RuleKey, at: Date): Promise<Rule | null> {
    return this.rules.findOne({ where: { key, effectiveFrom: LessThanOrEqual(at) }, order: { effectiveFrom: 'DESC', id: 'DESC' } });
  }

  /** Writes a version (partial values are merged over the defaults when read). */
  async set<K extends RuleKey>(
    key: K,
    value: Partial<ShopRules[K]>,
    by: { operatorId: number | null; note?: string; effectiveFrom?: Date; baseId?: number },
  ): Promise<Rule> {
    const now = this.clock.now();
    const row = await this.db.unit((m) =>
      m.save(m.create(Rule, {
        key,
        value: JSON.stringify(value),
        effectiveFrom: by.effectiveFrom ?? now,
        createdBy: by.operatorId,
        baseId: by.baseId ?? null,
        note: by.note ?? null,
        createdAt: now,
      })),
    );
    this.cache.delete(key);
    return row;
  }

  /** Every version of a rule, newest effective first. */
  async history(key: RuleKey): Promise<Rule[]> {
    return this.rules.find({ where: { key }, order: { effectiveFrom: 'DESC', id: 'DESC' } });
  }

  /** Forgets cached reads, for a test that moved the clock past a scheduled version. */
  forget(): void {
    this.cache.clear();
  }
}

/** A stored version's value over the defaults. */
export function merged<K extends RuleKey>(key: K, row: Pick<Rule, 'value'> | null): ShopRules[K] {
  return { ...DEFAULT_RULES[key], ...(row ? (JSON.parse(row.value) as Partial<ShopRules[K]>) : {}) };
}
