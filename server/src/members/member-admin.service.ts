import { Injectable } from '@nestjs/common';
import { addDays, type AdjustmentDto, type AdjustmentRequest, type AdminMemberDto, type AdminMemberRowDto, maskPhone, type OrderStatus, type Role, shanghaiDay, type TierName } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { escapeLike } from '../catalog/catalog.service.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { AdjustmentsService } from '../ledger/adjustments.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { TagsService } from '../marketing/tags.service.js';

interface MemberRow {
  id: unknown; nickname: string; avatar_url: string | null; role: Role; tier: TierName; phone: string | null; created_at: string | Date;
  available: unknown; pending: unknown;
}

const SELECT = `SELECT m.id, m.nickname, m.avatar_url, m.role, m.tier, m.phone, m.created_at, a.available, a.pending
  FROM members m LEFT JOIN points_accounts a ON a.member_id = m.id`;

/**
 * 管理 → 会员: find a member (id, phone whole or as masked 138****8000, part of the nickname)
 * and see everything about them on one page. Phones are masked everywhere; the full number is
 * shown only on request (a POST, so the audit log records who looked).
 */
@Injectable()
export class MemberAdminService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly points: LedgerQueries,
    private readonly adjustments: AdjustmentsService,
    private readonly tags: TagsService,
  ) {}

  async search(q: string): Promise<AdminMemberRowDto[]> {
    const text = (q ?? '').trim();
    if (!text) return (await this.db.rows<MemberRow>(`${SELECT} ORDER BY m.id DESC LIMIT 20`)).map(toRow);
    if ([...text].length > 30) throw new DomainError('VALIDATION_FAILED', 'q: 搜索词最多 30 个字', { field: 'q' });
    const masked = /^(\d{3})\*{4}(\d{4})$/.exec(text);
    if (masked) {
      return (await this.db.rows<MemberRow>(`${SELECT} WHERE m.phone LIKE ? ORDER BY m.id LIMIT 20`, [`${masked[1]}____${masked[2]}`])).map(toRow);
    }
    const rows = await this.db.rows<MemberRow>(`${SELECT} WHERE m.id = ? OR m.phone = ? OR m.nickname LIKE ? ESCAPE '!' ORDER BY m.id LIMIT 20`,
      [/^\d{1,9}$/.test(text) ? Number(text) : 0, text, `%${escapeLike(text)}%`]);
    return rows.map(toRow);
  }

  async detail(id: number): Promise<AdminMemberDto> {
    const row = await this.db.one<MemberRow>(`${SELECT} WHERE m.id = ?`, [id]);
    if (!row) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const [balance, history, orders, coupons, invites, checkins, last, adjustments, tags] = await Promise.all([
      this.points.balance(id),
      this.points.history(id, { limit: 20 }),
      this.db.rows<{ id: unknown; order_no: string; status: OrderStatus; pay_fen: unknown; points: unknown; created_at: string | Date }>(
        'SELECT id, order_no, status, pay_fen, points, created_at FROM orders WHERE member_id = ? ORDER BY id DESC LIMIT 10', [id]),
      this.db.one<{ available: unknown; used: unknown; expired: unknown }>(
        `SELECT SUM(CASE WHEN state = 'available' AND ends_at >= ? THEN 1 ELSE 0 END) AS available, SUM(CASE WHEN state = 'used' THEN 1 ELSE 0 END) AS used,
                SUM(CASE WHEN state = 'available' AND ends_at < ? THEN 1 ELSE 0 END) AS expired FROM coupons WHERE member_id = ?`, [sqlTime(now), sqlTime(now), id]),
      this.db.one<{ invited: unknown; signed_up: unknown; rewarded: unknown; points: unknown }>(
        `SELECT COUNT(*) AS invited, SUM(CASE WHEN status IN ('signed_up', 'ordered', 'rewarded') THEN 1 ELSE 0 END) AS signed_up,
                SUM(CASE WHEN status = 'rewarded' THEN 1 ELSE 0 END) AS rewarded, SUM(points) AS points FROM invites WHERE inviter_id = ?`, [id]),
      this.db.one<{ n: unknown }>('SELECT COUNT(*) AS n FROM checkins WHERE member_id = ? AND day > ?', [id, addDays(today, -30)]),
      this.db.one<{ day: string; streak: unknown }>('SELECT day, streak FROM checkins WHERE member_id = ? ORDER BY day DESC LIMIT 1', [id]),
      this.adjustments.list({ memberId: id }),
      this.tags.ofMember(id),
    ]);
    const streakAlive = last && (last.day === today || last.day === addDays(today, -1));
    return {
      ...toRow(row),
      available: balance.available, pending: balance.pending, debt: balance.debt, expiring: balance.expiring,
      entries: history.items,
      orders: orders.map((o) => ({ id: num(o.id), orderNo: o.order_no, status: o.status, payFen: num(o.pay_fen), points: num(o.points), createdAt: readTime(o.created_at).toISOString() })),
      coupons: { available: num(coupons?.available), used: num(coupons?.used), expired: num(coupons?.expired) },
      invites: { invited: num(invites?.invited), signedUp: num(invites?.signed_up), rewarded: num(invites?.rewarded), points: num(invites?.points) },
      checkins: { last30Days: num(checkins?.n), lastDay: last?.day ?? null, streak: streakAlive ? num(last!.streak) : 0 },
      adjustments,
      tags,
    };
  }

  /** The whole number, for calling the member back; the POST leaves the operator's name in the audit log. */
  async phone(id: number): Promise<{ phone: string | null }> {
    const row = await this.db.one<{ phone: string | null }>('SELECT phone FROM members WHERE id = ?', [id]);
    if (!row) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    return { phone: row.phone };
  }

  adjust(id: number, input: AdjustmentRequest, operatorId: number): Promise<AdjustmentDto> {
    return this.adjustments.request(id, input, operatorId);
  }
}

function toRow(r: MemberRow): AdminMemberRowDto {
  return {
    id: num(r.id), nickname: r.nickname, avatarUrl: r.avatar_url, role: r.role, tier: r.tier, phone: r.phone ? maskPhone(r.phone) : null,
    available: num(r.available), pending: num(r.pending), joinedAt: readTime(r.created_at).toISOString(),
  };
}
