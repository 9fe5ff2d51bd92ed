import { Injectable } from '@nestjs/common';
import { type CreateTagRequest, type MemberTagDto, type SegmentKey, type TagDto, type TagKind, type TagRule, tagRuleLabel, TIER_ORDER, type TierName } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldProblem } from '../common/errors.js';
import { isUniqueViolation, num, readTime, sqlTime } from '../common/sql.js';
import { RulesService } from '../rules/rules.service.js';

interface TagRow {
  id: unknown; name: string; kind: TagKind; segment_key: SegmentKey | null; rule: string | null; member_count: unknown; counted_at: string | Date | null;
}

/** Member ids per window while a rule tag is filled: bounded memory at any shop size. */
const WINDOW = 20_000;
/** Ids per DELETE … IN (…). */
const PAGE_WRITE = 500;
const MAX_MANUAL = 10_000;


/**
 * 标签: the RFM groups (system tags the nightly job fills), operators' manual tags (on a
 * member's page or in bulk from a list) and rule tags (filled from the rule when created and
 * again each night). Each tag keeps its member count, changed in the unit that changes its
 * members, so counting a tag never scans its members.
 */
@Injectable()
export class TagsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesService,
  ) {}

  async list(): Promise<TagDto[]> {
    const rows = await this.db.rows<TagRow>(
      "SELECT id, name, kind, segment_key, rule, member_count, counted_at FROM tags ORDER BY CASE WHEN kind = 'segment' THEN 0 ELSE 1 END, id");
    return this.dtos(rows);
  }

  async get(id: number): Promise<TagDto> {
    const row = await this.db.one<TagRow>('SELECT id, name, kind, segment_key, rule, member_count, counted_at FROM tags WHERE id = ?', [id]);
    if (!row) throw new DomainError('TAG_NOT_FOUND', '标签不存在');
    return (await this.dtos([row]))[0];
  }

  /** A manual tag, or a rule tag filled at once from its rule. */
  async create(input: CreateTagRequest, operatorId: number): Promise<TagDto> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length === 0 || [...name].length > 16) throw fieldProblem('name', '标签名须为 1–16 个字');
    const rule = input.rule ? await this.checkRule(input.rule) : null;
    const now = sqlTime(this.clock.now());
    // One unit: a rule that fails to fill leaves no empty tag behind.
    const id = await this.db.unit(async () => {
      let tagId: number;
      try {
        tagId = await this.db.insert('INSERT INTO tags (name, kind, segment_key, rule, member_count, counted_at, created_by, created_at, updated_at) VALUES (?, ?, NULL, ?, 0, NULL, ?, ?, ?)',
          [name, rule ? 'rule' : 'manual', rule ? JSON.stringify(rule) : null, operatorId, now, now]);
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('TAG_NAME_TAKEN', `已有名为「${name}」的标签`, { field: 'name' });
        throw error;
      }
      if (rule) await this.fill(tagId, rule);
      return tagId;
    });
    return this.get(id);
  }

  /** Removes an operator's tag and its members (the RFM groups stay). */
  async remove(id: number): Promise<{ removed: number }> {
    const tag = await this.get(id);
    if (tag.kind === 'segment') throw new DomainError('TAG_NOT_MANUAL', '系统分群不能删除');
    return this.db.unit(async () => {
      await this.db.exec('DELETE FROM member_tags WHERE tag_id = ?', [id]);
      return { removed: await this.db.exec('DELETE FROM tags WHERE id = ?', [id]) };
    });
  }

  /** Puts a manual tag on members (unknown ids and those who have it are skipped); returns how many got it. */
  async tag(id: number, memberIds: unknown): Promise<{ added: number; members: number }> {
    const ids = memberIdList(memberIds);
    await this.manual(id);
    return this.db.unit(async () => {
      const known = (await this.db.rows<{ id: unknown }>(`SELECT id FROM members WHERE id IN (${ids.map(() => '?').join(', ')})`, ids)).map((r) => num(r.id));
      const at = sqlTime(this.clock.now());
      const added = await this.db.insertMany('member_tags', known.map((m) => ({ tag_id: id, member_id: m, created_at: at })), this.db.insertOrIgnore);
      await this.db.exec('UPDATE tags SET member_count = member_count + ?, updated_at = ? WHERE id = ?', [added, at, id]);
      return { added, members: num((await this.db.one<{ n: unknown }>('SELECT member_count AS n FROM tags WHERE id = ?', [id]))?.n) };
    });
  }

  async untag(id: number, memberId: number): Promise<{ removed: number }> {
    await this.manual(id);
    return this.db.unit(async () => {
      const removed = await this.db.exec('DELETE FROM member_tags WHERE tag_id = ? AND member_id = ?', [id, memberId]);
      await this.db.exec('UPDATE tags SET member_count = member_count - ?, updated_at = ? WHERE id = ?', [removed, sqlTime(this.clock.now()), id]);
      return { removed };
    });
  }

  /** A member's tags, the RFM group first. */
  async ofMember(memberId: number): Promise<MemberTagDto[]> {
    const rows = await this.db.rows<{ id: unknown; name: string; kind: TagKind }>(
      `SELECT t.id, t.name, t.kind FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = ?
        ORDER BY CASE WHEN t.kind = 'segment' THEN 0 ELSE 1 END, t.id`, [memberId]);
    return rows.map((r) => ({ id: num(r.id), name: r.name, kind: r.kind }));
  }

  /** Refills every rule tag from its rule (the nightly job); returns how many tags. */
  async refillRuleTags(): Promise<number> {
    const rows = await this.db.rows<{ id: unknown; rule: string }>("SELECT id, rule FROM tags WHERE kind = 'rule' ORDER BY id");
    for (const r of rows) await this.fill(num(r.id), JSON.parse(r.rule) as TagRule);
    return rows.length;
  }

  /**
   * The tag's members become exactly those the rule selects now, in one unit. The selection is
   * read a window of member ids at a time (plain reads: no locks on the ledger or orders; each
   * window a range on the source's member index, so the whole fill reads each row once) and
   * compared with the tag's members in the same window: only who joined or left is written, so
   * a nightly refill of a stable tag writes little however many members it holds.
   */
  private async fill(id: number, rule: TagRule): Promise<void> {
    const [sql, params, key] = await this.selection(rule);
    await this.db.unit(async () => {
      const at = sqlTime(this.clock.now());
      const top = num((await this.db.one<{ id: unknown }>('SELECT MAX(id) AS id FROM members'))?.id);
      let count = 0;
      for (let lo = 0; lo <= top; lo += WINDOW) {
        // The last window reaches past every id, so a tag row for a member since gone leaves too.
        const hi = lo + WINDOW > top ? 2 ** 31 : lo + WINDOW;
        const page = (await this.db.rows<{ member_id: unknown }>(`${sql} AND ${key} > ? AND ${key} <= ?`, [...params, lo, hi])).map((r) => num(r.member_id));
        const held = new Set((await this.db.rows<{ member_id: unknown }>('SELECT member_id FROM member_tags WHERE tag_id = ? AND member_id > ? AND member_id <= ?',
          [id, lo, hi])).map((r) => num(r.member_id)));
        const selected = new Set(page);
        const gone = [...held].filter((m) => !selected.has(m));
        for (let i = 0; i < gone.length; i += PAGE_WRITE) {
          const part = gone.slice(i, i + PAGE_WRITE);
          await this.db.exec(`DELETE FROM member_tags WHERE tag_id = ? AND member_id IN (${part.map(() => '?').join(', ')})`, [id, ...part]);
        }
        await this.db.insertMany('member_tags', page.filter((m) => !held.has(m)).map((m) => ({ tag_id: id, member_id: m, created_at: at })));
        count += selected.size;
      }
      await this.db.exec('UPDATE tags SET member_count = ?, counted_at = ?, updated_at = ? WHERE id = ?', [count, at, at, id]);
    });
  }

  /** The SELECT of member_id a rule stands for, ending in a WHERE the caller extends by the key column. */
  private async selection(rule: TagRule): Promise<[string, unknown[], string]> {
    switch (rule.kind) {
      case 'bought_category': {
        const since = sqlTime(new Date(this.clock.now().getTime() - rule.days * 86_400_000));
        return [`SELECT DISTINCT o.member_id AS member_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                 WHERE l.category_id = ? AND o.paid_at >= ? AND o.status <> 'refunded'`, [rule.categoryId, since], 'o.member_id'];
      }
      case 'tier_at_least': {
        const tiers = TIER_ORDER.slice(TIER_ORDER.indexOf(rule.tier));
        return [`SELECT id AS member_id FROM members WHERE tier IN (${tiers.map(() => '?').join(', ')})`, tiers, 'id'];
      }
      case 'balance_at_least':
        return ['SELECT member_id FROM points_accounts WHERE available >= ?', [rule.points], 'member_id'];
    }
  }

  /** The rule as stored: only known kinds and fields, a category that exists. */
  private async checkRule(raw: unknown): Promise<TagRule> {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const int = (field: string, min: number, max: number): number => {
      const v = r[field];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw fieldProblem(`rule.${field}`, `须为 ${min}–${max} 的整数`);
      return v;
    };
    switch (r.kind) {
      case 'bought_category': {
        const categoryId = int('categoryId', 1, 2 ** 31 - 1);
        if (!(await this.db.one('SELECT id FROM categories WHERE id = ?', [categoryId]))) throw fieldProblem('rule.categoryId', `分类 ${categoryId} 不存在`);
        return { kind: 'bought_category', categoryId, days: int('days', 1, 730) };
      }
      case 'tier_at_least':
        if (!TIER_ORDER.includes(r.tier as TierName)) throw fieldProblem('rule.tier', `等级须为 ${TIER_ORDER.join('、')} 之一`);
        return { kind: 'tier_at_least', tier: r.tier as TierName };
      case 'balance_at_least':
        return { kind: 'balance_at_least', points: int('points', 1, 2 ** 31 - 1) };
      default:
        throw fieldProblem('rule.kind', '规则须为 bought_category、tier_at_least 或 balance_at_least');
    }
  }

  private async manual(id: number): Promise<void> {
    const tag = await this.get(id);
    if (tag.kind !== 'manual') throw new DomainError('TAG_NOT_MANUAL', tag.kind === 'segment' ? '系统分群由每晚的计算决定，不能手动修改' : '规则标签由规则决定，不能手动修改');
  }

  private async dtos(rows: TagRow[]): Promise<TagDto[]> {
    const parsed = rows.map((r) => ({ r, rule: r.rule ? (JSON.parse(r.rule) as TagRule) : null }));
    const categoryIds = parsed.flatMap(({ rule }) => (rule?.kind === 'bought_category' ? [rule.categoryId] : []));
    const categories = await this.db.labels('SELECT id, name AS label FROM categories WHERE id IN ({ids})', categoryIds);
    const { tiers } = await this.rules.of('tiers');
    return parsed.map(({ r, rule }) => ({
      id: num(r.id), name: r.name, kind: r.kind, segmentKey: r.segment_key, rule,
      ruleLabel: rule ? tagRuleLabel(rule, {
        category: rule.kind === 'bought_category' ? categories.get(rule.categoryId) : undefined,
        tier: rule.kind === 'tier_at_least' ? tiers.find((t) => t.name === rule.tier)?.label : undefined,
      }) : null,
      members: num(r.member_count), countedAt: r.counted_at ? readTime(r.counted_at).toISOString() : null,
    }));
  }
}

/** 1–10,000 distinct member ids. */
function memberIdList(raw: unknown): number[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_MANUAL || !raw.every((v) => Number.isSafeInteger(v) && (v as number) > 0 && (v as number) < 2 ** 31)) {
    throw fieldProblem('memberIds', `须为 1–${MAX_MANUAL} 个会员编号`);
  }
  return [...new Set(raw as number[])];
}
