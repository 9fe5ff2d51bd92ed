import { Injectable } from '@nestjs/common';
import {
  type AdminRuleDto, RULE_KEYS, type RuleKey, ruleProblems, type RuleRevertRequest, type RuleUpdateRequest, type RuleVersionDto,
  type ShopRules, wholeRule,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldError } from '../common/errors.js';
import { isUniqueViolation, num } from '../common/sql.js';
import { MembersService } from '../members/members.service.js';
import { merged, RulesService } from './rules.service.js';
import type { Rule } from './rule.entity.js';

/** How far back an effective time may be (clock skew between phone and server), and ahead. */
const PAST_SLACK_MS = 5 * 60_000;
const MAX_AHEAD_MS = 366 * 86_400_000;

/**
 * 管理 → 规则: every rule with what is in force and what is scheduled, its history, edits that
 * must be coherent and based on the newest version, and revert (a new version carrying an
 * older value, so history only grows).
 */
@Injectable()
export class RulesAdminService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesService,
    private readonly members: MembersService,
  ) {}

  async list(): Promise<AdminRuleDto[]> {
    return Promise.all(RULE_KEYS.map((key) => this.one(key)));
  }

  async one<K extends RuleKey>(key: K): Promise<AdminRuleDto<K>> {
    const versions = await this.versions(key);
    const current = versions.find((v) => v.state === 'current') ?? null;
    return {
      key,
      value: current ? current.value : merged(key, null),
      version: current,
      scheduled: versions.filter((v) => v.state === 'scheduled').reverse(),
      // The newest version is the one with the highest id, whatever its effective time.
      head: versions.length === 0 ? null : Math.max(...versions.map((v) => v.id)),
    };
  }

  /** Every version, newest effective first, each with who wrote it. */
  async versions<K extends RuleKey>(key: K): Promise<RuleVersionDto<K>[]> {
    const rows = await this.rules.history(key);
    const names = await this.members.nicknames(rows.map((r) => r.createdBy).filter((id): id is number => id !== null));
    const now = this.clock.now().getTime();
    const currentId = rows.find((r) => r.effectiveFrom.getTime() <= now)?.id;
    return rows.map((r) => ({
      id: r.id,
      key,
      value: merged(key, r),
      effectiveFrom: r.effectiveFrom.toISOString(),
      createdAt: r.createdAt.toISOString(),
      by: r.createdBy === null ? null : names.get(r.createdBy) ?? `#${r.createdBy}`,
      note: r.note,
      state: r.id === currentId ? 'current' : r.effectiveFrom.getTime() > now ? 'scheduled' : 'past',
    }));
  }

  async update<K extends RuleKey>(key: K, input: RuleUpdateRequest<K>, operatorId: number): Promise<AdminRuleDto<K>> {
    const value = await this.checkedDraft(key, input.value);
    const effectiveFrom = this.effectiveTime(input.effectiveFrom);
    await this.write(key, value, { operatorId, note: input.note.trim(), effectiveFrom, base: input.baseVersion });
    return this.one(key);
  }

  /** Puts an earlier version's value back in force now, as a new version. */
  async revert<K extends RuleKey>(key: K, input: RuleRevertRequest, operatorId: number): Promise<AdminRuleDto<K>> {
    const old = (await this.rules.history(key)).find((r) => r.id === input.versionId);
    if (!old) throw new DomainError('NOT_FOUND', '没有这个版本');
    const value = await this.checkedDraft(key, merged(key, old));
    await this.write(key, value, { operatorId, note: `恢复到 #${old.id}：${input.note.trim()}`.slice(0, 255), effectiveFrom: this.clock.now(), base: input.baseVersion });
    return this.one(key);
  }

  private async write<K extends RuleKey>(
    key: K, value: ShopRules[K], by: { operatorId: number; note: string; effectiveFrom: Date; base: number | null },
  ): Promise<Rule> {
    if ((await this.head(key)) !== by.base) throw changed();
    try {
      // The unique (key, base) index settles two saves from the same version that race past the check.
      return await this.rules.set(key, value, { operatorId: by.operatorId, note: by.note, effectiveFrom: by.effectiveFrom, baseId: by.base ?? 0 });
    } catch (error) {
      if (isUniqueViolation(error)) throw changed();
      throw error;
    }
  }

  /** The draft as a whole rule, refused with the first problem's field named (saves and previews). */
  async checkedDraft<K extends RuleKey>(key: K, draft: unknown): Promise<ShopRules[K]> {
    if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) throw fieldError('value', '规则须为对象');
    const value = wholeRule(key, draft as Partial<ShopRules[K]>);
    const problems = ruleProblems(key, value);
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `${problems[0].field}: ${problems[0].message}`, { field: problems[0].field, problems });
    }
    if (key === 'invites') await this.checkTemplate((value as ShopRules['invites']).inviteeTemplateId);
    return value;
  }

  private async checkTemplate(id: number | null): Promise<void> {
    if (id === null) return;
    const row = await this.db.one<{ status: string }>('SELECT status FROM coupon_templates WHERE id = ?', [id]);
    if (!row) throw fieldError('inviteeTemplateId', '优惠券不存在');
    if (row.status !== 'on') throw fieldError('inviteeTemplateId', '该优惠券已停用，请选择发放中的券');
  }

  private effectiveTime(iso: string | undefined): Date {
    const now = this.clock.now();
    if (iso === undefined) return now;
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) throw fieldError('effectiveFrom', '生效时间格式不正确');
    if (at.getTime() < now.getTime() - PAST_SLACK_MS) throw fieldError('effectiveFrom', '生效时间不能早于现在');
    if (at.getTime() > now.getTime() + MAX_AHEAD_MS) throw fieldError('effectiveFrom', '生效时间最多提前一年设定');
    return at < now ? now : at;
  }

  private async head(key: RuleKey): Promise<number | null> {
    const row = await this.db.one<{ id: unknown }>('SELECT MAX(id) AS id FROM rules WHERE rule_key = ?', [key]);
    return row?.id === null || row?.id === undefined ? null : num(row.id);
  }
}

function changed(): DomainError {
  return new DomainError('RULE_CHANGED', '规则已被其他人修改，请刷新后再编辑');
}
