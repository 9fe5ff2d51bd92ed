import type {
  ConsentAnswerDto, ConsentRequest, MessagesPageDto, PolicyNoticeDto, PolicyNoticeRequest, ReminderSettingsDto, ReminderSettingsRequest,
  ReminderStatsDto, ReminderTemplatesDto,
} from '@jifen/shared';
import { request } from './request';

/** Which WeChat template each reminder kind asks consent for (null: 消息中心 only). Public. */
export function getReminderTemplates(): Promise<ReminderTemplatesDto> {
  return request({ method: 'GET', path: '/api/reminders/templates', auth: 'none', silent: true });
}

/** What wx.requestSubscribeMessage answered, and the kinds the button offered. */
export function postConsent(body: ConsentRequest): Promise<ConsentAnswerDto> {
  return request({ method: 'POST', path: '/api/reminders/consent', data: body });
}

export function getReminderSettings(): Promise<ReminderSettingsDto> {
  return request({ method: 'GET', path: '/api/reminders/settings' });
}

export function putReminderSettings(body: ReminderSettingsRequest): Promise<ReminderSettingsDto> {
  return request({ method: 'PUT', path: '/api/reminders/settings', data: body });
}

/** 消息中心, newest first; `before` is the previous page's `next`. */
export function getMessages(before?: number): Promise<MessagesPageDto> {
  return request({ method: 'GET', path: '/api/messages', query: { before } });
}

export function getUnread(): Promise<{ unread: number }> {
  return request({ method: 'GET', path: '/api/messages/unread', silent: true });
}

export function markMessageRead(id: number): Promise<{ unread: number }> {
  return request({ method: 'POST', path: `/api/messages/${id}/read`, data: {}, silent: true });
}

export function markAllMessagesRead(): Promise<{ unread: number }> {
  return request({ method: 'POST', path: '/api/messages/read-all', data: {} });
}

/** 管理 → 消息. */
export function getReminderStats(days = 7): Promise<ReminderStatsDto> {
  return request({ method: 'GET', path: '/api/admin/reminders/stats', query: { days } });
}

export function listPolicyNotices(): Promise<PolicyNoticeDto[]> {
  return request({ method: 'GET', path: '/api/admin/reminders/policy' });
}

/** Silent: the form shows the field at fault. */
export function sendPolicyNotice(body: PolicyNoticeRequest): Promise<PolicyNoticeDto> {
  return request({ method: 'POST', path: '/api/admin/reminders/policy', data: body, silent: true });
}
