import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Pay from 'wechatpay-node-v3';
import { APP_CONFIG, type AppConfig, type PayConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';

export type TradeState = 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | 'REVOKED';
export type RefundStatus = 'SUCCESS' | 'PROCESSING' | 'ABNORMAL' | 'CLOSED';

/** A WeChat Pay order as query/notify report it. Amounts in fen; times ISO 8601 UTC. */
export interface PayTransaction {
  outTradeNo: string;
  /** WeChat's transaction id; null until paid. */
  transactionId: string | null;
  tradeState: TradeState;
  totalFen: number;
  /** What the shopper actually paid (after WeChat-side discounts); null until paid. */
  payerTotalFen: number | null;
  appid: string;
  mchid: string;
  openid: string | null;
  successTime: string | null;
  attach: string | null;
}

export interface PayRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  status: RefundStatus;
  refundFen: number;
  totalFen: number;
  successTime: string | null;
}

/** A verified, decrypted notification. `createTime` is ISO 8601 UTC. */
export type PayNotification = { id: string; eventType: string; createTime: string } & (
  | { kind: 'transaction'; transaction: PayTransaction }
  | { kind: 'refund'; refund: PayRefund }
);

export interface PrepayInput {
  /** 6–32 characters of [0-9A-Za-z_-|*], unique per merchant. */
  outTradeNo: string;
  /** ≤ 127 characters. */
  description: string;
  totalFen: number;
  openid: string;
  /** The order can no longer be paid after this (time_expire). */
  expireAt: Date;
  /** ≤ 128 characters, returned in query and notify. */
  attach?: string;
}

export interface PrepayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface RefundInput {
  outTradeNo: string;
  /** Unique per refund; retry a refund with the same one. 1–64 of [0-9A-Za-z_-|*@]. */
  outRefundNo: string;
  refundFen: number;
  /** The order's total, as prepaid. */
  totalFen: number;
  /** Shown to the shopper; ≤ 80 characters (cut to fit). */
  reason: string;
}

/** The host wechatpay-node-v3 writes into every URL; replaced by the configured base. */
const LIBRARY_HOST = 'https://api.mch.weixin.qq.com';
const TIMEOUT_MS = 10_000;
/** Signed timestamps further than this from the clock (either way) are refused. */
const MAX_SKEW_MS = 5 * 60_000;
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const TRADE_STATES = new Set<string>(['SUCCESS', 'NOTPAY', 'CLOSED', 'REFUND', 'USERPAYING', 'PAYERROR', 'REVOKED']);
const REFUND_STATUSES = new Set<string>(['SUCCESS', 'PROCESSING', 'ABNORMAL', 'CLOSED']);

/** What our HTTP hook hands back to the library: its `Output` shape. */
interface Output {
  status: number;
  data?: any;
  error?: any;
}

/**
 * wechatpay-node-v3 with the request signature's timestamp from our Clock and a
 * cryptographic nonce (the library uses Date.now and Math.random).
 */
class ClockedPay extends Pay {
  private clock!: Clock;

  static create(settings: PayConfig, clock: Clock): ClockedPay {
    const pay = new ClockedPay({
      appid: settings.appId,
      mchid: settings.mchId,
      serial_no: settings.serialNo,
      // Only used by the library to read a certificate serial when serial_no is missing.
      publicKey: Buffer.from(settings.platformPublicKey.export({ type: 'spki', format: 'pem' }) as string),
      // node:crypto signs with a KeyObject as well as with PEM bytes.
      privateKey: settings.privateKey as unknown as Buffer,
    });
    pay.clock = clock;
    return pay;
  }

  protected override buildAuthorization(method: string, url: string, params?: Record<string, any>): string {
    const nonce = randomBytes(16).toString('hex');
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    const signature = this.getSignature(method, nonce, timestamp, url.replace(LIBRARY_HOST, ''), params);
    return this.getAuthorization(nonce, timestamp, signature);
  }
}

/**
 * The only code that speaks to WeChat Pay API v3 (JSAPI, WeChat Pay public-key mode).
 * Requests are built and signed by wechatpay-node-v3 and sent by our own HTTP hook to the
 * configured base; every answer's Wechatpay-Signature is verified here (the library does
 * not), and notifications are verified and decrypted here with AES-256-GCM that checks the
 * tag (the library's decipher_gcm does not).
 */
@Injectable()
export class WechatPayClient {
  private readonly logger = new Logger('WechatPayClient');
  private readonly settings: PayConfig | null;
  private readonly pay: ClockedPay | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.settings = config.pay;
    this.pay = config.pay ? ClockedPay.create(config.pay, clock) : null;
    this.pay?.createHttp({
      // The library signed the path and JSON.stringify(params): send exactly that.
      post: (url, params, headers) => this.exchange('POST', url, headers, JSON.stringify(params)),
      get: (url, headers) => this.exchange('GET', url, headers),
      upload: () => Promise.reject(new Error('WechatPayClient does not upload')),
    });
  }

  /** Whether a merchant is configured (WECHAT_PAY_*); otherwise the shop uses sandbox pay. */
  get configured(): boolean {
    return this.settings !== null;
  }

  /** JSAPI prepay → the parameters for wx.requestPayment, signed with the merchant key. */
  async prepay(input: PrepayInput): Promise<PrepayParams> {
    const { settings, pay } = this.ready();
    checkOutTradeNo(input.outTradeNo);
    checkFen(input.totalFen, 'totalFen');
    if (!input.description || input.description.length > 127) throw new DomainError('BAD_REQUEST', '商品描述应为 1–127 个字符');
    if (!input.openid) throw new DomainError('BAD_REQUEST', '缺少付款人 openid');
    if (input.attach !== undefined && input.attach.length > 128) throw new DomainError('BAD_REQUEST', '附加数据超过 128 个字符');
    if (!(input.expireAt instanceof Date) || Number.isNaN(input.expireAt.getTime())) throw new DomainError('BAD_REQUEST', '支付截止时间无效');
    const result = await pay.transactions_jsapi({
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: beijingRfc3339(input.expireAt),
      ...(input.attach !== undefined ? { attach: input.attach } : {}),
      notify_url: settings.notifyUrl,
      amount: { total: input.totalFen, currency: 'CNY' },
      payer: { openid: input.openid },
    });
    const pkg: unknown = result.data?.package;
    if (result.status !== 200 || typeof pkg !== 'string' || !pkg.startsWith('prepay_id=')) {
      throw this.failure('prepay', result);
    }
    // The library signed with its own clock and Math.random; sign again with ours.
    const timeStamp = String(Math.floor(this.clock.now().getTime() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    const paySign = createSign('RSA-SHA256')
      .update(`${settings.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`)
      .sign(settings.privateKey, 'base64');
    return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  /** The order as WeChat Pay sees it; null when WeChat has no such order (ORDER_NOT_EXIST). */
  async query(outTradeNo: string): Promise<PayTransaction | null> {
    const { pay } = this.ready();
    checkOutTradeNo(outTradeNo);
    const result = await pay.query({ out_trade_no: outTradeNo });
    if (result.status === 404 && result.error?.code === 'ORDER_NOT_EXIST') return null;
    if (result.status !== 200) throw this.failure('query', result);
    const transaction = toTransaction(result.data);
    if (!transaction) throw this.malformed('query');
    return transaction;
  }

  /**
   * Closes an unpaid order so it can no longer be paid. An order WeChat never saw counts as
   * closed; a paid one is ORDER_STATE (query it and record the payment instead).
   */
  async close(outTradeNo: string): Promise<void> {
    const { pay } = this.ready();
    checkOutTradeNo(outTradeNo);
    const result = await pay.close(outTradeNo);
    if (result.status === 204 || result.status === 200) return;
    if (result.status === 404 && result.error?.code === 'ORDER_NOT_EXIST') return;
    throw this.failure('close', result);
  }

  /**
   * Asks for a refund (usually PROCESSING; the result comes by refund notify or queryRefund).
   * Retrying with the same outRefundNo returns the same refund.
   */
  async refund(input: RefundInput): Promise<PayRefund> {
    const { settings, pay } = this.ready();
    checkOutTradeNo(input.outTradeNo);
    if (!OUT_REFUND_NO.test(input.outRefundNo)) throw new DomainError('BAD_REQUEST', '退款单号格式不正确');
    checkFen(input.refundFen, 'refundFen');
    checkFen(input.totalFen, 'totalFen');
    if (input.refundFen > input.totalFen) throw new DomainError('REFUND_EXCEEDS', '退款金额超过订单金额');
    const reason = [...(input.reason ?? '').trim()].slice(0, 80).join('');
    const result = await pay.refunds({
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      ...(reason ? { reason } : {}),
      notify_url: settings.refundNotifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    });
    if (result.status !== 200) throw this.failure('refund', result);
    const refund = toRefund(result.data, 'status');
    if (!refund) throw this.malformed('refund');
    return refund;
  }

  /** A refund as WeChat Pay sees it; null when WeChat has no such refund. */
  async queryRefund(outRefundNo: string): Promise<PayRefund | null> {
    const { pay } = this.ready();
    if (!OUT_REFUND_NO.test(outRefundNo)) throw new DomainError('BAD_REQUEST', '退款单号格式不正确');
    const result = (await pay.find_refunds(outRefundNo)) as Output;
    if (result.status === 404 && result.error?.code === 'RESOURCE_NOT_EXISTS') return null;
    if (result.status !== 200) throw this.failure('queryRefund', result);
    const refund = toRefund(result.data, 'status');
    if (!refund) throw this.malformed('queryRefund');
    return refund;
  }

  /**
   * A notification POSTed by WeChat Pay (payment or refund): headers as received, the body as
   * the exact raw string. Checks the Wechatpay-Serial, the timestamp (±5 minutes of the
   * clock) and the signature (PAY_SIGNATURE_INVALID), then decrypts the resource with the
   * APIv3 key, tag checked (PAY_NOTIFY_INVALID for anything malformed).
   */
  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): PayNotification {
    const settings = this.settings;
    if (!settings) throw new DomainError('PAY_NOT_CONFIGURED', '未配置微信支付商户');
    const header = (name: string): string | null => {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
      const value = key === undefined ? undefined : headers[key];
      return typeof value === 'string' ? value : Array.isArray(value) && value.length === 1 ? value[0] : null;
    };
    if (typeof rawBody !== 'string') throw new DomainError('PAY_NOTIFY_INVALID', '通知内容为空');
    const problem = this.signatureProblem(
      header('wechatpay-serial'), header('wechatpay-timestamp'), header('wechatpay-nonce'), header('wechatpay-signature'), rawBody,
    );
    if (problem) {
      this.logger.warn(`notification refused: ${problem}`);
      throw new DomainError('PAY_SIGNATURE_INVALID', '微信支付通知验签失败');
    }

    const invalid = (why: string) => {
      this.logger.warn(`notification refused: ${why}`);
      return new DomainError('PAY_NOTIFY_INVALID', '微信支付通知格式不正确');
    };
    let body: any;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw invalid('body is not JSON');
    }
    const resource = body?.resource;
    if (
      typeof body?.id !== 'string' || typeof body.event_type !== 'string' || typeof body.create_time !== 'string' ||
      typeof resource !== 'object' || resource === null || resource.algorithm !== 'AEAD_AES_256_GCM' ||
      typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string' ||
      (resource.associated_data !== undefined && typeof resource.associated_data !== 'string')
    ) {
      throw invalid('not a notification');
    }
    const createTime = isoTime(body.create_time);
    if (!createTime) throw invalid('bad create_time');

    let plain: any;
    try {
      const sealed = Buffer.from(resource.ciphertext, 'base64');
      if (sealed.length <= 16) throw new Error('too short');
      const decipher = createDecipheriv('aes-256-gcm', settings.apiV3Key, Buffer.from(resource.nonce, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
      const text = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
      plain = JSON.parse(text);
    } catch {
      throw invalid('resource does not decrypt');
    }

    const eventType: string = body.event_type;
    if (eventType.startsWith('TRANSACTION.')) {
      const transaction = toTransaction(plain);
      if (!transaction) throw invalid('transaction resource malformed');
      return { id: body.id, eventType, createTime, kind: 'transaction', transaction };
    }
    if (eventType.startsWith('REFUND.')) {
      const refund = toRefund(plain, 'refund_status');
      if (!refund) throw invalid('refund resource malformed');
      return { id: body.id, eventType, createTime, kind: 'refund', refund };
    }
    throw invalid(`unknown event_type ${eventType}`);
  }

  // ————— internals —————

  private ready(): { settings: PayConfig; pay: ClockedPay } {
    if (!this.settings || !this.pay) throw new DomainError('PAY_NOT_CONFIGURED', '未配置微信支付商户');
    return { settings: this.settings, pay: this.pay };
  }

  /** Why a signed message is not WeChat Pay's, or null when it is. */
  private signatureProblem(serial: string | null, timestamp: string | null, nonce: string | null, signature: string | null, body: string): string | null {
    const settings = this.settings!;
    if (!serial || !timestamp || !nonce || !signature) return 'unsigned';
    if (serial !== settings.platformPublicKeyId) return `unknown Wechatpay-Serial ${serial.slice(0, 64)}`;
    if (!/^\d{1,12}$/.test(timestamp)) return 'bad Wechatpay-Timestamp';
    if (Math.abs(Number(timestamp) * 1000 - this.clock.now().getTime()) > MAX_SKEW_MS) return 'Wechatpay-Timestamp outside ±5 minutes';
    const ok = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).verify(settings.platformPublicKey, signature, 'base64');
    return ok ? null : 'bad Wechatpay-Signature';
  }

  /**
   * The library's HTTP hook: to the configured base, with a timeout; a 2xx or 404 answer must
   * carry a valid WeChat Pay signature (we act on those); 5xx, network errors and unsigned or
   * badly signed answers are PAY_UNAVAILABLE. 4xx answers go back to the library as errors.
   */
  private async exchange(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<Output> {
    if (!url.startsWith(LIBRARY_HOST)) throw new Error(`unexpected WeChat Pay URL ${url}`);
    const path = url.slice(LIBRARY_HOST.length);
    const route = path.split('?')[0];
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.settings!.apiBase}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': 'jifen-server',
          authorization: headers.Authorization,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      this.logger.warn(`${method} ${route} failed: ${(error as Error).message}`);
      throw new DomainError('PAY_UNAVAILABLE', '微信支付暂时不可用，请稍后再试');
    }
    if (response.status >= 500) {
      this.logger.warn(`${method} ${route} answered ${response.status}`);
      throw new DomainError('PAY_UNAVAILABLE', '微信支付暂时不可用，请稍后再试');
    }
    if ((response.status >= 200 && response.status < 300) || response.status === 404) {
      const h = response.headers;
      const problem = this.signatureProblem(
        h.get('wechatpay-serial'), h.get('wechatpay-timestamp'), h.get('wechatpay-nonce'), h.get('wechatpay-signature'), text,
      );
      if (problem) {
        this.logger.warn(`${method} ${route} answer refused (${response.status}): ${problem}`);
        throw new DomainError('PAY_UNAVAILABLE', '微信支付应答验签失败，请稍后再试');
      }
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      this.logger.warn(`${method} ${route} answered ${response.status} with a body that is not JSON`);
      throw new DomainError('PAY_UNAVAILABLE', '微信支付应答格式不正确');
    }
    return response.ok ? { status: response.status, data: parsed } : { status: response.status, error: parsed };
  }

  /** A WeChat Pay error answer as the domain's error (logged with WeChat's code, never keys). */
  private failure(operation: string, result: Output): DomainError {
    const code: string | undefined = result.error?.code;
    const message: string = String(result.error?.message ?? '');
    this.logger.warn(`${operation}: WeChat Pay answered ${result.status} ${code ?? ''} ${message}`.trim());
    const details = { status: result.status, wechatCode: code ?? null, wechatMessage: message || null };
    switch (code) {
      case 'ORDERPAID':
        return new DomainError('ORDER_STATE', '订单已支付', details);
      case 'ORDER_CLOSED':
        return new DomainError('ORDER_STATE', '订单已关闭', details);
      case 'ORDER_NOT_EXIST':
      case 'RESOURCE_NOT_EXISTS':
        return new DomainError('ORDER_NOT_FOUND', '微信支付订单不存在', details);
      case 'NOT_ENOUGH':
        return new DomainError('REFUND_EXCEEDS', '商户可用退款余额不足', details);
      case 'INVALID_REQUEST':
        if (operation === 'refund' && message.includes('退款金额')) return new DomainError('REFUND_EXCEEDS', '退款金额超过订单可退金额', details);
        if (operation === 'prepay' && message.includes('订单号重复')) return new DomainError('CONFLICT', '商户订单号已用于另一笔支付', details);
        return new DomainError('PAY_UNAVAILABLE', '微信支付拒绝了请求', details);
      default:
        return new DomainError('PAY_UNAVAILABLE', '微信支付暂时不可用，请稍后再试', details);
    }
  }

  private malformed(operation: string): DomainError {
    this.logger.warn(`${operation}: WeChat Pay answered a body of an unexpected shape`);
    return new DomainError('PAY_UNAVAILABLE', '微信支付应答格式不正确');
  }
}

function checkOutTradeNo(outTradeNo: string): void {
  if (typeof outTradeNo !== 'string' || !OUT_TRADE_NO.test(outTradeNo)) {
    throw new DomainError('BAD_REQUEST', '商户订单号应为 6–32 位数字、字母或 _-|*');
  }
}

function checkFen(fen: number, name: string): void {
  if (!Number.isSafeInteger(fen) || fen <= 0) throw new DomainError('BAD_REQUEST', `${name} 必须是大于 0 的整数（分）`);
}

/** RFC 3339 in Beijing time, as WeChat Pay expects time_expire: 2026-03-01T10:00:00+08:00. */
export function beijingRfc3339(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** WeChat Pay's RFC 3339 time as ISO 8601 UTC; null when it is not a time. */
function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const isFen = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const optString = (value: unknown): string | null | undefined =>
  value === undefined || value === null || value === '' ? null : typeof value === 'string' ? value : undefined;

/** WeChat's transaction JSON (query answer or TRANSACTION.* resource); null when malformed. */
function toTransaction(d: any): PayTransaction | null {
  if (typeof d !== 'object' || d === null) return null;
  if (typeof d.out_trade_no !== 'string' || typeof d.appid !== 'string' || typeof d.mchid !== 'string') return null;
  if (!TRADE_STATES.has(d.trade_state) || !isFen(d.amount?.total)) return null;
  const payerTotal = d.amount.payer_total;
  if (payerTotal !== undefined && payerTotal !== null && !isFen(payerTotal)) return null;
  const transactionId = optString(d.transaction_id);
  const openid = optString(d.payer?.openid);
  const attach = d.attach === undefined || d.attach === null ? null : typeof d.attach === 'string' ? d.attach : undefined;
  if (transactionId === undefined || openid === undefined || attach === undefined) return null;
  let successTime: string | null = null;
  if (d.success_time !== undefined && d.success_time !== null && d.success_time !== '') {
    successTime = isoTime(d.success_time);
    if (!successTime) return null;
  }
  return {
    outTradeNo: d.out_trade_no,
    transactionId,
    tradeState: d.trade_state,
    totalFen: d.amount.total,
    payerTotalFen: payerTotal ?? null,
    appid: d.appid,
    mchid: d.mchid,
    openid,
    successTime,
    attach,
  };
}

/** WeChat's refund JSON (answer: `status`; REFUND.* resource: `refund_status`); null when malformed. */
function toRefund(d: any, statusField: 'status' | 'refund_status'): PayRefund | null {
  if (typeof d !== 'object' || d === null) return null;
  if (typeof d.out_refund_no !== 'string' || typeof d.out_trade_no !== 'string' || typeof d.refund_id !== 'string') return null;
  const status = d[statusField];
  if (!REFUND_STATUSES.has(status) || !isFen(d.amount?.refund) || !isFen(d.amount?.total)) return null;
  let successTime: string | null = null;
  if (d.success_time !== undefined && d.success_time !== null && d.success_time !== '') {
    successTime = isoTime(d.success_time);
    if (!successTime) return null;
  }
  return {
    outRefundNo: d.out_refund_no,
    outTradeNo: d.out_trade_no,
    refundId: d.refund_id,
    status,
    refundFen: d.amount.refund,
    totalFen: d.amount.total,
    successTime,
  };
}
