import type { DevPhoneRequest, MeDto, PhoneRequest, SignupResultDto } from '@jifen/shared';
import { request } from './request';

/** The signed-in member with points and tier; silent because a stale token at launch is not an error to show. */
export function getMe(): Promise<MeDto> {
  return request({ method: 'GET', path: '/api/me', silent: true });
}

/**
 * Completes sign-up with the code of WeChat's getPhoneNumber button; the first time grants
 * the new-member gift. Silent: the caller words the refusals.
 */
export function bindPhone(code: string): Promise<SignupResultDto> {
  const body: PhoneRequest = { code };
  return request({ method: 'POST', path: '/api/me/phone', data: body, silent: true });
}

/** The development stand-in (H5, server without a WeChat AppID): a phone number typed in. */
export function bindDevPhone(phone: string): Promise<SignupResultDto> {
  const body: DevPhoneRequest = { phone };
  return request({ method: 'POST', path: '/api/me/phone/dev', data: body, silent: true });
}
