import type { CheckinCalendarDto, CheckinResultDto, MakeupRequest } from '@jifen/shared';
import { request } from './request';

/**
 * A month of check-ins (YYYY-MM, default the current Shanghai month) with today's state:
 * streak, today's and tomorrow's reward, and the days that can still be made up.
 */
export function getCheckinCalendar(month?: string, options: { silent?: boolean } = {}): Promise<CheckinCalendarDto> {
  return request({ method: 'GET', path: '/api/checkin/calendar', query: { month }, silent: options.silent });
}

/** Today's check-in; a second call the same day answers `alreadyDone: true` and grants nothing. */
export function checkIn(): Promise<CheckinResultDto> {
  // An empty object, not no body: the server refuses an empty body sent as application/json.
  return request({ method: 'POST', path: '/api/checkin', data: {} });
}

/** 补签 a missed day of the window. Silent: the page words the refusals (limit, points) itself. */
export function makeUpCheckin(day: string): Promise<CheckinResultDto> {
  const body: MakeupRequest = { day };
  return request({ method: 'POST', path: '/api/checkin/makeup', data: body, silent: true });
}
