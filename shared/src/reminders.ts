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
