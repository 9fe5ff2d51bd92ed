import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@jifen/shared';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** Who is calling, from the verified access token. */
export interface Caller {
  id: number;
  role: Role;
}

/** Open to anyone, signed in or not. Everything else needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only members whose current role (read from the database, not the token) is one of these. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const READ_ONLY = 'audit:read-only';
/** A POST that changes nothing (a preview): not an operator action, so not in the audit log. */
export const ReadOnly = () => SetMetadata(READ_ONLY, true);

/** The caller; on @Public() routes undefined for visitors. */
export const CurrentMember = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
