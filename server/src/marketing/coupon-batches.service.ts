import { randomInt, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  CHURN_AT_RISK, type CouponBatchDto, type CreateBatchRequest, type CreateWinbackRequest, holdoutSize, permilleOf, type WinbackResultDto, winbackUplift,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldProblem } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { CouponsService, StockMoved } from '../coupons/coupons.service.js';
import { Events } from '../events/events.service.js';
import { Jobs } from '../jobs/jobs.service.js';
import { RulesService } from '../rules/rules.service.js';
import { TagsService } from './tags.service.js';

/** Members issued to per unit: one short transaction each, a few statements for all of them. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

interface BatchRow {
  id: unknown; kind: 'targeted' | 'winback'; template_id: unknown; tag_id: unknown; status: 'sending' | 'done'; audience: unknown; holdout: unknown;
  holdout_pct: unknown; measure_days: unknown; issued: unknown; skipped: unknown; created_by: unknown; created_at: string | Date; finished_at: string | Date | null;
}


/**
 * 定向发券 and 流失挽回. A batch takes its audience when it is sent — a tag's members, or the
 * at-risk list less a random hold-out — into coupon_batch_members, then a leased job issues to
 * them in chunks: each chunk one unit in which CouponsService issues to the chunk (issue key
 * batch:<id>:<member>, the per-member limit, the template's total) and its members are marked done.
 * A restart resumes at the first member still pending: nobody twice, nobody skipped.
 */
@Injectable()
export class CouponBatchesService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    private readonly events: Events,
    private readonly rules: RulesService,
    private readonly tags: TagsService,
    private readonly coupons: CouponsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'marketing.batches', everyMinutes: 1, leaseMs: 10 * 60_000, run: async () => `issued to ${await this.sendAll()}` });
  }

  /** How many a send to the tag would reach now. */
  async preview(tagId: number): Promise<{ audience: number }> {
    await this.tags.get(tagId);
    const row = await this.db.one<{ n: unknown }>('SELECT COUNT(*) AS n FROM member_tags WHERE tag_id = ?', [tagId]);
    return { audience: num(row?.n) };
  }

  /** A targeted batch to a tag's members; the same Idempotency-Key returns the first batch. */
  async targeted(input: CreateBatchRequest, operatorId: number, key?: string): Promise<CouponBatchDto> {
    const prior = await this.byKey(`targeted:${key}`, key);
    if (prior) return prior;
    const tagId = positiveId(input.tagId, 'tagId');
    const templateId = positiveId(input.templateId, 'templateId');
    await this.tags.get(tagId);
    await this.coupons.assertIssuable(templateId);
    const id = await this.db.unit(async () => {
      const batchId = await this.insertBatch({ kind: 'targeted', templateId, tagId, holdoutPct: 0, days: null, operatorId, key: `targeted:${key ?? randomUUID()}` });
      const audience = await this.db.exec(`INSERT INTO coupon_batch_members (batch_id, member_id, state) SELECT ?, member_id, 'pending' FROM member_tags WHERE tag_id = ?`, [batchId, tagId]);
      if (audience === 0) throw new DomainError('AUDIENCE_EMPTY', '该分群 / 标签下暂无会员', { field: 'tagId' });
      await this.db.exec('UPDATE coupon_batches SET audience = ? WHERE id = ?', [audience, batchId]);
      return batchId;
    });
    return this.get(id);
  }

  /**
   * 一键挽回: the win-back coupon to 流失预警's at-risk members, except a random hold-out
   * (exactly holdoutPct% of them, by a crypto shuffle) who get nothing, to compare against.
   */
  async winback(input: CreateWinbackRequest, operatorId: number, key?: string): Promise<CouponBatchDto> {
    const prior = await this.byKey(`winback:${key}`, key);
    if (prior) return prior;
    const rule = await this.rules.of('segments');
    const templateId = positiveId(input.templateId, 'templateId');
    const holdoutPct = input.holdoutPct ?? rule.winbackHoldoutPct;
    if (!Number.isSafeInteger(holdoutPct) || holdoutPct < 0 || holdoutPct > 50) throw fieldProblem('holdoutPct', '对照组比例须为 0–50 的整数（%）');
    const days = input.days ?? rule.winbackDays;
    if (!Number.isSafeInteger(days) || days < 1 || days > 180) throw fieldProblem('days', '观察天数须为 1–180 的整数');
    await this.coupons.assertIssuable(templateId);
    const ids = (await this.db.rows<{ member_id: unknown }>('SELECT member_id FROM member_churn WHERE score >= ? ORDER BY member_id', [CHURN_AT_RISK])).map((r) => num(r.member_id));
    if (ids.length === 0) throw new DomainError('AUDIENCE_EMPTY', '暂无流失风险的会员', { field: 'templateId' });
    for (let i = ids.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    const held = holdoutSize(ids.length, holdoutPct);
    if (held === ids.length) throw fieldProblem('holdoutPct', `对照组比例过高：${ids.length} 位会员都会被留作对照，没有人收到券`);
    const id = await this.db.unit(async () => {
      const batchId = await this.insertBatch({ kind: 'winback', templateId, tagId: null, holdoutPct, days, operatorId, key: `winback:${key ?? randomUUID()}` });
      await this.db.insertMany('coupon_batch_members', ids.map((m, i) => ({ batch_id: batchId, member_id: m, state: i < held ? 'held' : 'pending' })));
      await this.db.exec('UPDATE coupon_batches SET audience = ?, holdout = ? WHERE id = ?', [ids.length - held, held, batchId]);
      return batchId;
    });
    return this.get(id);
  }

  /** Works through every batch still sending; returns how many members it handled. */
  async sendAll(): Promise<number> {
    let handled = 0;
    for (;;) {
      const next = await this.db.one<{ id: unknown }>("SELECT id FROM coupon_batches WHERE status = 'sending' ORDER BY id LIMIT 1");
      if (!next) return handled;
      for (let n; (n = await this.sendChunk(num(next.id))) > 0;) handled += n;
    }
  }

  /** Issues to the next chunk of the batch's pending members; 0 once none is left (the batch is then done). */
  async sendChunk(batchId: number): Promise<number> {
    try {
      return await this.db.unit(() => this.chunk(batchId, false));
    } catch (error) {
      if (!(error instanceof StockMoved)) throw error;
      return this.db.unit(() => this.chunk(batchId, true));
    }
  }

  async list(): Promise<CouponBatchDto[]> {
    return this.dtos(await this.db.rows<BatchRow>(`${SELECT_BATCH} ORDER BY id DESC LIMIT 50`));
  }

  async get(id: number): Promise<CouponBatchDto> {
    const rows = await this.db.rows<BatchRow>(`${SELECT_BATCH} WHERE id = ?`, [id]);
    if (rows.length === 0) throw new DomainError('BATCH_NOT_FOUND', '发券记录不存在');
    return (await this.dtos(rows))[0];
  }

  private async chunk(batchId: number, lockTemplate: boolean): Promise<number> {
    const batch = await this.db.one<{ template_id: unknown; status: string }>(`SELECT template_id, status FROM coupon_batches WHERE id = ?${this.db.forUpdate}`, [batchId]);
    if (!batch || batch.status !== 'sending') return 0;
    const members = (await this.db.rows<{ member_id: unknown }>(
      `SELECT member_id FROM coupon_batch_members WHERE batch_id = ? AND state = 'pending' ORDER BY member_id LIMIT ${CHUNK}`, [batchId])).map((r) => num(r.member_id));
    const now = this.clock.now();
    const at = sqlTime(now);
    if (members.length === 0) {
      await this.db.exec("UPDATE coupon_batches SET status = 'done', finished_at = ?, updated_at = ? WHERE id = ?", [at, at, batchId]);
      return 0;
    }
    const taken = await this.coupons.issueMany({
      templateId: num(batch.template_id), memberIds: members, key: (m) => `batch:${batchId}:${m}`, channel: 'targeted', batchId, lockTemplate,
    });
    if (taken.length > 0) {
      await this.db.exec(`UPDATE coupon_batch_members SET state = 'issued' WHERE batch_id = ? AND member_id IN (${taken.map(() => '?').join(', ')})`, [batchId, ...taken]);
      await this.events.emit('coupon.batch_sent', { batchId, fromMemberId: members[0], toMemberId: members[members.length - 1], at: now.toISOString() });
    }
    const skipped = members.length - taken.length;
    if (skipped > 0) {
      await this.db.exec(`UPDATE coupon_batch_members SET state = 'skipped' WHERE batch_id = ? AND state = 'pending' AND member_id IN (${members.map(() => '?').join(', ')})`,
        [batchId, ...members]);
    }
    await this.db.exec('UPDATE coupon_batches SET issued = issued + ?, skipped = skipped + ?, updated_at = ? WHERE id = ?', [taken.length, skipped, at, batchId]);
    return members.length;
  }

  /** Starts sending now rather than at the next tick (the job's lease keeps it to one sender). */
  startSending(): void {
    setImmediate(() => void this.jobs.runNow('marketing.batches').catch(() => undefined));
  }

  private async byKey(requestKey: string, key: string | undefined): Promise<CouponBatchDto | null> {
    if (!key) return null;
    const row = await this.db.one<{ id: unknown }>('SELECT id FROM coupon_batches WHERE request_key = ?', [requestKey]);
    return row ? this.get(num(row.id)) : null;
  }

  private insertBatch(b: { kind: 'targeted' | 'winback'; templateId: number; tagId: number | null; holdoutPct: number; days: number | null; operatorId: number; key: string }): Promise<number> {
    const at = sqlTime(this.clock.now());
    return this.db.insert(`INSERT INTO coupon_batches (kind, template_id, tag_id, status, audience, holdout, holdout_pct, measure_days, issued, skipped, request_key, created_by, finished_at, created_at, updated_at)
       VALUES (?, ?, ?, 'sending', 0, 0, ?, ?, 0, 0, ?, ?, NULL, ?, ?)`, [b.kind, b.templateId, b.tagId, b.holdoutPct, b.days, b.key.slice(0, 80), b.operatorId, at, at]);
  }

  private async dtos(rows: BatchRow[]): Promise<CouponBatchDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => num(r.id));
    const list = ids.map(() => '?').join(', ');
    const used = new Map((await this.db.rows<{ batch_id: unknown; n: unknown }>(
      `SELECT batch_id, COUNT(*) AS n FROM coupons WHERE batch_id IN (${list}) AND state = 'used' GROUP BY batch_id`, ids)).map((r) => [num(r.batch_id), num(r.n)]));
    const gmv = new Map((await this.db.rows<{ batch_id: unknown; fen: unknown }>(
      // Only used coupons have a paid order; naming the state lets the (batch_id, state) index lead the join.
      `SELECT c.batch_id, SUM(o.pay_fen - o.refunded_fen) AS fen FROM coupons c JOIN orders o ON o.coupon_id = c.id
        WHERE c.batch_id IN (${list}) AND c.state = 'used' AND o.paid_at IS NOT NULL GROUP BY c.batch_id`, ids)).map((r) => [num(r.batch_id), num(r.fen)]));
    const templates = await this.db.labels('SELECT id, name AS label FROM coupon_templates WHERE id IN ({ids})', rows.map((r) => num(r.template_id)));
    const tags = await this.db.labels('SELECT id, name AS label FROM tags WHERE id IN ({ids})', rows.flatMap((r) => (r.tag_id === null ? [] : [num(r.tag_id)])));
    const names = await this.db.labels('SELECT id, nickname AS label FROM members WHERE id IN ({ids})', rows.flatMap((r) => (r.created_by === null ? [] : [num(r.created_by)])));
    return Promise.all(rows.map(async (r): Promise<CouponBatchDto> => {
      const id = num(r.id);
      const issued = num(r.issued);
      const u = used.get(id) ?? 0;
      const fen = gmv.get(id) ?? 0;
      return {
        id, kind: r.kind, templateId: num(r.template_id), templateName: templates.get(num(r.template_id)) ?? '（已删除）',
        tagId: r.tag_id === null ? null : num(r.tag_id), tagName: r.tag_id === null ? null : tags.get(num(r.tag_id)) ?? null,
        status: r.status, audience: num(r.audience), holdout: num(r.holdout), holdoutPct: num(r.holdout_pct), issued, skipped: num(r.skipped),
        used: u, useRatePermille: permilleOf(u, issued), gmvFen: fen, gmvPerCouponFen: issued > 0 ? Math.floor(fen / issued) : 0,
        createdBy: r.created_by === null ? null : names.get(num(r.created_by)) ?? null,
        createdAt: readTime(r.created_at).toISOString(), finishedAt: r.finished_at ? readTime(r.finished_at).toISOString() : null,
        winback: r.kind === 'winback' ? await this.result(id, readTime(r.created_at), num(r.measure_days)) : null,
      };
    }));
  }

  /**
   * Who came back: members of each arm with a paid order (not refunded in full) within `days`
   * of the send. Treated means offered (intention to treat), whether or not a limit skipped them.
   */
  private async result(batchId: number, sentAt: Date, days: number): Promise<WinbackResultDto> {
    const endsAt = new Date(sentAt.getTime() + days * DAY_MS);
    const rows = await this.db.rows<{ held: unknown; members: unknown; returned: unknown }>(
      `SELECT CASE WHEN b.state = 'held' THEN 1 ELSE 0 END AS held, COUNT(*) AS members,
              SUM(CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.member_id = b.member_id AND o.paid_at >= ? AND o.paid_at < ? AND o.status <> 'refunded') THEN 1 ELSE 0 END) AS returned
         FROM coupon_batch_members b WHERE b.batch_id = ? GROUP BY CASE WHEN b.state = 'held' THEN 1 ELSE 0 END`, [sqlTime(sentAt), sqlTime(endsAt), batchId]);
    const arm = (held: number) => {
      const r = rows.find((x) => num(x.held) === held);
      const members = num(r?.members);
      const returned = num(r?.returned);
      return { members, returned, ratePermille: permilleOf(returned, members) };
    };
    const treated = arm(0);
    const holdout = arm(1);
    return { days, endsAt: endsAt.toISOString(), final: this.clock.now() >= endsAt, treated, holdout, uplift: winbackUplift(treated, holdout) };
  }
}

const SELECT_BATCH = `SELECT id, kind, template_id, tag_id, status, audience, holdout, holdout_pct, measure_days, issued, skipped, created_by, created_at, finished_at FROM coupon_batches`;

function positiveId(v: unknown, field: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < 1 || (v as number) >= 2 ** 31) throw fieldProblem(field, '须为正整数编号');
  return v as number;
}
