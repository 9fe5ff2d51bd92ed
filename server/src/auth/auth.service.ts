import { Injectable } from '@nestjs/common';
import type { AuthResult } from '@jifen/shared';
import { DomainError } from '../common/errors.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { MembersService } from '../members/members.service.js';
import type { Member } from '../members/member.entity.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { RefreshFamilies } from './refresh-families.service.js';
import { TokenVersions } from './token-versions.js';
import { type RefreshPosition, TokensService } from './tokens.service.js';

/** Prefix of openids made by the development sign-in; never a real WeChat openid. */
export const DEV_OPENID_PREFIX = 'dev:';

@Injectable()
export class AuthService {
  constructor(
    private readonly wechat: WechatClient,
    private readonly members: MembersService,
    private readonly tokens: TokensService,
    private readonly ledger: LedgerQueries,
    private readonly families: RefreshFamilies,
    private readonly versions: TokenVersions,
  ) {}

  async wechatLogin(code: string): Promise<AuthResult> {
    const session = await this.wechat.code2Session(code);
    const { member } = await this.members.signIn({
      openid: session.openid,
      unionid: session.unionid,
      nickname: '微信用户',
    });
    return this.signedIn(member);
  }

  /** Stands in for WeChat sign-in when no AppID is configured: the nickname names the member. */
  async devLogin(nickname: string): Promise<AuthResult> {
    if (this.wechat.configured) throw new DomainError('DEV_SIGNIN_DISABLED', '已配置微信登录，开发登录不可用');
    const name = nickname.trim();
    const { member } = await this.members.signIn({ openid: `${DEV_OPENID_PREFIX}${name}`, nickname: name });
    return this.signedIn(member);
  }

  /** The next pair for the refresh token given, which is retired (see RefreshFamilies). */
  async refresh(refreshToken: string): Promise<AuthResult> {
    const grant = this.tokens.verifyRefresh(refreshToken);
    const member = await this.members.get(grant.id).catch(() => {
      throw new DomainError('UNAUTHORIZED', '登录信息无效，请重新登录');
    });
    if (member.tokenVersion !== grant.version) throw new DomainError('UNAUTHORIZED', '登录已失效，请重新登录');
    const next = await this.families.rotate(member.id, grant);
    if (!next) throw new DomainError('UNAUTHORIZED', '登录已失效，请重新登录');
    return this.result(member, next);
  }

  /** Sign-out on this device: the family of the refresh token given stops working. */
  async logout(refreshToken: string): Promise<void> {
    const grant = this.tokens.verifyRefresh(refreshToken);
    await this.families.revoke(grant.id, grant.family);
  }

  /** Sign-out on every device: every refresh and access token of the member stops working. */
  async logoutAll(memberId: number): Promise<void> {
    await this.members.bumpTokenVersion(memberId);
    await this.families.revokeAll(memberId);
    this.versions.forget(memberId);
  }

  private async signedIn(member: Member): Promise<AuthResult> {
    return this.result(member, await this.families.open(member.id));
  }

  private async result(member: Member, position: RefreshPosition): Promise<AuthResult> {
    const points = await this.ledger.summary(member.id);
    return { ...this.tokens.issue(member, position), member: this.members.toDto(member, points) };
  }
}
