import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { FakeWechatPay, type FakeWechatPayOptions } from './pay.js';

/**
 * A local stand-in for WeChat's server API over real HTTP, faithful to its protocol: the
 * same paths, query and body fields, JSON shapes and error codes (errcode/errmsg).
 * Served: code2Session, stable_token, the phone number, upload_shipping_info,
 * getwxacodeunlimit and subscribeMessage.send. WeChat Pay API v3 is `fake.pay` (./pay.ts), served under /v3/.
 */
export interface FakeWechatOptions {
  appId: string;
  secret: string;
  /** Seconds an access token lives (WeChat: 7200). */
  tokenTtl?: number;
  /** WeChat Pay (under /v3/): merchant number, refunds finishing by themselves. */
  pay?: Pick<FakeWechatPayOptions, 'mchId' | 'autoFinishRefunds'>;
}

interface CodeGrant {
  openid: string;
  unionid?: string;
}

export class FakeWechat {
  private server: Server | null = null;
  private readonly codes = new Map<string, CodeGrant>();
  private readonly phoneCodes = new Map<string, string>();
  private readonly failures = new Map<string, number[]>();
  readonly calls: { method: string; path: string }[] = [];
  /** Shipments reported with upload_shipping_info, as WeChat received them. */
  readonly shipments: Record<string, any>[] = [];
  tokensIssued = 0;
  currentToken: string | null = null;
  /** Subscription messages WeChat accepted, as sent. */
  readonly messages: { touser: string; template_id: string; page: string; data: Record<string, { value: string }>; miniprogram_state: string }[] = [];
  private readonly templates = new Map<string, Record<string, string>>();
  private readonly credits = new Map<string, number>();
  private expired = false;

  private payFake: FakeWechatPay | null = null;

  constructor(readonly options: FakeWechatOptions) {}

  /** The fake WeChat Pay API v3 at this server's /v3/ (its keys are made on first use). */
  get pay(): FakeWechatPay {
    this.payFake ??= new FakeWechatPay({
      appId: this.options.appId,
      secret: this.options.secret,
      baseUrl: () => this.baseUrl,
      ...this.options.pay,
    });
    return this.payFake;
  }

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => send(res, 500, { errcode: -1, errmsg: error.message }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** What wx.login would hand the mini-program for this user: a single-use code. */
  issueCode(openid: string, unionid?: string): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { openid, unionid });
    return code;
  }

  /** What a getPhoneNumber button would hand the mini-program: a single-use code for this phone. */
  issuePhoneCode(phone: string): string {
    const code = randomBytes(16).toString('hex');
    this.phoneCodes.set(code, phone);
    return code;
  }

  /** A subscription template of the mini-program's account: field key → type (thing, number, …). */
  defineTemplate(templateId: string, fields: Record<string, string>): void {
    this.templates.set(templateId, fields);
  }

  /** What a member's 「允许」 in wx.requestSubscribeMessage gives: one send of that template each. */
  grantCredit(openid: string, templateId: string, count = 1): void {
    this.credits.set(`${openid}|${templateId}`, this.creditsOf(openid, templateId) + count);
  }

  creditsOf(openid: string, templateId: string): number {
    return this.credits.get(`${openid}|${templateId}`) ?? 0;
  }

  /** The current token expires on WeChat's side: the next call with it gets 42001. */
  expireToken(): void {
    this.expired = true;
  }

  /** Invalidates the current access token, as a rotation or an expiry on WeChat's side would. */
  revokeToken(): void {
    this.currentToken = null;
  }

  /** The next calls to this path answer with these errcodes, in order. */
  failNext(path: string, ...errcodes: number[]): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...errcodes]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.calls.push({ method: req.method ?? 'GET', path: url.pathname });
    if (url.pathname.startsWith('/v3/')) return this.pay.handle(req, res, url);
    const queued = this.failures.get(url.pathname);
    if (queued?.length) return send(res, 200, { errcode: queued.shift(), errmsg: 'injected failure' });

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return this.code2Session(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') return this.stableToken(await json(req), res);
    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') return this.phoneNumber(url, await json(req), res);
    if (req.method === 'POST' && url.pathname === '/wxa/sec/order/upload_shipping_info') return this.shipping(url, await json(req), res);
    if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') return this.wxacode(url, await json(req), res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') return this.subscribeSend(url, await json(req), res);
    send(res, 404, { errcode: 404, errmsg: 'not found' });
  }

  private code2Session(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('appid') !== this.options.appId) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('secret') !== this.options.secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
    if (q.get('grant_type') !== 'authorization_code') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
    const grant = this.codes.get(q.get('js_code') ?? '');
    if (!grant) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
    this.codes.delete(q.get('js_code')!); // single use, as WeChat's are
    send(res, 200, {
      openid: grant.openid,
      session_key: randomBytes(16).toString('base64'),
      ...(grant.unionid ? { unionid: grant.unionid } : {}),
    });
  }

  private stableToken(body: Record<string, unknown>, res: ServerResponse): void {
    if (body.grant_type !== 'client_credential') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
    if (body.appid !== this.options.appId) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
    if (body.secret !== this.options.secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
    if (!this.currentToken || this.expired || body.force_refresh === true) {
      this.expired = false;
      this.currentToken = randomBytes(24).toString('hex');
      this.tokensIssued++;
    }
    send(res, 200, { access_token: this.currentToken, expires_in: this.options.tokenTtl ?? 7200 });
  }

  /** Scenes the fake drew codes for, in order (what the server asked for). */
  readonly scenes: string[] = [];

  private wxacode(url: URL, body: Record<string, unknown>, res: ServerResponse): void {
    if (!this.tokenValid(url)) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
    const scene = String(body.scene ?? '');
    if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) return send(res, 200, { errcode: 40169, errmsg: 'invalid length for scene' });
    const page = String(body.page ?? '');
    if (page.startsWith('/') || page.includes('?')) return send(res, 200, { errcode: 41030, errmsg: 'invalid page' });
    const width = Number(body.width ?? 430);
    if (width < 280 || width > 1280) return send(res, 200, { errcode: 40159, errmsg: 'invalid width' });
    this.scenes.push(scene);
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(codePng(scene, Math.min(width, 430)));
  }

  /**
   * subscribeMessage.send as WeChat checks it: the token (42001 when expired), the openid, the
   * template, the page, every field's value against its type (47003 naming the field), then one
   * credit of that member for that template (43101 without one), spent by the send.
   */
  private subscribeSend(url: URL, body: Record<string, any>, res: ServerResponse): void {
    if (this.expired && url.searchParams.get('access_token') === this.currentToken) return send(res, 200, { errcode: 42001, errmsg: 'access_token expired' });
    if (!this.tokenValid(url)) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
    const openid = String(body.touser ?? '');
    if (!/^[\w-]{6,64}$/.test(openid)) return send(res, 200, { errcode: 40003, errmsg: 'invalid openid' });
    const fields = this.templates.get(String(body.template_id ?? ''));
    if (!fields) return send(res, 200, { errcode: 40037, errmsg: 'invalid template_id' });
    const page = String(body.page ?? '');
    if (page && (page.startsWith('/') || !/^pages\/[\w/-]+(\?.*)?$/.test(page))) return send(res, 200, { errcode: 41030, errmsg: 'invalid page' });
    if (!['developer', 'trial', 'formal', undefined].includes(body.miniprogram_state)) return send(res, 200, { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' });
    for (const [key, type] of Object.entries(fields)) {
      const value = body.data?.[key]?.value;
      if (typeof value !== 'string' || !fieldAccepted(type, value)) {
        return send(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` });
      }
    }
    const left = this.creditsOf(openid, body.template_id);
    if (left <= 0) return send(res, 200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
    this.credits.set(`${openid}|${body.template_id}`, left - 1);
    this.messages.push({ touser: openid, template_id: body.template_id, page, data: body.data, miniprogram_state: body.miniprogram_state ?? 'formal' });
    send(res, 200, { errcode: 0, errmsg: 'ok', msgid: this.messages.length });
  }

  private tokenValid(url: URL): boolean {
    return this.currentToken !== null && url.searchParams.get('access_token') === this.currentToken;
  }

  /** 发货信息录入: checks the fields WeChat requires; a paid transaction ships once. */
  private shipping(url: URL, body: Record<string, any>, res: ServerResponse): void {
    if (!this.tokenValid(url)) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
    const parcel = body.shipping_list?.[0];
    const valid = body.order_key?.order_number_type === 2 && typeof body.order_key.transaction_id === 'string'
      && body.logistics_type === 1 && body.delivery_mode === 1 && body.shipping_list?.length === 1
      && typeof parcel?.tracking_no === 'string' && typeof parcel.express_company === 'string' && typeof parcel.item_desc === 'string'
      && parcel.item_desc.length <= 120 && /^\d{3}\*{4}\d{4}$/.test(parcel.contact?.receiver_contact ?? '')
      && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/.test(body.upload_time ?? '') && typeof body.payer?.openid === 'string';
    if (!valid) return send(res, 200, { errcode: 47001, errmsg: 'data format error' });
    if (this.shipments.some((x) => x.order_key.transaction_id === body.order_key.transaction_id)) {
      return send(res, 200, { errcode: 10060003, errmsg: '支付单已完成发货，无法继续发货' });
    }
    this.shipments.push(body);
    send(res, 200, { errcode: 0, errmsg: 'ok' });
  }

  private phoneNumber(url: URL, body: Record<string, unknown>, res: ServerResponse): void {
    if (!this.tokenValid(url)) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    const phone = this.phoneCodes.get(String(body.code ?? ''));
    if (!phone) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
    this.phoneCodes.delete(String(body.code));
    send(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.options.appId } },
    });
  }
}

/** A real PNG: a grey-scale block pattern drawn from the scene (not a scannable code). */
function codePng(scene: string, size: number): Buffer {
  const seed = createHash('sha256').update(scene).digest();
  const cells = 21;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1); // filter byte 0, then one byte a pixel
    for (let x = 0; x < size; x++) {
      const cx = Math.floor((x * cells) / size);
      const cy = Math.floor((y * cells) / size);
      const bit = (seed[(cx * cells + cy) % 32] >> ((cx + cy) % 8)) & 1;
      row[x + 1] = bit ? 0x11 : 0xff;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whether WeChat takes `value` for a template field of `type` (its documented limits, by characters). */
function fieldAccepted(type: string, value: string): boolean {
  const chars = [...value];
  const han = (c: string) => /\p{Script=Han}/u.test(c);
  switch (type) {
    case 'thing': return chars.length >= 1 && chars.length <= 20;
    case 'number': return /^\d+(\.\d+)?$/.test(value) && value.length <= 32;
    case 'letter': return /^[A-Za-z]{1,32}$/.test(value);
    case 'symbol': return chars.length >= 1 && chars.length <= 5;
    case 'character_string': return /^[\x21-\x7e]{1,32}$/.test(value);
    case 'phrase': return chars.length >= 1 && chars.length <= 5 && chars.every(han);
    case 'name': return chars.some(han) ? chars.length <= 10 : /^[A-Za-z ]{1,20}$/.test(value);
    case 'amount': return /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
    case 'phone_number': return /^[\d+-]{1,17}$/.test(value);
    case 'date':
    case 'time': return /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/.test(value) || /^\d{1,2}:\d{2}$/.test(value);
    default: return false;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}
