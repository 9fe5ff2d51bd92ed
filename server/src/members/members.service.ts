import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { In, IsNull, MoreThanOrEqual, Not, type Repository } from 'typeorm';
import { maskPhone, type MeDto, type PointsSummary, type Role, shanghaiDay, type TierName } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Db } from '../common/db.js';
import { isUniqueViolation } from '../common/sql.js';
import { Member } from './member.entity.js';

/** Letters and digits without 0/O, 1/I/l: codes are read off posters. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

export interface SignInProfile {
  openid: string;
  unionid?: string | null;
  nickname: string;
}

@Injectable()
export class MembersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Members on the current unit of work's connection (committed data outside one). */
  private get members(): Repository<Member> {
    return this.db.manager.getRepository(Member);
  }


  async get(id: number): Promise<Member> {
    const member = await this.db.findOneBy(Member, { id });
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    return member;
  }

  async byInviteCode(code: string): Promise<Member | null> {
    return this.members.findOneBy({ inviteCode: code });
  }

  async nicknames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.members.find({ where: { id: In(ids) }, select: { id: true, nickname: true } });
    return new Map(rows.map((r) => [r.id, r.nickname]));
  }

  /** The member's short invite code, made on first use (8 characters, no look-alikes). */
  async inviteCode(id: number): Promise<string> {
    const member = await this.get(id);
    if (member.inviteCode) return member.inviteCode;
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
      try {
        await this.db.unit((m) => m.update(Member, { id, inviteCode: IsNull() }, { inviteCode: code }));
        return (await this.get(id)).inviteCode!;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // a rare clash with another member's code: draw again
      }
    }
    throw new Error('could not draw a unique invite code');
  }

  /** Nickname any time; the birthday once (it doubles check-in points in its month). */
  async updateProfile(id: number, changes: { nickname?: string; birthday?: string }): Promise<Member> {
    return this.db.unit(async (m) => {
      const member = await m.findOneBy(Member, { id });
      if (!member) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
      if (changes.birthday !== undefined && (changes.birthday < '1900-01-01' || changes.birthday > shanghaiDay(this.clock.now()))) {
        throw new DomainError('VALIDATION_FAILED', 'birthday must be a past date', [{ field: 'birthday', problems: ['must be a past date'] }]);
      }
      if (changes.birthday !== undefined && member.birthday !== null && member.birthday !== changes.birthday) {
        throw new DomainError('BIRTHDAY_LOCKED', '生日设置后不能修改，如需更正请联系客服');
      }
      const patch: Partial<Member> = { updatedAt: this.clock.now() };
      if (changes.nickname !== undefined) patch.nickname = changes.nickname.trim();
      if (changes.birthday !== undefined) patch.birthday = changes.birthday;
      await m.update(Member, { id }, patch);
      return m.findOneByOrFail(Member, { id });
    });
  }

  async setAvatar(id: number, url: string): Promise<Member> {
    return this.db.unit(async (m) => {
      await m.update(Member, { id }, { avatarUrl: url, updatedAt: this.clock.now() });
      return m.findOneByOrFail(Member, { id });
    });
  }

  async setTier(id: number, tier: TierName): Promise<void> {
    await this.db.unit((m) => m.update(Member, { id }, { tier, updatedAt: this.clock.now() }));
  }

  /** Members above the lowest tier (for the monthly review's downgrades). */
  async tiered(): Promise<{ id: number; tier: TierName }[]> {
    return this.members.find({ where: { tier: Not('normal') }, select: { id: true, tier: true } });
  }

  /** The member's current role and token version, or null when there is no such member. */
  /** Role and token version: one statement, read by the guard (on a cache miss for shoppers). */
  async accessOf(id: number): Promise<{ role: Role; tokenVersion: number } | null> {
    const row = await this.db.one<{ role: Role; token_version: unknown }>('SELECT role, token_version FROM members WHERE id = ?', [id]);
    return row ? { role: row.role, tokenVersion: Number(row.token_version) } : null;
  }

  /** Every token issued to the member so far stops working (sign-out on all devices). */
  async bumpTokenVersion(id: number): Promise<void> {
    await this.db.unit((m) => m.increment(Member, { id }, 'tokenVersion', 1));
  }

  /**
   * The member with this openid, created on first sign-in. Owners listed in OWNER_OPENIDS
   * are promoted here, so the first owner needs no database edit.
   */
  async signIn(profile: SignInProfile): Promise<{ member: Member; created: boolean }> {
    return this.db.unit(async (m) => {
      const repo = m.getRepository(Member);
      const now = this.clock.now();
      let member = await repo.findOneBy({ openid: profile.openid });
      const created = !member;
      if (!member) {
        member = repo.create({
          openid: profile.openid,
          unionid: profile.unionid ?? null,
          nickname: profile.nickname,
          avatarUrl: null,
          role: 'member',
          tier: 'normal',
          tokenVersion: 0,
          createdAt: now,
          updatedAt: now,
        });
      } else if (profile.unionid && member.unionid !== profile.unionid) {
        member.unionid = profile.unionid;
        member.updatedAt = now;
      }
      if (this.config.ownerOpenids.includes(profile.openid) && member.role !== 'owner') {
        member.role = 'owner';
        member.updatedAt = now;
      }
      member = await repo.save(member);
      return { member, created };
    }).catch(async (error: unknown) => {
      // Two first sign-ins of one person raced: the other one created the row.
      if (isUniqueViolation(error)) return { member: await this.members.findOneByOrFail({ openid: profile.openid }), created: false };
      throw error;
    });
  }

  async counts(since: Date): Promise<{ total: number; today: number; operators: number }> {
    const [total, today, operators] = await Promise.all([
      this.members.count(),
      this.members.countBy({ createdAt: MoreThanOrEqual(since) }),
      this.members.countBy({ role: In(['owner', 'operator']) }),
    ]);
    return { total, today, operators };
  }

  toDto(member: Member, points: PointsSummary = { available: 0, pending: 0 }): MeDto {
    return {
      id: member.id,
      nickname: member.nickname,
      avatarUrl: member.avatarUrl,
      role: member.role,
      tier: member.tier,
      points,
      phone: member.phone ? maskPhone(member.phone) : null,
      signedUp: member.signedUpAt !== null,
      birthday: member.birthday,
      joinedAt: member.createdAt.toISOString(),
    };
  }
}
