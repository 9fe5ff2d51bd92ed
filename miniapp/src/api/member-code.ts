import type { MemberCodeDto } from '@jifen/shared';
import { request } from './request';

/** The signed-in member's code for the till, new every minute. */
export function getMemberCode(): Promise<MemberCodeDto> {
  return request({ method: 'GET', path: '/api/me/member-code', silent: true });
}
