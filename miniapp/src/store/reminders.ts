import Taro from '@tarojs/taro';
import type { ReminderKind, ReminderTemplatesDto } from '@jifen/shared';
import { getReminderTemplates, postConsent } from '../api/reminders';
import { platform } from '../platform';

/** WeChat takes at most 3 template ids per request (newer docs say 5; 3 works everywhere). */
const MAX_PER_ASK = 3;

let templates: ReminderTemplatesDto | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads which template each kind asks for. Done ahead of the tap: wx.requestSubscribeMessage
 * must be called within the tap itself, with nothing awaited first.
 */
export function preloadReminderTemplates(): void {
  if (templates || loading) return;
  loading = getReminderTemplates().then((t) => {
    templates = t;
  }, () => undefined).finally(() => {
    loading = null;
  });
}

export function templateIdsFor(kinds: readonly ReminderKind[]): string[] {
  const ids = kinds.map((kind) => templates?.kinds.find((k) => k.kind === kind)?.templateId).filter((id): id is string => !!id);
  return [...new Set(ids)].slice(0, MAX_PER_ASK);
}

export interface AskAnswer {
  /** WeChat messages allowed in this tap (0 in H5 or when refused: 消息中心 still reminds). */
  accepted: number;
  checkinReminderOn: string | null;
}

/**
 * A reminder button's tap (「过期前提醒我」, 「明天提醒我签到」…): asks WeChat for the kinds'
 * templates, then tells the server what was answered and which kinds were offered, which
 * turns them on in 消息设置. Says what will happen in a toast; null when the server refused.
 */
export async function askReminders(kinds: readonly ReminderKind[], done: string): Promise<AskAnswer | null> {
  const results = await platform.requestSubscribe(templateIdsFor(kinds));
  try {
    const answer = await postConsent({ results, asks: [...kinds] });
    const accepted = Object.values(results).filter((r) => r === 'accept').length;
    void Taro.showToast({ title: accepted > 0 ? `${done}，将通过微信通知你` : `${done}，届时在消息中心通知你`, icon: 'none' });
    return { accepted, checkinReminderOn: answer.checkinReminderOn };
  } catch {
    return null;
  }
}
