import { Injectable } from '@nestjs/common';
import { maskPhone, type Role, type StaffMemberDto } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { escapeLike } from '../catalog/catalog.service.js';
import { num, readTime, sqlTime } from '../common/sql.js';

interface MemberRow {
  id: number;
  nickname: string;
  avatar_url: string | null;
  role: Role;
  phone: string | null;
  created_at: string | Date;
}

const COLUMNS = 'id, nickname, avatar_url, role, phone, created_at';

/**
 * Who runs the shop: owners appoint and remove operators and other owners. The role is read
 * from the database on every operator request (AuthGuard), so a change takes effect at once.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Owners, then operators, oldest first. */
  async staff(): Promise<StaffMemberDto[]> {
    const rows = await this.db.rows<MemberRow>(
      `SELECT ${COLUMNS} FROM members WHERE role IN ('owner', 'operator') ORDER BY CASE role WHEN 'owner' THEN 0 ELSE 1 END, id`);
    return rows.map(toDto);
  }

  /** Members found by id, whole phone number or part of the nickname (at most 20). */
  async search(q: string): Promise<StaffMemberDto[]> {
    const text = q.trim();
    if (!text) return [];
    if (text.length > 30) throw new DomainError('VALIDATION_FAILED', 'q: 搜索词最多 30 个字');
    const rows = await this.db.rows<MemberRow>(
      `SELECT ${COLUMNS} FROM members WHERE id = ? OR phone = ? OR nickname LIKE ? ESCAPE '!' ORDER BY id LIMIT 20`,
      [/^\d{1,9}$/.test(text) ? Number(text) : 0, text, `%${escapeLike(text)}%`]);
    return rows.map(toDto);
  }

  /**
   * Sets a member's role. The shop always keeps an owner: taking the role from the last one
   * is refused. The owners' rows are read (and locked on MySQL) in the same unit, so two owners
   * demoting each other at once cannot both succeed.
   */
  async setRole(memberId: number, role: Role): Promise<StaffMemberDto> {
    await this.db.unit(async () => {
      const owners = await this.db.rows<{ id: number }>(`SELECT id FROM members WHERE role = 'owner'${this.db.forUpdate}`);
      const target = await this.db.one<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE id = ?${this.db.forUpdate}`, [memberId]);
      if (!target) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
      if (target.role === role) return;
      if (target.role === 'owner' && owners.length <= 1) {
        throw new DomainError('LAST_OWNER', '店铺至少需要一位店主：请先任命另一位店主');
      }
      await this.db.exec('UPDATE members SET role = ?, updated_at = ? WHERE id = ?', [role, sqlTime(this.clock.now()), memberId]);
    });
    const row = await this.db.one<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE id = ?`, [memberId]);
    return toDto(row!);
  }
}

function toDto(r: MemberRow): StaffMemberDto {
  return {
    id: num(r.id), nickname: r.nickname, avatarUrl: r.avatar_url, role: r.role, phone: r.phone ? maskPhone(r.phone) : null,
    joinedAt: readTime(r.created_at).toISOString(),
  };
}
