import { formatYuan } from './rules/money.js';
import { SHANGHAI_OFFSET_MS } from './time.js';

/**
 * Values of a WeChat subscription message (订阅消息) template, made to its field types. WeChat
 * refuses a whole send (47003, naming the field) when one value breaks its type, so every value
 * is formatted and cut here first: by characters (code points), never by bytes, so a Chinese
 * goods title or an emoji is never split mid-character.
 */
export type TemplateFieldType =
  | 'thing' | 'number' | 'letter' | 'symbol' | 'character_string' | 'phrase' | 'name'
  | 'amount' | 'phone_number' | 'date' | 'time';

/** Most characters WeChat takes per type (name: 10 Chinese characters or 20 letters). */
export const FIELD_LIMITS: Record<Exclude<TemplateFieldType, 'date' | 'time' | 'amount'>, number> = {
  thing: 20, number: 32, letter: 32, symbol: 5, character_string: 32, phrase: 5, name: 10, phone_number: 17,
};

/** An amount is given in fen; a date or time as an instant (shown in Shanghai time). */
export type FieldInput = string | number | Date | { fen: number };

const HAN = /\p{Script=Han}/u;

/** The first `max` characters of `text`; a cut text ends with … (counted as one). */
export function cutChars(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

function keep(text: string, allowed: RegExp, max: number): string {
  return [...text].filter((c) => allowed.test(c)).slice(0, max).join('');
}

/** 2026年12月03日, or with the time 2026年12月03日 09:30, in Shanghai time. */
function shanghaiWords(at: Date, withTime: boolean): string {
  const s = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  const day = `${s.slice(0, 4)}年${s.slice(5, 7)}月${s.slice(8, 10)}日`;
  return withTime ? `${day} ${s.slice(11, 16)}` : day;
}

function asDate(input: FieldInput): Date {
  if (input instanceof Date) return input;
  if (typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input)) return new Date(`${input}T00:00:00+08:00`);
  const d = new Date(typeof input === 'object' ? Number.NaN : input);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${String(input)}`);
  return d;
}

/** One field's value as WeChat accepts it for `type`. */
export function fieldValue(type: TemplateFieldType, input: FieldInput): string {
  if (type === 'amount') {
    if (typeof input !== 'object' || input instanceof Date || !Number.isSafeInteger(input.fen)) throw new RangeError('an amount is given as {fen}');
    return `${formatYuan(input.fen)}元`;
  }
  if (type === 'date') return shanghaiWords(asDate(input), false);
  if (type === 'time') return shanghaiWords(asDate(input), true);
  const text = (input instanceof Date || typeof input === 'object' ? '' : String(input)).replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return cutChars(text, FIELD_LIMITS.thing);
    case 'number':
      return keep(text, /[\d.]/, FIELD_LIMITS.number);
    case 'letter':
      return keep(text, /[A-Za-z]/, FIELD_LIMITS.letter);
    case 'symbol':
      return [...text].slice(0, FIELD_LIMITS.symbol).join('');
    case 'character_string':
      return keep(text, /[\x21-\x7e]/, FIELD_LIMITS.character_string);
    case 'phrase':
      return keep(text, HAN, FIELD_LIMITS.phrase);
    case 'name':
      // Ten Chinese characters, or twenty letters when there are none.
      return [...text].some((c) => HAN.test(c)) ? [...text].slice(0, FIELD_LIMITS.name).join('') : [...text].slice(0, 20).join('');
    case 'phone_number':
      return keep(text, /[\d+-]/, FIELD_LIMITS.phone_number);
  }
}

/** A template's `data` for subscribeMessage.send: each field's value made to its type. */
export function templateData(fields: Record<string, TemplateFieldType>, values: Record<string, FieldInput>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, type] of Object.entries(fields)) {
    if (!(key in values)) throw new RangeError(`no value for template field ${key}`);
    out[key] = { value: fieldValue(type, values[key]) };
  }
  return out;
}

/** What a member can be reminded of; each kind may have a WeChat template (else message centre only). */
export const REMINDER_KINDS = ['points_expiring', 'points_arrived', 'checkin', 'coupon_expiring', 'coupon_arrived', 'invite_reward', 'order_shipped', 'mall_code', 'policy'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_LABELS: Record<ReminderKind, string> = {
  points_expiring: '积分过期提醒',
  points_arrived: '积分到账通知',
  checkin: '签到提醒',
  coupon_expiring: '优惠券过期提醒',
  coupon_arrived: '优惠券到账通知',
  invite_reward: '邀请奖励到账',
  order_shipped: '发货通知',
  mall_code: '兑换码到账',
  policy: '积分政策变更通知',
};

/** The values each kind's message can carry; a template's fields each take one of them. */
export const REMINDER_VALUES: Record<ReminderKind, readonly string[]> = {
  points_expiring: ['title', 'points', 'date', 'tip'],
  points_arrived: ['title', 'points', 'balance', 'time', 'tip'],
  checkin: ['title', 'streak', 'points', 'tip'],
  coupon_expiring: ['title', 'coupon', 'date', 'tip'],
  coupon_arrived: ['title', 'coupon', 'date', 'tip'],
  invite_reward: ['title', 'friend', 'points', 'time', 'tip'],
  order_shipped: ['title', 'goods', 'company', 'trackingNo', 'time'],
  mall_code: ['title', 'item', 'time'],
  policy: ['title', 'summary', 'date'],
};

export const TEMPLATE_FIELD_TYPES: readonly TemplateFieldType[] = ['thing', 'number', 'letter', 'symbol', 'character_string', 'phrase', 'name', 'amount', 'phone_number', 'date', 'time'];

/** A kind's WeChat template: its id and, per field key (thing1, number2 …), the type and which value it shows. */
export interface ReminderTemplate {
  templateId: string;
  fields: Record<string, { type: TemplateFieldType; value: string }>;
}

/** wx.requestSubscribeMessage's answer for one template id. */
export type ConsentResult = 'accept' | 'reject' | 'ban' | 'filter';

/** The storefront asks for consent with these ids (kinds without a template are message-centre only). */
export interface ReminderTemplatesDto {
  kinds: { kind: ReminderKind; label: string; templateId: string | null }[];
}

export interface ConsentRequest {
  /** Template id → what the member answered, as wx.requestSubscribeMessage returned it (empty in H5). */
  results: Record<string, ConsentResult>;
  /**
   * The kinds the tapped button offered (「过期前提醒我」 → points_expiring): they are turned on in
   * 消息设置, and `checkin` asks for tomorrow's 09:00 check-in reminder.
   */
  asks?: ReminderKind[];
}

export interface ConsentAnswerDto {
  /** Sends left per configured template id for this member. */
  credits: Record<string, number>;
  /** The Shanghai day a check-in reminder is asked for, or null. */
  checkinReminderOn: string | null;
}

/** A 积分政策变更通知 as an operator writes it: every member gets it in 消息中心. */
export interface PolicyNoticeRequest {
  title: string;
  summary: string;
}

export const POLICY_LIMITS = { title: 20, summary: 300 } as const;

export interface PolicyNoticeDto {
  id: number;
  title: string;
  summary: string;
  /** Members it has reached so far (the fan-out runs in batches). */
  reached: number;
  done: boolean;
  createdAt: string;
  operatorName: string | null;
}

/** 管理 → 消息: what the sender did, per kind and Shanghai day. */
export interface ReminderStatsDto {
  days: {
    day: string;
    kind: ReminderKind;
    /** Notices added to 消息中心. */
    notices: number;
    queued: number;
    sent: number;
    /** No consent left: 消息中心 only. */
    skipped: number;
    /** Queued in quiet hours (22:00–08:00), sent from 08:00. */
    deferred: number;
    failed: number;
    /** errcode → count among the failed and the 43101 skips. */
    errors: Record<string, number>;
  }[];
  lastFailures: { id: number; kind: ReminderKind; memberId: number; errcode: number | null; errmsg: string | null; at: string }[];
  /** Kinds with a WeChat template configured; the others are 消息中心 only. */
  templated: ReminderKind[];
}

/**
 * Templates from config (`WECHAT_SUBSCRIBE_TEMPLATES`, JSON: kind → {id, fields: {key: [type, value]}}),
 * checked: known kinds, known types, values the kind carries. Throws a message naming what is wrong.
 */
export function parseReminderTemplates(json: string | undefined): Partial<Record<ReminderKind, ReminderTemplate>> {
  if (!json || !json.trim()) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('WECHAT_SUBSCRIBE_TEMPLATES is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('WECHAT_SUBSCRIBE_TEMPLATES must be an object of kinds');
  const out: Partial<Record<ReminderKind, ReminderTemplate>> = {};
  for (const [kind, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (!(REMINDER_KINDS as readonly string[]).includes(kind)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: unknown kind ${kind}`);
    const e = entry as { id?: unknown; fields?: unknown };
    if (typeof e?.id !== 'string' || !/^[\w-]{1,64}$/.test(e.id)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES.${kind}.id must be a template id`);
    if (typeof e.fields !== 'object' || e.fields === null) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES.${kind}.fields must map keys to [type, value]`);
    const fields: ReminderTemplate['fields'] = {};
    for (const [key, spec] of Object.entries(e.fields as Record<string, unknown>)) {
      const [type, value] = Array.isArray(spec) ? spec : [];
      if (!/^[a-z_]+\d+$/.test(key)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES.${kind}.fields: ${key} is not a field key like thing1`);
      if (!TEMPLATE_FIELD_TYPES.includes(type)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES.${kind}.fields.${key}: unknown type ${String(type)}`);
      if (!REMINDER_VALUES[kind as ReminderKind].includes(value)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES.${kind}.fields.${key}: ${kind} carries no ${String(value)}`);
      fields[key] = { type, value };
    }
    out[kind as ReminderKind] = { templateId: e.id, fields };
  }
  return out;
}

/** One notice in 消息中心 (every reminder lands here, whether or not a WeChat message went out). */
export interface MessageDto {
  id: number;
  kind: ReminderKind;
  title: string;
  body: string;
  /** The page a tap opens (pages/points/index?filter=expiring), or null. */
  page: string | null;
  read: boolean;
  createdAt: string;
}

export interface MessagesPageDto {
  items: MessageDto[];
  /** Pass as `before` for the next page; null at the end. */
  next: number | null;
  unread: number;
}

/** Kinds that always reach 消息中心, whatever the member's settings (orders and policy notices). */
export const ALWAYS_IN_CENTRE: readonly ReminderKind[] = ['order_shipped', 'mall_code', 'policy'];

/** 消息设置: each kind on or off; off means neither a WeChat message nor a notice (except ALWAYS_IN_CENTRE's notice). */
export interface ReminderSettingsDto {
  kinds: { kind: ReminderKind; label: string; enabled: boolean; alwaysInCentre: boolean }[];
}

export interface ReminderSettingsRequest {
  /** Kind → on (true) or off (false); kinds left out keep their setting. */
  enabled: Partial<Record<ReminderKind, boolean>>;
}

/** WeChat subscription messages wait for 08:00 when due between 22:00 and 08:00 Shanghai time. */
export function afterQuietHours(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= 8 && hour < 22) return at;
  const morning = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + (hour >= 22 ? 1 : 0), 8) - SHANGHAI_OFFSET_MS);
  return morning;
}
