import type { AuthOptionsDto, AuthResult, LogoutRequest } from '@jifen/shared';
import { request } from './request';

/** Which sign-ins the server offers; `dev` only when it has no WeChat AppID. */
export function getAuthOptions(): Promise<AuthOptionsDto> {
  return request({ method: 'GET', path: '/api/auth/options', auth: 'none', silent: true });
}

/** Exchanges a `wx.login` code for our tokens; silent at launch, before anyone asked. */
export function signInWithWechat(code: string, silent = true): Promise<AuthResult> {
  return request({ method: 'POST', path: '/api/auth/wechat', data: { code }, auth: 'none', silent });
}

/** Development sign-in by nickname; the server mounts it only without a WeChat AppID. */
export function signInForDev(nickname: string): Promise<AuthResult> {
  return request({ method: 'POST', path: '/api/auth/dev', data: { nickname }, auth: 'none' });
}

/** Signs this device out on the server: its refresh token (and every one rotated from the same sign-in) stops working. */
export function signOutOnServer(refreshToken: string): Promise<void> {
  const data: LogoutRequest = { refreshToken };
  return request({ method: 'POST', path: '/api/auth/logout', data, auth: 'none', silent: true });
}
