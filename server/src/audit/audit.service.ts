import { Injectable } from '@nestjs/common';
import { addDays, AUDIT_AREAS, type AuditQuery, startOfShanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { fieldError } from '../common/errors.js';
import { sqlTime } from '../common/sql.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditEntryDto {
  id: number;
  operatorId: number;
  /** The operator's nickname now (null if the member is gone). */
  operatorName: string | null;
  /** What the route's :id names, in words: an order number, a goods title, a member's nickname… */
  targetLabel: string | null;
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

  /** Newest first, with any of the filters; `before` is the last id of the previous page. */
  async list(options: AuditQuery = {}): Promise<AuditEntryDto[]> {
    if (options.from && options.to && options.to < options.from) throw fieldError('to', '结束日期不能早于开始日期');
    const rows = await this.db.read((m) => {
      const q = m.createQueryBuilder(AuditEntry, 'a').orderBy('a.id', 'DESC').take(Math.min(options.limit ?? 50, 200));
      if (options.operatorId) q.andWhere('a.operatorId = :operatorId', { operatorId: options.operatorId });
      if (options.before) q.andWhere('a.id < :before', { before: options.before });
      if (options.from) q.andWhere('a.createdAt >= :from', { from: sqlTime(startOfShanghaiDay(options.from)) });
      if (options.to) q.andWhere('a.createdAt < :to', { to: sqlTime(startOfShanghaiDay(addDays(options.to, 1))) });
      const area = AUDIT_AREAS.find((a) => a.key === options.area);
      if (area) {
        // The action is `METHOD /path`: the area's paths, each exactly or with more after a slash.
        const params: Record<string, string> = {};
        const match = area.prefixes.map((p, i) => {
          Object.assign(params, { [`exact${i}`]: `% ${p}`, [`under${i}`]: `% ${p}/%` });
          return `a.action LIKE :exact${i} OR a.action LIKE :under${i}`;
        });
        q.andWhere(`(${match.join(' OR ')})`, params);
      }
      return q.getMany();
    });
    const entries = rows.map((r) => ({ row: r, target: JSON.parse(r.target) as Record<string, string> }));
    const names = await this.db.labels('SELECT id, nickname AS label FROM members WHERE id IN ({ids})', entries.map((e) => e.row.operatorId));
    const targets = new Map<AuditEntry, string>();
    for (const kind of TARGETS) {
      const hits = entries.filter((e) => kind.pattern.test(e.row.action) && /^\d+$/.test(e.target.id ?? ''));
      const labels = await this.db.labels(kind.sql, hits.map((e) => Number(e.target.id)));
      for (const e of hits) {
        const label = labels.get(Number(e.target.id));
        if (label) targets.set(e.row, label);
      }
    }
    return entries.map(({ row: r, target }) => ({
      id: r.id, operatorId: r.operatorId, operatorName: names.get(r.operatorId) ?? null, targetLabel: targets.get(r) ?? null,
      action: r.action, target, detail: parse(r.detail), status: r.status, createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Everyone who has an entry in the log, by name: the choices of the operator filter. */
  async operators(): Promise<{ id: number; name: string }[]> {
    const ids = (await this.db.rows<{ id: unknown }>('SELECT DISTINCT operator_id AS id FROM audit_log')).map((r) => Number(r.id));
    const names = await this.db.labels('SELECT id, nickname AS label FROM members WHERE id IN ({ids})', ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? `#${id}` })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  }
}

/** What an audited route's :id points at, and how to name it. */
const TARGETS: { pattern: RegExp; sql: string }[] = [
  { pattern: /^\w+ \/api\/admin\/orders\/:id/, sql: 'SELECT id, order_no AS label FROM orders WHERE id IN ({ids})' },
  { pattern: /^\w+ \/api\/admin\/catalog\/goods\/:id/, sql: 'SELECT id, title AS label FROM goods WHERE id IN ({ids})' },
  { pattern: /^\w+ \/api\/admin\/catalog\/categories\/:id/, sql: 'SELECT id, name AS label FROM categories WHERE id IN ({ids})' },
  { pattern: /^\w+ \/api\/admin\/catalog\/skus\/:id/, sql: 'SELECT s.id, g.title AS label, s.name AS extra FROM goods_skus s JOIN goods g ON g.id = s.goods_id WHERE s.id IN ({ids})' },
  { pattern: /^\w+ \/api\/admin\/mall\/items\/:id/, sql: 'SELECT id, title AS label FROM mall_items WHERE id IN ({ids})' },
  { pattern: /^\w+ \/api\/admin\/coupons\/templates\/:id/, sql: 'SELECT id, name AS label FROM coupon_templates WHERE id IN ({ids})' },
  { pattern: /^\w+ \/api\/admin\/staff\/:id/, sql: 'SELECT id, nickname AS label FROM members WHERE id IN ({ids})' },
];

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // cut to fit the column
  }
}
