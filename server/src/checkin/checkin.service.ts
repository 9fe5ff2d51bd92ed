import { Injectable } from '@nestjs/common';
import { Between, MoreThanOrEqual } from 'typeorm';
import {
  addDays, type CheckinCalendarDto, type CheckinResultDto, type CheckinRule, checkinReward,
  shanghaiDay, shanghaiMonth, startOfShanghaiDay,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Db } from '../common/db.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { isUniqueViolation, num, sqlTime } from '../common/sql.js';
import { MembersService } from '../members/members.service.js';
import { RulesService } from '../rules/rules.service.js';
import { Checkin } from './checkin.entity.js';


/**
 * Daily check-in (签到): once per Shanghai day, streak bonuses, the birthday month, and
 * make-up check-ins (补签). Points go through the ledger in the same transaction, keyed by
 * member and day, so a double tap or 20 concurrent calls credit once.
 */
@Injectable()
export class CheckinService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesService,
    private readonly ledger: LedgerService,
    private readonly points: LedgerQueries,
    private readonly members: MembersService,
  ) {}

  rule(): Promise<CheckinRule> {
    return this.rules.of('checkin');
  }

  /**
   * The hot path of the day (every member, every morning): a handful of known statements on
   * the driver, no query builder. The first read brings the member's birthday and both days
   * the reward depends on; the first write is the ledger's, which locks the member's account,
   * so concurrent check-ins queue there and the later ones find the day taken.
   */
  async checkIn(memberId: number): Promise<CheckinResultDto> {
    const rule = await this.rule();
    const now = this.clock.now();
    const day = shanghaiDay(now);
    const yesterday = addDays(day, -1);
    const done = await this.db.unit(async () => {
      const { birthday, days } = await this.recent(memberId, day, yesterday);
      const existing = days.get(day);
      if (existing) return { birthday, row: existing, alreadyDone: true };
      const streak = (days.get(yesterday)?.streak ?? 0) + 1;
      const birthdayMonth = inBirthdayMonth(birthday, day);
      const earned = await this.ledger.earn({
        memberId, amount: checkinReward(streak, birthdayMonth, rule), source: 'checkin',
        key: `checkin:${memberId}:${day}`, ref: { type: 'checkin', id: day },
      });
      if (earned.replayed) return { birthday, row: (await this.dayRow(memberId, day))!, alreadyDone: true };
      await this.db.insert('INSERT INTO checkins (member_id, day, kind, streak, birthday_month, points, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [memberId, day, 'normal', streak, birthdayMonth ? 1 : 0, earned.amount, sqlTime(now)]);
      return { birthday, row: { streak, points: earned.amount }, alreadyDone: false };
    }).catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      const { birthday, days } = await this.recent(memberId, day, day);
      return { birthday, row: days.get(day)!, alreadyDone: true };
    });
    const { available } = await this.points.summary(memberId);
    return {
      day,
      streak: done.row.streak,
      points: done.row.points,
      alreadyDone: done.alreadyDone,
      tomorrowPoints: checkinReward(done.row.streak + 1, inBirthdayMonth(done.birthday, addDays(day, 1)), rule),
      available,
    };
  }

  /** The member's birthday and check-ins of the two days, in one statement. */
  private async recent(memberId: number, day: string, before: string): Promise<{ birthday: string | null; days: Map<string, { streak: number; points: number }> }> {
    const rows = await this.db.rows<{ birthday: string | null; day: string | null; streak: unknown; points: unknown }>(
      `SELECT m.birthday, c.day, c.streak, c.points FROM members m
         LEFT JOIN checkins c ON c.member_id = m.id AND c.day IN (?, ?) WHERE m.id = ?`, [day, before, memberId]);
    if (rows.length === 0) throw new DomainError('MEMBER_NOT_FOUND', '会员不存在');
    const days = new Map<string, { streak: number; points: number }>();
    for (const r of rows) if (r.day) days.set(r.day, { streak: num(r.streak), points: num(r.points) });
    return { birthday: rows[0].birthday, days };
  }

  private async dayRow(memberId: number, day: string): Promise<{ streak: number; points: number } | null> {
    const row = await this.db.one<{ streak: unknown; points: unknown }>('SELECT streak, points FROM checkins WHERE member_id = ? AND day = ?', [memberId, day]);
    return row ? { streak: num(row.streak), points: num(row.points) } : null;
  }

  /** 补签: a missed day within the window, for its base points, at a cost in points. */
  async makeUp(memberId: number, day: string): Promise<CheckinResultDto> {
    const rule = await this.rule();
    const now = this.clock.now();
    const today = shanghaiDay(now);
    if (day >= today || day < addDays(today, -rule.makeupWindowDays)) {
      throw new DomainError('CHECKIN_MAKEUP_NOT_ALLOWED', `只能补签过去 ${rule.makeupWindowDays} 天内的日期`);
    }
    const member = await this.members.get(memberId);
    if (day < shanghaiDay(member.createdAt)) {
      throw new DomainError('CHECKIN_MAKEUP_NOT_ALLOWED', '不能补签成为会员之前的日期');
    }
    const row = await this.db.unit(async (m) => {
      if (await m.findOneBy(Checkin, { memberId, day })) throw new DomainError('CHECKIN_ALREADY_DONE', '这一天已经签到过了');
      // Paying first takes the member's ledger lock, so the monthly count below cannot race.
      await this.ledger.spend({ memberId, amount: rule.makeupCost, source: 'makeup', key: `makeup-cost:${memberId}:${day}`, ref: { type: 'checkin', id: day } });
      const monthStart = startOfShanghaiDay(`${shanghaiMonth(now)}-01`);
      const used = await m.countBy(Checkin, { memberId, kind: 'makeup', createdAt: MoreThanOrEqual(monthStart) });
      if (used >= rule.makeupPerMonth) throw new DomainError('CHECKIN_MAKEUP_LIMIT', `每月最多补签 ${rule.makeupPerMonth} 次`);
      const earned = await this.ledger.earn({
        memberId, amount: rule.basePoints, source: 'makeup', key: `makeup:${memberId}:${day}`, ref: { type: 'checkin', id: day },
      });
      const streak = (await this.streakEndingAt(memberId, addDays(day, -1))) + 1;
      const saved = await m.save(m.create(Checkin, {
        memberId, day, kind: 'makeup', streak, birthdayMonth: inBirthdayMonth(member.birthday, day), points: earned.amount, createdAt: now,
      }));
      await this.restreak(memberId, day, streak, today);
      return saved;
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new DomainError('CHECKIN_ALREADY_DONE', '这一天已经签到过了');
      throw error;
    });
    const { available } = await this.points.summary(memberId);
    return { day, streak: row.streak, points: row.points, alreadyDone: false, tomorrowPoints: 0, available };
  }

  async calendar(memberId: number, month?: string): Promise<CheckinCalendarDto> {
    const rule = await this.rule();
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const shown = month ?? shanghaiMonth(now);
    const firstOfWindow = addDays(today, -rule.makeupWindowDays);
    const from = shown < firstOfWindow.slice(0, 7) ? `${shown}-01` : [`${shown}-01`, firstOfWindow].sort()[0];
    const to = [`${shown}-31`, today].sort().at(-1)!;
    const rows = await this.db.read((m) => m.find(Checkin, { where: { memberId, day: Between(from, to) }, order: { day: 'ASC' } }));
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const todayRow = byDay.get(today);
    const streak = todayRow?.streak ?? byDay.get(addDays(today, -1))?.streak ?? 0;
    const monthStart = startOfShanghaiDay(`${shanghaiMonth(now)}-01`);
    const usedThisMonth = await this.db.read((m) => m.countBy(Checkin, { memberId, kind: 'makeup', createdAt: MoreThanOrEqual(monthStart) }));
    const member = await this.members.get(memberId);
    const joined = shanghaiDay(member.createdAt);
    const makeupDays: string[] = [];
    for (let d = 1; d <= rule.makeupWindowDays; d++) {
      const day = addDays(today, -d);
      if (day >= joined && !byDay.has(day)) makeupDays.push(day);
    }
    const birthday = member.birthday;
    const birthdayToday = inBirthdayMonth(birthday, today);
    const birthdayTomorrow = inBirthdayMonth(birthday, addDays(today, 1));
    const streakAfterToday = todayRow ? streak : streak + 1;
    return {
      month: shown,
      today,
      days: rows.filter((r) => r.day.startsWith(shown)).map((r) => ({ day: r.day, kind: r.kind, points: r.points })),
      checkedToday: Boolean(todayRow),
      streak,
      todayPoints: todayRow?.points ?? checkinReward(streak + 1, birthdayToday, rule),
      tomorrowPoints: checkinReward(streakAfterToday + 1, birthdayTomorrow, rule),
      makeup: { cost: rule.makeupCost, leftThisMonth: Math.max(0, rule.makeupPerMonth - usedThisMonth), windowDays: rule.makeupWindowDays },
      rule,
      expiryMonths: (await this.rules.of('ledger')).expiryMonths,
      makeupDays,
    };
  }

  /** Consecutive checked days ending with `day` (0 when `day` is not checked). */
  private async streakEndingAt(memberId: number, day: string): Promise<number> {
    const m = this.db.unitManager;
    const row = await m.findOneBy(Checkin, { memberId, day });
    return row?.streak ?? 0;
  }

  /** After a make-up fills a gap, the days that follow it continue its streak. */
  private async restreak(memberId: number, from: string, streak: number, today: string): Promise<void> {
    const m = this.db.unitManager;
    let day = addDays(from, 1);
    let next = streak + 1;
    while (day <= today) {
      const row = await m.findOneBy(Checkin, { memberId, day });
      if (!row) return;
      await m.update(Checkin, { id: row.id }, { streak: next });
      day = addDays(day, 1);
      next++;
    }
  }
}

function inBirthdayMonth(birthday: string | null, day: string): boolean {
  return birthday !== null && birthday.slice(5, 7) === day.slice(5, 7);
}
