import { Injectable } from '@nestjs/common';
import { maskPhone, type OpenEarnRequest, type OpenMemberDto, type OpenPointsResultDto, type OpenReverseRequest, type OpenSpendRequest, purchasePoints } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldProblem } from '../common/errors.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { RulesService } from '../rules/rules.service.js';
import { TiersService } from '../tiers/tiers.service.js';
import { MemberCodeService } from './member-code.service.js';
import type { OpenCaller } from './open-api.guard.js';


/**
 * Points at a shop's till, through the ledger like every other point: an offline purchase earns
 * as one online would (points per yuan × tier × today's campaigns), idempotent by key, store
 * and POS order number — a repeat, however many at once, is one entry and the first answer.
 */
@Injectable()
export class PosPointsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly points: LedgerQueries,
    private readonly rules: RulesService,
    private readonly tiers: TiersService,
    private readonly campaigns: CampaignsService,
    private readonly codes: MemberCodeService,
  ) {}

  /**
   * A member by a fresh member code (any key) or by phone (keys with members:read only); the
   * phone in the answer is masked unless the key has members:read.
   */
  async lookup(caller: OpenCaller, query: { code?: string; phone?: string }): Promise<OpenMemberDto> {
    const full = caller.scopes.includes('members:read');
    let memberId: number;
    if (query.code !== undefined) {
      const code = this.codes.read(query.code);
      if (!code) throw new DomainError('MEMBER_CODE_INVALID', '会员码无效或已过期，请会员刷新后再扫', { field: 'code' });
      memberId = code.memberId;
    } else if (query.phone !== undefined) {
      if (!full) throw new DomainError('OPEN_API_SCOPE_MISSING', '按手机号查会员需要 members:read 权限', { field: 'phone' });
      if (!/^1\d{10}$/.test(query.phone)) throw fieldProblem('phone', '须为 11 位手机号');
      const row = await this.db.one<{ id: unknown }>('SELECT id FROM members WHERE phone = ?', [query.phone]);
      if (!row) throw new DomainError('MEMBER_NOT_FOUND', '没有该手机号的会员', { field: 'phone' });
      memberId = Number(row.id);
    } else {
      throw fieldProblem('code', '须给出 code（会员码）或 phone');
    }
    const member = await this.db.one<{ nickname: string; tier: string; phone: string | null }>('SELECT nickname, tier, phone FROM members WHERE id = ?', [memberId]);
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    const balance = await this.points.balance(memberId);
    return {
      memberId, nickname: member.nickname, tier: member.tier, phone: member.phone ? (full ? member.phone : maskPhone(member.phone)) : null,
      available: balance.available, pending: balance.pending, expiring: balance.expiring,
    };
  }

  /**
   * 积分抵扣: the member's fresh code is their consent, and spends once. A repeat of the same
   * store and POS order number returns the first answer (before its code, used by the first, is
   * looked at), even when the two arrive together.
   */
  async spend(keyId: string, input: OpenSpendRequest): Promise<OpenPointsResultDto> {
    const v = (input ?? {}) as unknown as Record<string, unknown>;
    const points = positive(v, 'points');
    const storeId = storeOf(v);
    const posOrderNo = orderNoOf(v, 'posOrderNo');
    const key = `pos:${keyId}:${storeId}:${posOrderNo}:spend`;
    const prior = await this.replayOf(key);
    if (prior) return prior;
    const code = this.codes.read(v.memberCode);
    if (!code) throw new DomainError('MEMBER_CODE_INVALID', '会员码无效或已过期，请会员刷新后再扫', { field: 'memberCode' });
    try {
      const r = await this.db.unit(async () => {
        await this.codes.consume(code.memberId, code.step);
        return this.ledger.spend({ memberId: code.memberId, amount: points, source: 'pos', key, ref: { type: 'pos_order', id: `${storeId}:${posOrderNo}` } });
      });
      return { memberId: r.memberId, points: r.amount, available: r.available, replayed: r.replayed };
    } catch (error) {
      // The same request twice at once: the second found the code used by the first.
      const again = error instanceof DomainError && error.code === 'MEMBER_CODE_USED' ? await this.replayOf(key) : null;
      if (again) return again;
      throw error;
    }
  }

  /** 撤销 a POS order's earn or spend, whole or in part, once per refund number, through the ledger. */
  async reverse(keyId: string, input: OpenReverseRequest): Promise<OpenPointsResultDto> {
    const v = (input ?? {}) as unknown as Record<string, unknown>;
    const storeId = storeOf(v);
    const posOrderNo = orderNoOf(v, 'posOrderNo');
    const refundNo = orderNoOf(v, 'refundNo');
    if (v.of !== 'earn' && v.of !== 'spend') throw fieldProblem('of', '须为 earn 或 spend');
    const points = v.points === undefined ? undefined : positive(v, 'points');
    const entryKey = `pos:${keyId}:${storeId}:${posOrderNo}:${v.of}`;
    if (!(await this.db.one('SELECT id FROM points_entries WHERE idempotency_key = ?', [entryKey]))) {
      throw new DomainError('POS_ORDER_NOT_FOUND', `该门店没有收银单 ${posOrderNo} 的${v.of === 'earn' ? '得积分' : '积分抵扣'}记录`, { field: 'posOrderNo' });
    }
    const r = await this.ledger.reverse({
      key: `${entryKey}:reverse:${refundNo}`, entryKey, amount: points, reason: `门店退款 ${refundNo}`, ref: { type: 'pos_refund', id: `${storeId}:${refundNo}` },
    });
    return { memberId: r.memberId, points: r.amount, available: r.available, replayed: r.replayed };
  }

  /** The first answer to a key already used, or null. */
  private async replayOf(key: string): Promise<OpenPointsResultDto | null> {
    const row = await this.db.one<{ member_id: unknown; amount: unknown; available_after: unknown }>(
      'SELECT member_id, amount, available_after FROM points_entries WHERE idempotency_key = ?', [key]);
    return row ? { memberId: Number(row.member_id), points: Number(row.amount), available: Number(row.available_after), replayed: true } : null;
  }

  async earn(keyId: string, input: OpenEarnRequest): Promise<OpenPointsResultDto> {
    const { memberId, amountFen, storeId, posOrderNo } = checked(input);
    const member = await this.db.one<{ tier: string }>('SELECT tier FROM members WHERE id = ?', [memberId]);
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在', { field: 'memberId' });
    const tier = (await this.tiers.table()).find((t) => t.name === member.tier);
    const boost = await this.campaigns.boost(this.clock.now());
    const { pointsPerYuan } = await this.rules.of('earn');
    const points = purchasePoints(amountFen, tier?.multiplierPct ?? 100, boost.multiplierPct, pointsPerYuan);
    if (points === 0) return { memberId, points: 0, available: (await this.points.summary(memberId)).available, replayed: false };
    const result = await this.ledger.earn({
      memberId, amount: points, source: 'pos', key: `pos:${keyId}:${storeId}:${posOrderNo}:earn`, ref: { type: 'pos_order', id: `${storeId}:${posOrderNo}` },
    });
    return { memberId, points: result.amount, available: result.available, replayed: result.replayed };
  }
}

function checked(input: OpenEarnRequest): OpenEarnRequest {
  const v = (input ?? {}) as unknown as Record<string, unknown>;
  return { memberId: positive(v, 'memberId'), amountFen: positive(v, 'amountFen'), storeId: storeOf(v), posOrderNo: orderNoOf(v, 'posOrderNo') };
}

/** A whole number in 1 … 2³¹−1 (fen, points, an id). */
function positive(v: Record<string, unknown>, field: string): number {
  const n = v[field];
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n >= 2 ** 31) throw fieldProblem(field, '须为 1 至 2147483647 之间的整数');
  return n;
}

function storeOf(v: Record<string, unknown>): string {
  const t = v.storeId;
  if (typeof t !== 'string' || !/^[\w-]{1,32}$/.test(t)) throw fieldProblem('storeId', '门店编号须为 1–32 位字母、数字、- 或 _');
  return t;
}

/** A POS order or refund number: 1–64 of [A-Za-z0-9_-]. */
function orderNoOf(v: Record<string, unknown>, field: string): string {
  const t = v[field];
  if (typeof t !== 'string' || !/^[\w-]{1,64}$/.test(t)) throw fieldProblem(field, '单号须为 1–64 位字母、数字、- 或 _');
  return t;
}
