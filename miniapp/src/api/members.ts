import type { DevPhoneRequest, MeDto, PhoneRequest, ProfileRequest, SignupResultDto, TierInfoDto } from '@jifen/shared';
import { request } from './request';
import { uploadAvatarFile } from './upload';

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

/** Nickname and/or birthday (the birthday only once: 409 BIRTHDAY_LOCKED after). Silent: the profile page words refusals. */
export function updateMe(patch: ProfileRequest): Promise<MeDto> {
  return request({ method: 'PATCH', path: '/api/me', data: patch, silent: true });
}

/** A picture on this device (WeChat temp path, H5 blob URL) as the member's avatar: multipart field `avatar`. */
export function uploadAvatar(filePath: string): Promise<MeDto> {
  return uploadAvatarFile(filePath);
}

/** Tier, growth over 12 months, progress to the next tier and every tier's thresholds. */
export function getTier(): Promise<TierInfoDto> {
  return request({ method: 'GET', path: '/api/me/tier', silent: true });
}
