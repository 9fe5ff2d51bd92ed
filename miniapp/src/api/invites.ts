import type { InviteVisitDto, MyInvitesDto } from '@jifen/shared';
import { request } from './request';

/** The member's invite code, share path, the fixed rules, totals and invitees (masked). */
export function getMyInvites(options: { silent?: boolean } = {}): Promise<MyInvitesDto> {
  return request({ method: 'GET', path: '/api/invites/me', silent: options.silent });
}

/**
 * Records that the signed-in member opened someone's invite. Silent: an unknown code or the
 * member's own link is not the visitor's business (they just browse).
 */
export function visitInvite(code: string): Promise<InviteVisitDto> {
  return request({ method: 'POST', path: '/api/invites/visit', data: { code }, silent: true });
}

/** Where the member's mini-program code (PNG) is served; needs the bearer token. */
export const POSTER_CODE_PATH = '/api/invites/me/code.png';
