import type { MeDto } from '@jifen/shared';
import { request } from './request';

/** The signed-in member with points and tier; silent because a stale token at launch is not an error to show. */
export function getMe(): Promise<MeDto> {
  return request({ method: 'GET', path: '/api/me', silent: true });
}
