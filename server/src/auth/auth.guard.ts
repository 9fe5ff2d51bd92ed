import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@jifen/shared';
import { DomainError } from '../common/errors.js';
import { MembersService } from '../members/members.service.js';
import { type Caller, IS_PUBLIC, ROLES } from './decorators.js';
import { TokensService } from './tokens.service.js';

/**
 * Global guard: every route needs a valid access token unless marked @Public(); routes
 * marked @Roles() also need the member's current role, read from the database so a revoked
 * operator loses access at once rather than when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly members: MembersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Open routes still know a signed-in caller (member prices); a bad token just browses as a visitor.
      try {
        if (token) req.caller = this.tokens.verifyAccess(token);
      } catch {
        req.caller = undefined;
      }
      return true;
    }

    if (!token) throw new DomainError('UNAUTHORIZED', '请先登录');
    const caller = this.tokens.verifyAccess(token);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length) {
      const role = await this.members.roleOf(caller.id);
      if (!role) throw new DomainError('UNAUTHORIZED', '登录信息无效，请重新登录');
      if (!roles.includes(role)) throw new DomainError('FORBIDDEN', '没有权限执行此操作');
      caller.role = role;
    }
    req.caller = caller;
    return true;
  }
}
