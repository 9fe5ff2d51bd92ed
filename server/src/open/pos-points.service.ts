import { Injectable } from '@nestjs/common';
import { type OpenEarnRequest, type OpenPointsResultDto, purchasePoints } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { RulesService } from '../rules/rules.service.js';
import { TiersService } from '../tiers/tiers.service.js';

const bad = (field: string, message: string) => new DomainError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, problems: [message] }]);

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
  ) {}

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
  const int = (field: string) => {
    const n = v[field];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n >= 2 ** 31) throw bad(field, '须为 1 至 2147483647 之间的整数');
    return n;
  };
  const text = (field: string, pattern: RegExp, what: string) => {
    const t = v[field];
    if (typeof t !== 'string' || !pattern.test(t)) throw bad(field, what);
    return t;
  };
  return {
    memberId: int('memberId'), amountFen: int('amountFen'),
    storeId: text('storeId', /^[\w-]{1,32}$/, '门店编号须为 1–32 位字母、数字、- 或 _'),
    posOrderNo: text('posOrderNo', /^[\w-]{1,64}$/, '收银单号须为 1–64 位字母、数字、- 或 _'),
  };
}
