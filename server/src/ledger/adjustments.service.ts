import { Injectable } from '@nestjs/common';
import { ADJUSTMENT_REASON_MAX, type AdjustmentDto, type AdjustmentRequest, type AdjustmentStatus } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldError } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { RulesService } from '../rules/rules.service.js';
import { LedgerService } from './ledger.service.js';

interface Row {
  id: unknown; member_id: unknown; amount: unknown; reason: string; status: AdjustmentStatus; requested_by: unknown; requested_at: string | Date;
  decided_by: unknown; decided_at: string | Date | null; note: string | null;
}

const MAX = 2 ** 31 - 1;

/**
 * Operators' point adjustments (调整积分). Up to the ledger rule's approval line they move the
 * points at once; beyond it they wait for an owner, who approves (the points move then, once:
 * the request's id is the ledger key) or rejects; nobody approves their own. Each one is a row
 * here and, once applied, one `adjust` entry with the operator and reason in the ledger.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly rules: RulesService,
  ) {}

  async request(memberId: number, input: AdjustmentRequest, operatorId: number): Promise<AdjustmentDto> {
    const amount = input.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount === 0) throw fieldError('amount', '调整积分须为非零整数');
    if (Math.abs(amount) > MAX) throw fieldError('amount', '调整积分超出范围');
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!reason) throw fieldError('reason', '请填写调整原因');
    if ([...reason].length > ADJUSTMENT_REASON_MAX) throw fieldError('reason', `原因最多 ${ADJUSTMENT_REASON_MAX} 个字`);
    if (!(await this.db.one('SELECT id FROM members WHERE id = ?', [memberId]))) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    const { adjustApprovalAbove } = await this.rules.of('ledger');
    const now = sqlTime(this.clock.now());
    const id = await this.db.unit(async () => {
      const direct = Math.abs(amount) <= adjustApprovalAbove;
      const id = await this.db.insert(
        `INSERT INTO points_adjustments (member_id, amount, reason, status, requested_by, requested_at, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [memberId, amount, reason, direct ? 'applied' : 'pending', operatorId, now, direct ? operatorId : null, direct ? now : null]);
      if (direct) await this.apply(id, memberId, amount, reason, operatorId);
      return id;
    });
    return (await this.find(id))!;
  }

  /** An owner's yes: the points move now, once. */
  async approve(id: number, ownerId: number, note?: string): Promise<AdjustmentDto> {
    await this.db.unit(async () => {
      const row = await this.pending(id);
      if (num(row.requested_by) === ownerId) throw new DomainError('SELF_APPROVAL', '不能审批自己提交的调整，请另一位店主审批');
      await this.apply(id, num(row.member_id), num(row.amount), row.reason, ownerId);
      await this.decide(id, 'approved', ownerId, note);
    });
    return (await this.find(id))!;
  }

  async reject(id: number, ownerId: number, note?: string): Promise<AdjustmentDto> {
    await this.db.unit(async () => {
      await this.pending(id);
      await this.decide(id, 'rejected', ownerId, note);
    });
    return (await this.find(id))!;
  }

  async list(filter: { status?: AdjustmentStatus; memberId?: number } = {}): Promise<AdjustmentDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.memberId) {
      where.push('member_id = ?');
      params.push(filter.memberId);
    }
    const rows = await this.db.rows<Row>(`SELECT * FROM points_adjustments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT 50`, params);
    return this.toDtos(rows);
  }

  private async find(id: number): Promise<AdjustmentDto | undefined> {
    return (await this.toDtos(await this.db.rows<Row>('SELECT * FROM points_adjustments WHERE id = ?', [id])))[0];
  }

  /** The request, locked, if it still waits for a decision. */
  private async pending(id: number): Promise<Row> {
    const row = await this.db.one<Row>(`SELECT * FROM points_adjustments WHERE id = ?${this.db.forUpdate}`, [id]);
    if (!row) throw new DomainError('ADJUSTMENT_NOT_FOUND', '没有这条调整申请');
    if (row.status !== 'pending') throw new DomainError('ADJUSTMENT_DECIDED', '这条调整申请已处理过了');
    return row;
  }

  private async apply(id: number, memberId: number, amount: number, reason: string, operatorId: number): Promise<void> {
    const result = await this.ledger.adjust({ memberId, amount, operatorId, reason, key: `adjust:${id}` });
    await this.db.exec('UPDATE points_adjustments SET entry_id = ? WHERE id = ?', [result.entryId, id]);
  }

  private async decide(id: number, status: AdjustmentStatus, by: number, note?: string): Promise<void> {
    const text = typeof note === 'string' ? note.trim().slice(0, 200) : '';
    await this.db.exec('UPDATE points_adjustments SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?',
      [status, by, sqlTime(this.clock.now()), text || null, id]);
  }

  private async toDtos(rows: Row[]): Promise<AdjustmentDto[]> {
    const names = await this.db.labels('SELECT id, nickname AS label FROM members WHERE id IN ({ids})',
      rows.flatMap((r) => [num(r.member_id), num(r.requested_by), num(r.decided_by)]).filter((n) => n > 0));
    return rows.map((r) => ({
      id: num(r.id), memberId: num(r.member_id), memberName: names.get(num(r.member_id)) ?? '', amount: num(r.amount), reason: r.reason, status: r.status,
      requestedBy: names.get(num(r.requested_by)) ?? null, requestedAt: readTime(r.requested_at).toISOString(),
      decidedBy: r.decided_by === null ? null : names.get(num(r.decided_by)) ?? null, decidedAt: r.decided_at === null ? null : readTime(r.decided_at).toISOString(),
      note: r.note,
    }));
  }
}
