import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  /** Kept on the server only; it never goes to the client. */
  sessionKey: string;
}

interface WechatErrorBody {
  errcode?: number;
  errmsg?: string;
}

export interface PhoneInfo {
  /** With the country code when it is not +86. */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** An errcode WeChat answered with; turned into a DomainError at the public methods (kept as is by sendSubscribeMessage). */
export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`${path} errcode ${errcode}: ${errmsg}`);
  }
}

/** The access token was refused: fetch one again and retry once. */
const TOKEN_REFUSED = new Set([40001, 42001]);

const TIMEOUT_MS = 5_000;
/** Refresh the cached token this long before WeChat says it expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** The only code that speaks HTTP to WeChat's server API; base URL from config. */
export interface ShippingInfo {
  transactionId: string;
  trackingNo: string;
  /** WeChat's delivery id, e.g. SF (see EXPRESS_COMPANIES). */
  expressCode: string;
  itemDesc: string;
  /** The receiver's phone, masked except the last 4 digits (required for SF). */
  receiverContact: string;
  openid: string;
  /** RFC 3339 with +08:00. */
  uploadTime: string;
}

/** A subscription message: `data` made to the template's field types (shared `templateData`). */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** Where a tap on the message opens, without a leading slash (pages/points/index?filter=expiring). */
  page: string;
  data: Record<string, { value: string }>;
  /** developer / trial builds receive it only in their version; a released app uses formal. */
  state: 'developer' | 'trial' | 'formal';
}

@Injectable()
export class WechatClient {
  private readonly logger = new Logger('WechatClient');
  private token: { value: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get configured(): boolean {
    return this.config.wechat.appId !== null;
  }

  /** wx.login code → openid (and unionid when the app is bound to an Open Platform account). */
  async code2Session(code: string): Promise<WechatSession> {
    const { appId, secret } = this.credentials();
    const query = new URLSearchParams({ appid: appId, secret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.mapped(() =>
      this.call<{ openid?: string; unionid?: string; session_key?: string }>('GET', `/sns/jscode2session?${query}`),
    );
    if (!body.openid || !body.session_key) throw new DomainError('WECHAT_UNAVAILABLE', '微信登录返回了不完整的数据');
    return { openid: body.openid, unionid: body.unionid ?? null, sessionKey: body.session_key };
  }

  /** A getPhoneNumber button's code → the member's phone number (single use, 5 minutes). */
  async phoneNumber(code: string): Promise<PhoneInfo> {
    const body = await this.mapped(() =>
      this.withToken<{ phone_info?: PhoneInfo }>('POST', '/wxa/business/getuserphonenumber', { code }),
    );
    if (!body.phone_info?.purePhoneNumber) throw new DomainError('WECHAT_UNAVAILABLE', '微信返回的手机号不完整');
    return body.phone_info;
  }

  /**
   * 发货信息录入 (upload_shipping_info): trade mini-programs report each shipment, or WeChat
   * keeps the shopper's money frozen. One express parcel for the whole order.
   */
  async uploadShippingInfo(input: ShippingInfo): Promise<void> {
    await this.mapped(() => this.withToken<unknown>('POST', '/wxa/sec/order/upload_shipping_info', {
      order_key: { order_number_type: 2, transaction_id: input.transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{
        tracking_no: input.trackingNo, express_company: input.expressCode, item_desc: input.itemDesc.slice(0, 120),
        contact: { receiver_contact: input.receiverContact },
      }],
      upload_time: input.uploadTime,
      payer: { openid: input.openid },
    }));
  }

  /**
   * subscribeMessage.send: one message to one member, spending one of their consents for the
   * template. WeChat's refusals come back as WechatError with its errcode (43101 no consent left,
   * 47003 a field, 40003 openid, 40037 template, 41030 page) for the sender to tell apart; a
   * refused token (40001/42001) is fetched again and the send tried once more.
   */
  async sendSubscribeMessage(input: SubscribeMessage): Promise<void> {
    await this.withToken<unknown>('POST', '/cgi-bin/message/subscribe/send', {
      touser: input.openid, template_id: input.templateId, page: input.page, data: input.data,
      miniprogram_state: input.state, lang: 'zh_CN',
    });
  }

  /**
   * A mini-program code (wxacode.getUnlimited) that opens `page` with `scene` (≤ 32 chars);
   * PNG bytes. WeChat answers an image on success and JSON on failure.
   */
  async wxacode(scene: string, page: string, width = 430): Promise<Buffer> {
    if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) throw new DomainError('BAD_REQUEST', 'scene 不合法');
    return this.mapped(async () => {
      for (let attempt = 1; ; attempt++) {
        const token = await this.accessToken();
        const response = await this.send('POST', `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          scene, page, check_path: false, env_version: 'release', width,
        });
        const type = response.headers.get('content-type') ?? '';
        if (type.startsWith('image/')) return Buffer.from(await response.arrayBuffer());
        const body = (await response.json().catch(() => ({ errcode: -2, errmsg: 'not json' }))) as WechatErrorBody;
        const error = new WechatError(body.errcode ?? response.status, body.errmsg ?? '', '/wxa/getwxacodeunlimit');
        if (!TOKEN_REFUSED.has(error.errcode) || attempt > 1) throw error;
        if (this.token?.value === token) this.token = null;
      }
    });
  }

  /**
   * The stable access token, cached until shortly before it expires; concurrent callers
   * share one refresh.
   */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.clock.now().getTime()) return this.token.value;
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Calls an API that takes the access token; on 40001/42001 fetches the token again and retries once. */
  private async withToken<T>(method: 'GET' | 'POST', path: string, json?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken();
      try {
        return await this.call<T>(method, `${path}?access_token=${encodeURIComponent(token)}`, json);
      } catch (error) {
        if (!(error instanceof WechatError) || !TOKEN_REFUSED.has(error.errcode) || attempt > 1) throw error;
        if (this.token?.value === token) this.token = null;
      }
    }
  }

  private async fetchToken(): Promise<string> {
    const { appId, secret } = this.credentials();
    const body = await this.mapped(() =>
      this.call<{ access_token?: string; expires_in?: number }>('POST', '/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: appId,
        secret,
        force_refresh: false,
      }),
    );
    if (!body.access_token || !body.expires_in) throw new DomainError('WECHAT_UNAVAILABLE', '微信接口凭证获取失败');
    this.token = { value: body.access_token, expiresAt: this.clock.now().getTime() + body.expires_in * 1000 };
    return body.access_token;
  }

  private credentials(): { appId: string; secret: string } {
    const { appId, secret } = this.config.wechat;
    if (!appId || !secret) throw new DomainError('WECHAT_UNAVAILABLE', '未配置微信 AppID');
    return { appId, secret };
  }

  private async send(method: 'GET' | 'POST', path: string, json?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.config.wechat.apiBase}${path}`, {
        method,
        headers: json === undefined ? undefined : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn(`${method} ${path.split('?')[0]} failed: ${(error as Error).message}`);
      throw new DomainError('WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
    }
  }

  private async call<T>(method: 'GET' | 'POST', path: string, json?: unknown): Promise<T> {
    const response = await this.send(method, path, json);
    const body = (await response.json().catch(() => ({ errcode: -2, errmsg: 'not json' }))) as T & WechatErrorBody;
    if (!response.ok || (body.errcode !== undefined && body.errcode !== 0)) {
      throw new WechatError(body.errcode ?? response.status, body.errmsg ?? '', path.split('?')[0]);
    }
    return body;
  }

  /** WeChat's errcodes as the domain's errors, for the caller. */
  private async mapped<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw error instanceof WechatError ? this.mapError(error) : error;
    }
  }

  private mapError(error: WechatError): DomainError {
    const { errcode } = error;
    this.logger.warn(error.message);
    switch (errcode) {
      case 40029:
      case 40163:
        return new DomainError('WECHAT_CODE_INVALID', '登录凭证无效或已使用，请重新登录');
      case 45011:
        return new DomainError('WECHAT_RATE_LIMITED', '操作太频繁，请稍后再试');
      case 40226:
        return new DomainError('WECHAT_RISKY_USER', '微信判定当前账号存在风险，暂不能登录');
      default:
        return new DomainError('WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
    }
  }
}
