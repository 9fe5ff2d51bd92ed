import { couponLabel, type CouponTemplateStatsDto, type RuleKey, type ShopRules, type TierRule } from '@jifen/shared';
import { parseWhole } from '../../utils/format';

/** A rule as typed: every field a string by its path (`basePoints`, `tiers.1.minGrowth`, `streakBonuses.3`). */
export type Draft = Record<string, string>;

export const RULE_TITLES: Record<RuleKey, string> = {
  earn: '消费得积分',
  tiers: '会员等级',
  checkin: '签到',
  signup: '新人礼',
  invites: '邀请有礼',
  ledger: '有效期与风控',
  segments: '会员分群与挽回',
  shop: '店铺信息',
};

/** Rules about points, listed on 积分规则; 店铺信息 has its own card on the 管理 home. */
export const POINTS_RULE_KEYS = ['earn', 'tiers', 'checkin', 'signup', 'invites', 'ledger', 'segments'] as const satisfies readonly RuleKey[];

/** The text fields of a rule (only 店铺信息 has them). */
export const TEXT_FIELDS: Partial<Record<RuleKey, { field: string; label: string; placeholder: string; maxlength: number }[]>> = {
  shop: [
    { field: 'name', label: '运营者名称', placeholder: '如：上海林记商贸有限公司', maxlength: 40 },
    { field: 'contact', label: '联系方式', placeholder: '客服电话或邮箱，用于隐私与售后', maxlength: 60 },
    { field: 'privacyEffectiveOn', label: '隐私政策生效日期', placeholder: 'YYYY-MM-DD', maxlength: 10 },
  ],
};

/** The plain number fields of each rule, in the order the form shows them. */
export const NUMBER_FIELDS: Record<RuleKey, { field: string; label: string; unit: string }[]> = {
  earn: [{ field: 'pointsPerYuan', label: '每消费 1 元得', unit: '积分（再乘等级与活动倍数）' }],
  tiers: [],
  checkin: [
    { field: 'basePoints', label: '每日签到', unit: '积分' },
    { field: 'cycleDays', label: '连签周期', unit: '天' },
    { field: 'birthdayMonthPct', label: '生日月签到', unit: '%（200 = 翻倍）' },
    { field: 'makeupCost', label: '补签消耗', unit: '积分 / 次' },
    { field: 'makeupPerMonth', label: '每月可补签', unit: '次' },
    { field: 'makeupWindowDays', label: '可补签最近', unit: '天' },
  ],
  signup: [{ field: 'giftPoints', label: '绑定手机号得', unit: '积分' }],
  invites: [
    { field: 'signupPoints', label: '好友注册，邀请人得', unit: '积分' },
    { field: 'orderPoints', label: '好友首单，邀请人得', unit: '积分' },
    { field: 'monthlyCap', label: '每月最多奖励', unit: '位好友' },
    { field: 'attributionDays', label: '链接有效', unit: '天' },
  ],
  ledger: [
    { field: 'expiryMonths', label: '积分有效期', unit: '个月' },
    { field: 'dailyCap', label: '每日非消费积分上限', unit: '积分' },
    { field: 'flagSingleEntry', label: '单笔超过即预警', unit: '积分' },
    { field: 'flagMultipleOfUsual', label: '超过平常的', unit: '倍即预警' },
    { field: 'adjustApprovalAbove', label: '手动调整超过', unit: '积分需店主审批' },
  ],
  segments: [
    { field: 'newDays', label: '新客：注册', unit: '天内' },
    { field: 'activeDays', label: '高价值：最近', unit: '天内下过单' },
    { field: 'highValueOrders', label: '且一年内至少', unit: '单' },
    { field: 'highValueYuan', label: '且一年内消费至少', unit: '元' },
    { field: 'sleepingDays', label: '沉睡：超过', unit: '天未下单' },
    { field: 'winbackHoldoutPct', label: '挽回对照组', unit: '%（不发券，用于衡量效果）' },
    { field: 'winbackDays', label: '挽回效果观察', unit: '天' },
  ],
  shop: [],
};

const TIER_FIELDS = ['label', 'minGrowth', 'multiplierPct', 'mallDiscountPct'] as const;

export function toDraft<K extends RuleKey>(key: K, value: ShopRules[K]): Draft {
  const v = value as unknown as Record<string, unknown>;
  const d: Draft = {};
  for (const { field } of NUMBER_FIELDS[key]) d[field] = String(v[field]);
  if (key === 'tiers') {
    (v.tiers as TierRule[]).forEach((t, i) => TIER_FIELDS.forEach((f) => (d[`tiers.${i}.${f}`] = String(t[f]))));
  }
  if (key === 'checkin') {
    for (const [day, points] of Object.entries(v.streakBonuses as Record<string, number>)) d[`streakBonuses.${day}`] = String(points);
  }
  if (key === 'invites') d.inviteeTemplateId = v.inviteeTemplateId === null ? '' : String(v.inviteeTemplateId);
  for (const { field } of TEXT_FIELDS[key] ?? []) d[field] = String(v[field] ?? '');
  return d;
}

/** The draft as the rule the server will check (the same checks run here first, in ruleProblems). */
export function fromDraft<K extends RuleKey>(key: K, d: Draft, base: ShopRules[K]): ShopRules[K] {
  const out: Record<string, unknown> = { ...(base as unknown as Record<string, unknown>) };
  for (const { field } of NUMBER_FIELDS[key]) out[field] = parseWhole(d[field]);
  if (key === 'tiers') {
    out.tiers = (base as ShopRules['tiers']).tiers.map((t, i) => ({
      name: t.name, label: (d[`tiers.${i}.label`] ?? '').trim(),
      minGrowth: parseWhole(d[`tiers.${i}.minGrowth`]), multiplierPct: parseWhole(d[`tiers.${i}.multiplierPct`]), mallDiscountPct: parseWhole(d[`tiers.${i}.mallDiscountPct`]),
    }));
  }
  if (key === 'checkin') {
    const bonuses: Record<number, number> = {};
    const cycle = parseWhole(d.cycleDays);
    for (let day = 1; day <= (Number.isNaN(cycle) ? 0 : Math.min(cycle, 31)); day++) {
      const text = (d[`streakBonuses.${day}`] ?? '').trim();
      if (text !== '' && text !== '0') bonuses[day] = parseWhole(text);
    }
    out.streakBonuses = bonuses;
  }
  if (key === 'invites') out.inviteeTemplateId = d.inviteeTemplateId ? Number(d.inviteeTemplateId) : null;
  for (const { field } of TEXT_FIELDS[key] ?? []) out[field] = (d[field] ?? '').trim();
  return out as unknown as ShopRules[K];
}

/** An instant as Shanghai wall time, 「12月3日 19:48」. */
export function when(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
}

const pct = (p: number) => `${p / 100}`;

/** 「邀请好礼 满50减10」, or the name with its rule when the name does not say it. */
export function templateName(t: CouponTemplateStatsDto): string {
  const label = couponLabel(t);
  return t.name.includes(label) ? t.name : `${t.name} · ${label}`;
}

/** Coupons an invite may give: those on (and the one chosen, even if since stopped), invite coupons first. */
export function inviteChoices(templates: readonly CouponTemplateStatsDto[], chosen: number | null): CouponTemplateStatsDto[] {
  return templates.filter((t) => t.status === 'on' || t.id === chosen)
    .sort((a, b) => Number(b.channel === 'invite') - Number(a.channel === 'invite') || a.id - b.id);
}

/** The rule in a few lines, as the 规则 list shows it. */
export function ruleSummary<K extends RuleKey>(key: K, value: ShopRules[K], templates: readonly CouponTemplateStatsDto[] = []): string[] {
  switch (key) {
    case 'earn': {
      const v = value as ShopRules['earn'];
      return [`每消费 1 元得 ${v.pointsPerYuan} 积分`, '再乘会员等级倍数与活动倍数'];
    }
    case 'tiers':
      return (value as ShopRules['tiers']).tiers.map((t) =>
        `${t.label}：成长值 ${t.minGrowth} 起 · 积分 ×${pct(t.multiplierPct)}${t.mallDiscountPct ? ` · 商城少 ${t.mallDiscountPct}%` : ''}`);
    case 'checkin': {
      const v = value as ShopRules['checkin'];
      const bonuses = Object.entries(v.streakBonuses).map(([day, p]) => `第 ${day} 天 +${p}`).join('、');
      return [`每日 ${v.basePoints} 积分，${v.cycleDays} 天一轮${bonuses ? `，${bonuses}` : ''}`, `补签 ${v.makeupCost} 积分 / 次，每月 ${v.makeupPerMonth} 次，最近 ${v.makeupWindowDays} 天`];
    }
    case 'signup':
      return [`绑定手机号得 ${(value as ShopRules['signup']).giftPoints} 积分`];
    case 'invites': {
      const v = value as ShopRules['invites'];
      const t = templates.find((x) => x.id === v.inviteeTemplateId);
      const coupon = v.inviteeTemplateId === null ? '好友不得券' : t ? `好友得「${templateName(t)}」${t.status === 'on' ? '' : '（已停用，不会发放）'}` : `好友得券 #${v.inviteeTemplateId}`;
      return [`好友注册 +${v.signupPoints}，首单 +${v.orderPoints}；${coupon}`, `每月最多 ${v.monthlyCap} 位，链接 ${v.attributionDays} 天内有效`];
    }
    case 'ledger': {
      const v = value as ShopRules['ledger'];
      return [`积分 ${v.expiryMonths} 个月后到期；每日非消费积分至多 ${v.dailyCap}`, `单笔 ≥ ${v.flagSingleEntry} 或超平常 ${v.flagMultipleOfUsual} 倍时预警`, `手动调整超过 ${v.adjustApprovalAbove} 积分需店主审批`];
    }
    case 'segments': {
      const v = value as ShopRules['segments'];
      return [`新客：注册 ${v.newDays} 天内；高价值：${v.activeDays} 天内下单且一年 ≥ ${v.highValueOrders} 单、≥ ¥${v.highValueYuan}`,
        `沉睡：超过 ${v.sleepingDays} 天未下单`, `挽回留 ${v.winbackHoldoutPct}% 对照组，观察 ${v.winbackDays} 天`];
    }
    case 'shop': {
      const v = value as ShopRules['shop'];
      return [`运营者：${v.name || '未填写'}`, `联系方式：${v.contact || '未填写'}`, `隐私政策生效：${v.privacyEffectiveOn || '未填写'}`];
    }
  }
  return [];
}
