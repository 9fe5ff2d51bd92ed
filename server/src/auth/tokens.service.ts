import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthResult, Role } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import type { Member } from '../members/member.entity.js';
import type { Caller } from './decorators.js';

interface AccessClaims {
  sub: number;
  role: Role;
  /** The member's token version at issue: a sign-out everywhere moves it on. */
  ver: number;
  typ: 'access';
  iat: number;
}

interface RefreshClaims {
  sub: number;
  ver: number;
  /** The refresh family (one sign-in on one device) and this token's generation in it. */
  fam: number;
  gen: number;
  typ: 'refresh';
  iat: number;
}

/** Where a refresh token stands: its family and generation (see RefreshFamilies). */
export interface RefreshPosition {
  family: number;
  generation: number;
}

/** A verified access token: the caller and the token version it was issued under. */
export interface AccessGrant extends Caller {
  version: number;
}

/** A verified refresh token. */
export interface RefreshGrant extends RefreshPosition {
  id: number;
  version: number;
}

/** Signature checks remembered at most (the oldest are dropped first). */
const VERIFIED_MAX = 20_000;

/** Issues and checks JWTs; token times come from the Clock so tests can expire them. */
@Injectable()
export class TokensService {
  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to parse it
   * as a PEM public or private key and throws, on every sign and verify (measured: most of a
   * request's CPU in the flash-sale benchmark).
   */
  private readonly key: KeyObject;
  /**
   * Tokens whose signature checked out, with their claims: a shopper's app sends one access
   * token with every request until it expires, and the HMAC check is the same every time.
   * Only the signature is remembered; expiry (and, in the guard, the token version) is
   * checked on every request.
   */
  private readonly verified = new Map<string, object>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret));
  }

  issue(member: Member, position: RefreshPosition): Omit<AuthResult, 'member'> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const { accessTtl, refreshTtl } = this.config.jwt;
    const secret = this.key as unknown as string; // @nestjs/jwt types say string | Buffer; jsonwebtoken takes a KeyObject
    const ver = member.tokenVersion;
    const access: AccessClaims = { sub: member.id, role: member.role, ver, typ: 'access', iat };
    const refresh: RefreshClaims = { sub: member.id, ver, fam: position.family, gen: position.generation, typ: 'refresh', iat };
    return {
      accessToken: this.jwt.sign({ ...access, exp: iat + accessTtl }, { secret }),
      refreshToken: this.jwt.sign({ ...refresh, exp: iat + refreshTtl }, { secret }),
      expiresIn: accessTtl,
    };
  }

  verifyAccess(token: string): AccessGrant {
    const claims = this.verify<AccessClaims>(token, 'access');
    // Tokens from before versions were carried are refused like any other stale token.
    if (!Number.isInteger(claims.ver)) throw new DomainError('UNAUTHORIZED', '登录已失效，请重新登录');
    return { id: claims.sub, role: claims.role, version: claims.ver };
  }

  verifyRefresh(token: string): RefreshGrant {
    const claims = this.verify<RefreshClaims>(token, 'refresh');
    // Tokens from before families existed cannot be rotated: the member signs in again.
    if (![claims.ver, claims.fam, claims.gen].every(Number.isInteger)) throw new DomainError('UNAUTHORIZED', '登录已失效，请重新登录');
    return { id: claims.sub, version: claims.ver, family: claims.fam, generation: claims.gen };
  }

  private verify<T extends { typ: string; sub: number }>(token: string, typ: T['typ']): T {
    let claims = this.verified.get(token) as (T & { exp?: number }) | undefined;
    if (!claims) {
      try {
        claims = this.jwt.verify<T & { exp?: number }>(token, {
          secret: this.key as unknown as string,
          ignoreExpiration: true,
          algorithms: ['HS256'],
        });
      } catch {
        throw new DomainError('UNAUTHORIZED', '登录信息无效，请重新登录');
      }
      if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
    }
    if (claims.typ !== typ || typeof claims.sub !== 'number') {
      throw new DomainError('UNAUTHORIZED', '登录信息无效，请重新登录');
    }
    // Expiry against the injectable clock rather than the library's wall clock.
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock.now().getTime()) {
      throw new DomainError('TOKEN_EXPIRED', '登录已过期，请重新登录');
    }
    return claims;
  }
}
