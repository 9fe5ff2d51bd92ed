import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@jifen/shared';
import { DomainError } from '../common/errors.js';
import { MembersService } from '../members/members.service.js';
import { type Caller, IS_PUBLIC, ROLES } from './decorators.js';
import { TokenVersions } from './token-versions.js';
import { type AccessGrant, TokensService } from './tokens.service.js';

/**
 * Global guard: every route needs a valid access token unless marked @Public(), issued under
 * the member's current token version (so sign-out everywhere and deleted members end it;
 * checked against TokenVersions' cache, not a read per request). Routes marked @Roles() also
 * need the member's current role, read from the database with the version so a revoked
 * operator loses access at once rather than when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly members: MembersService,
    private readonly versions: TokenVersions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Open routes still know a signed-in caller (member prices); a bad token just browses as a visitor.
      req.caller = undefined;
      if (token) {
        const grant = this.tryVerify(token);
        if (grant && (await this.versions.isCurrent(grant.id, grant.version))) req.caller = callerOf(grant);
      }
      return true;
    }

    if (!token) throw new DomainError('UNAUTHORIZED', '请先登录');
    const grant = this.tokens.verifyAccess(token);
    const caller = callerOf(grant);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length) {
      const access = await this.members.accessOf(grant.id);
      this.versions.remember(grant.id, access?.tokenVersion ?? null);
      if (!access || access.tokenVersion !== grant.version) throw new DomainError('UNAUTHORIZED', '登录已失效，请重新登录');
      if (!roles.includes(access.role)) throw new DomainError('FORBIDDEN', '没有权限执行此操作');
      caller.role = access.role;
    } else if (!(await this.versions.isCurrent(grant.id, grant.version))) {
      throw new DomainError('UNAUTHORIZED', '登录已失效，请重新登录');
    }
    req.caller = caller;
    return true;
  }

  private tryVerify(token: string): AccessGrant | null {
    try {
      return this.tokens.verifyAccess(token);
    } catch {
      return null;
    }
  }
}

function callerOf(grant: AccessGrant): Caller {
  return { id: grant.id, role: grant.role };
}
