import { Injectable, type OnModuleInit } from '@nestjs/common';
import { rfmSegment, type SegmentKey } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { RulesService } from '../rules/rules.service.js';
import { TagsService } from './tags.service.js';

const BATCH = 1_000;
const DAY_MS = 86_400_000;

/**
 * 会员分群: each night at 03:30 Shanghai (after 流失预警 has scored, leased, a batch of members
 * at a time by id) every member is placed in one RFM group from their orders of the last
 * 365 days and their churn score; the rule tags are refilled and every group counted.
 */
@Injectable()
export class SegmentsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    private readonly rules: RulesService,
    private readonly tags: TagsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'marketing.segments', dailyAtMinute: 3 * 60 + 30, leaseMs: 30 * 60_000,
      run: async (now) => {
        const placed = await this.place(now);
        return `placed ${placed}, refilled ${await this.tags.refillRuleTags()} rule tags`;
      },
    });
  }

  /** Places every member in their group; returns how many. */
  async place(now = this.clock.now()): Promise<number> {
    const rule = await this.rules.of('segments');
    const segmentTags = new Map((await this.db.rows<{ id: unknown; segment_key: SegmentKey }>("SELECT id, segment_key FROM tags WHERE kind = 'segment'"))
      .map((r) => [r.segment_key, num(r.id)]));
    const tagIds = [...segmentTags.values()];
    const since365 = sqlTime(new Date(now.getTime() - 365 * DAY_MS));
    const at = sqlTime(now);
    let placed = 0;
    for (let after = 0; ;) {
      const members = await this.db.rows<{ id: unknown; created_at: string | Date }>(`SELECT id, created_at FROM members WHERE id > ? ORDER BY id LIMIT ${BATCH}`, [after]);
      if (members.length === 0) break;
      const ids = members.map((m) => num(m.id));
      const list = ids.map(() => '?').join(', ');
      const orders = new Map((await this.db.rows<{ member_id: unknown; n: unknown; fen: unknown; last_at: string | Date | null }>(
        `SELECT member_id, COUNT(*) AS n, SUM(pay_fen - refunded_fen) AS fen, MAX(paid_at) AS last_at FROM orders
          WHERE member_id IN (${list}) AND paid_at >= ? AND status <> 'refunded' GROUP BY member_id`, [...ids, since365])).map((r) => [num(r.member_id), r]));
      const churn = new Map((await this.db.rows<{ member_id: unknown; score: unknown; last_order_at: string | Date | null }>(
        `SELECT member_id, score, last_order_at FROM member_churn WHERE member_id IN (${list})`, ids)).map((r) => [num(r.member_id), r]));
      const rows = members.map((m) => {
        const id = num(m.id);
        const o = orders.get(id);
        const c = churn.get(id);
        const last = o?.last_at ?? c?.last_order_at ?? null;
        const key = rfmSegment({
          joinedDaysAgo: Math.floor((now.getTime() - readTime(m.created_at).getTime()) / DAY_MS),
          daysSinceOrder: last ? Math.floor((now.getTime() - readTime(last).getTime()) / DAY_MS) : null,
          orders365: num(o?.n), spent365Fen: num(o?.fen), churnScore: num(c?.score),
        }, rule);
        return { tag_id: segmentTags.get(key)!, member_id: id, created_at: at };
      });
      await this.db.unit(async () => {
        await this.db.exec(`DELETE FROM member_tags WHERE tag_id IN (${tagIds.map(() => '?').join(', ')}) AND member_id IN (${list})`, [...tagIds, ...ids]);
        await this.db.insertMany('member_tags', rows);
      });
      placed += ids.length;
      after = ids[ids.length - 1];
    }
    await this.db.unit(async () => {
      const counts = new Map((await this.db.rows<{ tag_id: unknown; n: unknown }>(
        `SELECT tag_id, COUNT(*) AS n FROM member_tags WHERE tag_id IN (${tagIds.map(() => '?').join(', ')}) GROUP BY tag_id`, tagIds)).map((r) => [num(r.tag_id), num(r.n)]));
      for (const id of tagIds) await this.db.exec('UPDATE tags SET member_count = ?, counted_at = ?, updated_at = ? WHERE id = ?', [counts.get(id) ?? 0, at, at, id]);
    });
    return placed;
  }
}
