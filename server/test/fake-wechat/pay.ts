import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID,
} from 'node:crypto';

/**
 * A local stand-in for WeChat Pay API v3 (JSAPI, public-key mode), mounted by FakeWechat under
 * /v3/. Faithful to the protocol: it checks our requests' WECHATPAY2-SHA256-RSA2048
 * signature with the merchant public key (401 SIGN_ERROR otherwise), signs every answer
 * with the platform key (Wechatpay-Serial/-Signature/-Timestamp/-Nonce), and delivers
 * notifications encrypted with AEAD_AES_256_GCM under the APIv3 key and signed, as WeChat does.
 *
 * Keys are made per instance at test time; `env()` hands the app the matching settings.
 */
export interface FakeWechatPayOptions {
  appId: string;
  secret: string;
  baseUrl: () => string;
  mchId?: string;
  /** Send REFUND.SUCCESS right after accepting a refund (default: refunds stay PROCESSING until finishRefund). */
  autoFinishRefunds?: boolean;
}

/** What the fake's clock is: share the app's ManualClock (`pay.clock = app.clock`) so signatures' timestamps agree. */
export interface FakeClock {
  now(): Date;
}

type TradeState = 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | 'REVOKED';
type RefundStatus = 'SUCCESS' | 'PROCESSING' | 'ABNORMAL' | 'CLOSED';

export interface FakePayOrder {
  outTradeNo: string;
  prepayId: string;
  description: string;
  totalFen: number;
  openid: string;
  attach: string | null;
  notifyUrl: string;
  timeExpire: string | null;
  /** The prepay body as first received, to spot a repeat with different content. */
  fingerprint: string;
  state: TradeState;
  transactionId: string | null;
  payerTotalFen: number | null;
  successTime: string | null;
}

export interface FakePayRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  refundFen: number;
  totalFen: number;
  reason: string | null;
  notifyUrl: string | null;
  fingerprint: string;
  status: RefundStatus;
  createTime: string;
  successTime: string | null;
}

/** One notification the fake POSTed, with what the app answered. Replay it with the same headers and rawBody. */
export interface PayDelivery {
  url: string;
  eventType: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  rawBody: string;
}

export type NotificationTamper = 'signature' | 'ciphertext' | 'timestamp' | 'serial';

export interface BuiltNotification {
  headers: Record<string, string>;
  rawBody: string;
}

/** How the next answer of the API is spoiled, to test that the client refuses it. */
export type ResponseTamper = 'signature' | 'unsigned' | 'serial' | 'timestamp' | 'body';

const DEFAULT_NOTIFY_BASE = 'https://jifen.example';

export class FakeWechatPay {
  readonly mchId: string;
  readonly serialNo = randomBytes(20).toString('hex').toUpperCase();
  readonly publicKeyId = `PUB_KEY_ID_01${Array.from(randomBytes(14), (b) => String(b % 10)).join('')}`;
  /** 32 ASCII characters, as WeChat's merchant platform makes them. */
  readonly apiV3Key = randomBytes(16).toString('hex');
  readonly platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  clock: FakeClock = { now: () => new Date() };
  autoFinishRefunds: boolean;

  readonly orders = new Map<string, FakePayOrder>();
  readonly refunds = new Map<string, FakePayRefund>();
  /** Every notification delivered, oldest first. */
  readonly deliveries: PayDelivery[] = [];
  /** Every API request: method, path (with query), the status answered. */
  readonly requests: { method: string; path: string; status: number }[] = [];

  private notifyBase = DEFAULT_NOTIFY_BASE;
  private deliverOrigin: string | null = null;
  private readonly tampers: ResponseTamper[] = [];
  private readonly failures: number[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: FakeWechatPayOptions) {
    this.mchId = options.mchId ?? '1900000109';
    this.autoFinishRefunds = options.autoFinishRefunds ?? false;
  }

  /**
   * The settings for `startTestApp({ env })`: WeChat sign-in and WeChat Pay, both at this
   * fake. `notifyBase` is the public https origin in the notify URLs; deliveries go there
   * unless `deliverTo(app.baseUrl)` says where that origin really is (the test app listens
   * on http and a port known only after it starts).
   */
  env(notifyBase: string = DEFAULT_NOTIFY_BASE): Record<string, string> {
    this.notifyBase = notifyBase.replace(/\/+$/, '');
    return {
      WECHAT_APPID: this.options.appId,
      WECHAT_SECRET: this.options.secret,
      WECHAT_API_BASE: this.options.baseUrl(),
      WECHAT_PAY_MCHID: this.mchId,
      WECHAT_PAY_SERIAL_NO: this.serialNo,
      WECHAT_PAY_PRIVATE_KEY: this.merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      WECHAT_PAY_API_V3_KEY: this.apiV3Key,
      WECHAT_PAY_PUBLIC_KEY: this.platform.publicKey.export({ type: 'spki', format: 'pem' }) as string,
      WECHAT_PAY_PUBLIC_KEY_ID: this.publicKeyId,
      WECHAT_PAY_API_BASE: this.options.baseUrl(),
      WECHAT_PAY_NOTIFY_BASE: this.notifyBase,
    };
  }

  /** Deliveries to the notify origin go to this origin instead (a tunnel in front of the test app). */
  deliverTo(origin: string | null): void {
    this.deliverOrigin = origin ? origin.replace(/\/+$/, '') : null;
  }

  /** The next API answers are spoiled this way, in order. */
  tamperNextResponse(...how: ResponseTamper[]): void {
    this.tampers.push(...how);
  }

  /** The next API calls answer with these HTTP statuses (5xx: SYSTEM_ERROR), in order. */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Resolves when every notification in flight (refund auto-finish…) has been answered. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /**
   * The shopper pays: the order becomes SUCCESS and TRANSACTION.SUCCESS is delivered to its
   * notify_url. Resolves with the delivery (replay it with its headers and rawBody).
   */
  async complete(outTradeNo: string, opts: { payerTotalFen?: number } = {}): Promise<PayDelivery> {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
    if (order.state !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${order.state}, cannot pay`);
    if (order.timeExpire && new Date(order.timeExpire).getTime() <= this.clock.now().getTime()) {
      throw new Error(`fake WeChat Pay: order ${outTradeNo} expired at ${order.timeExpire}`);
    }
    order.state = 'SUCCESS';
    order.transactionId = `4200${Array.from(randomBytes(24), (b) => String(b % 10)).join('')}`;
    order.payerTotalFen = opts.payerTotalFen ?? order.totalFen;
    order.successTime = rfc3339(this.clock.now());
    return this.redeliver(outTradeNo);
  }

  /** Delivers TRANSACTION.SUCCESS for a paid order again, freshly signed (WeChat's retries). */
  async redeliver(outTradeNo: string): Promise<PayDelivery> {
    const order = this.orders.get(outTradeNo);
    if (!order?.transactionId) throw new Error(`fake WeChat Pay: order ${outTradeNo} is not paid`);
    return this.sendNotification(order.notifyUrl, this.transactionJson(order), { eventType: 'TRANSACTION.SUCCESS' });
  }

  /** A PROCESSING refund ends: the status changes and REFUND.<status> goes to its notify_url. */
  async finishRefund(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED' = 'SUCCESS'): Promise<PayDelivery> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
    if (refund.status !== 'PROCESSING') throw new Error(`fake WeChat Pay: refund ${outRefundNo} is already ${refund.status}`);
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = rfc3339(this.clock.now());
    const url = refund.notifyUrl ?? `${this.notifyBase}/api/pay/refund-notify`;
    return this.sendNotification(url, this.refundNotifyResource(refund), { eventType: `REFUND.${status}` });
  }

  /** POSTs a notification carrying `resource` (encrypted) to `url`, signed, or spoiled as `tamper` says. */
  async sendNotification(
    url: string,
    resource: object,
    opts: { eventType: string; tamper?: NotificationTamper },
  ): Promise<PayDelivery> {
    const built = this.buildNotification(resource, opts);
    const target = this.deliverOrigin && url.startsWith(`${this.notifyBase}/`)
      ? this.deliverOrigin + url.slice(this.notifyBase.length)
      : url;
    const delivery = (async () => {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/4.0', ...built.headers },
        body: built.rawBody,
        signal: AbortSignal.timeout(5_000),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* keep the text */
      }
      const record: PayDelivery = { url: target, eventType: opts.eventType, status: response.status, body, ...built };
      this.deliveries.push(record);
      return record;
    })();
    this.pending.add(delivery);
    try {
      return await delivery;
    } finally {
      this.pending.delete(delivery);
    }
  }

  /**
   * The headers and body WeChat Pay would POST for `resource`, without sending it.
   * `timestampOffsetSec` moves the signed timestamp (e.g. +600 for one from the future).
   */
  buildNotification(
    resource: object,
    opts: { eventType: string; tamper?: NotificationTamper; timestampOffsetSec?: number },
  ): BuiltNotification {
    const kind = opts.eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
    const nonce = randomBytes(6).toString('hex');
    const associatedData = kind;
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(this.apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    if (opts.tamper === 'ciphertext') sealed[sealed.length - 1] ^= 0x01; // the GCM tag
    const now = this.clock.now();
    const body = {
      id: randomUUID(),
      create_time: rfc3339(now),
      resource_type: 'encrypt-resource',
      event_type: opts.eventType,
      summary: kind === 'refund' ? '退款成功' : '支付成功',
      resource: {
        original_type: kind,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: sealed.toString('base64'),
        associated_data: associatedData,
        nonce,
      },
    };
    const rawBody = JSON.stringify(body);
    let offset = opts.timestampOffsetSec ?? 0;
    if (opts.tamper === 'timestamp') offset -= 10 * 60;
    const headers = this.signedHeaders(rawBody, Math.floor(now.getTime() / 1000) + offset);
    if (opts.tamper === 'signature') headers['Wechatpay-Signature'] = this.sign(`${headers['Wechatpay-Timestamp']}\n${headers['Wechatpay-Nonce']}\n${rawBody} \n`);
    if (opts.tamper === 'serial') headers['Wechatpay-Serial'] = 'PUB_KEY_ID_0000000000000000000000000000';
    return { headers, rawBody };
  }

  // ————— HTTP API —————

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = await text(req);
    const method = req.method ?? 'GET';
    const pathAndQuery = url.pathname + url.search;
    const answer = (status: number, body?: unknown) => {
      this.requests.push({ method, path: pathAndQuery, status });
      this.respond(res, status, body);
    };
    const failure = this.failures.shift();
    if (failure !== undefined) {
      this.requests.push({ method, path: pathAndQuery, status: failure });
      res.writeHead(failure, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: '系统错误' }));
    }
    const authProblem = this.checkAuthorization(req, method, pathAndQuery, raw);
    if (authProblem) {
      this.requests.push({ method, path: pathAndQuery, status: 401 });
      res.writeHead(401, { 'content-type': 'application/json' }); // unsigned, as WeChat's are
      return void res.end(JSON.stringify({ code: 'SIGN_ERROR', message: authProblem }));
    }
    let body: Record<string, any> = {};
    if (method === 'POST') {
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(400, { code: 'PARAM_ERROR', message: '请求体不是合法的 JSON' });
      }
      if (typeof body !== 'object' || body === null) return answer(400, { code: 'PARAM_ERROR', message: '请求体不是对象' });
    }
    const p = url.pathname;
    let m: RegExpMatchArray | null;
    if (method === 'POST' && p === '/v3/pay/transactions/jsapi') return this.jsapi(body, answer);
    if (method === 'GET' && (m = p.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/))) {
      if (url.searchParams.get('mchid') !== this.mchId) return answer(400, { code: 'PARAM_ERROR', message: 'mchid 与请求不符' });
      const order = this.orders.get(decodeURIComponent(m[1]));
      if (!order) return answer(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return answer(200, this.transactionJson(order));
    }
    if (method === 'POST' && (m = p.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/))) {
      if (body.mchid !== this.mchId) return answer(400, { code: 'PARAM_ERROR', message: 'mchid 与请求不符' });
      const order = this.orders.get(decodeURIComponent(m[1]));
      if (!order) return answer(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      if (order.state === 'SUCCESS' || order.state === 'REFUND') return answer(400, { code: 'ORDERPAID', message: '订单已支付' });
      order.state = 'CLOSED';
      return answer(204);
    }
    if (method === 'POST' && p === '/v3/refund/domestic/refunds') return this.refund(body, answer);
    if (method === 'GET' && (m = p.match(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/))) {
      const refund = this.refunds.get(decodeURIComponent(m[1]));
      if (!refund) return answer(404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return answer(200, this.refundJson(refund));
    }
    answer(404, { code: 'NOT_FOUND', message: '接口不存在' });
  }

  private jsapi(body: Record<string, any>, answer: (status: number, body?: unknown) => void): void {
    const bad = (message: string) => answer(400, { code: 'PARAM_ERROR', message });
    if (body.appid !== this.options.appId) return answer(400, { code: 'APPID_MCHID_NOT_MATCH', message: 'appid和mch_id不匹配' });
    if (body.mchid !== this.mchId) return answer(400, { code: 'APPID_MCHID_NOT_MATCH', message: 'appid和mch_id不匹配' });
    if (typeof body.description !== 'string' || body.description.length < 1 || body.description.length > 127) return bad('description 长度应为 1–127');
    if (typeof body.out_trade_no !== 'string' || !/^[0-9A-Za-z_\-|*]{6,32}$/.test(body.out_trade_no)) return bad('out_trade_no 应为 6–32 位数字、字母、_-|*');
    if (typeof body.notify_url !== 'string' || !/^https:\/\/[^?#]+$/.test(body.notify_url)) return bad('notify_url 必须是 https 且不带参数');
    if (body.time_expire !== undefined && (typeof body.time_expire !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/.test(body.time_expire) || Number.isNaN(Date.parse(body.time_expire)))) {
      return bad('time_expire 格式错误 (RFC 3339)');
    }
    if (body.attach !== undefined && (typeof body.attach !== 'string' || body.attach.length > 128)) return bad('attach 超长');
    const total = body.amount?.total;
    if (!Number.isInteger(total) || total <= 0) return bad('amount.total 必须是大于 0 的整数（分）');
    if (body.amount.currency !== undefined && body.amount.currency !== 'CNY') return bad('amount.currency 只支持 CNY');
    if (typeof body.payer?.openid !== 'string' || !body.payer.openid) return bad('payer.openid 必填');

    const fingerprint = JSON.stringify([body.description, total, body.payer.openid, body.attach ?? null, body.notify_url, body.time_expire ?? null]);
    const existing = this.orders.get(body.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return answer(400, { code: 'ORDERPAID', message: '订单已支付' });
      if (existing.state === 'CLOSED') return answer(400, { code: 'ORDER_CLOSED', message: '订单已关闭' });
      if (existing.fingerprint !== fingerprint) return answer(400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' });
      return answer(200, { prepay_id: existing.prepayId });
    }
    const order: FakePayOrder = {
      outTradeNo: body.out_trade_no,
      prepayId: `wx${randomBytes(16).toString('hex')}`,
      description: body.description,
      totalFen: total,
      openid: body.payer.openid,
      attach: body.attach ?? null,
      notifyUrl: body.notify_url,
      timeExpire: body.time_expire ?? null,
      fingerprint,
      state: 'NOTPAY',
      transactionId: null,
      payerTotalFen: null,
      successTime: null,
    };
    this.orders.set(order.outTradeNo, order);
    answer(200, { prepay_id: order.prepayId });
  }

  private refund(body: Record<string, any>, answer: (status: number, body?: unknown) => void): void {
    const bad = (message: string) => answer(400, { code: 'PARAM_ERROR', message });
    if (typeof body.out_refund_no !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(body.out_refund_no)) return bad('out_refund_no 格式错误');
    if (typeof body.out_trade_no !== 'string') return bad('out_trade_no 必填');
    if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 80)) return bad('reason 超长');
    if (body.notify_url !== undefined && (typeof body.notify_url !== 'string' || !/^https:\/\/[^?#]+$/.test(body.notify_url))) return bad('notify_url 必须是 https 且不带参数');
    const refundFen = body.amount?.refund;
    const totalFen = body.amount?.total;
    if (!Number.isInteger(refundFen) || refundFen <= 0) return bad('amount.refund 必须是大于 0 的整数（分）');
    if (!Number.isInteger(totalFen) || totalFen <= 0) return bad('amount.total 必须是大于 0 的整数（分）');
    if (body.amount.currency !== 'CNY') return bad('amount.currency 必填，只支持 CNY');

    const fingerprint = JSON.stringify([body.out_trade_no, refundFen, totalFen]);
    const existing = this.refunds.get(body.out_refund_no);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return answer(400, { code: 'INVALID_REQUEST', message: '同一退款单号的请求参数不一致' });
      return answer(200, this.refundJson(existing));
    }
    const order = this.orders.get(body.out_trade_no);
    if (!order) return answer(404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return answer(400, { code: 'INVALID_REQUEST', message: '订单未支付' });
    if (totalFen !== order.totalFen) return answer(400, { code: 'PARAM_ERROR', message: '订单金额与原订单不一致' });
    const refunded = [...this.refunds.values()]
      .filter((r) => r.outTradeNo === order.outTradeNo && (r.status === 'SUCCESS' || r.status === 'PROCESSING'))
      .reduce((sum, r) => sum + r.refundFen, 0);
    if (refundFen > order.totalFen - refunded) return answer(400, { code: 'INVALID_REQUEST', message: '申请退款金额超过订单可退金额' });

    const refund: FakePayRefund = {
      outRefundNo: body.out_refund_no,
      refundId: `5030${Array.from(randomBytes(24), (b) => String(b % 10)).join('')}`,
      outTradeNo: order.outTradeNo,
      refundFen,
      totalFen,
      reason: body.reason ?? null,
      notifyUrl: body.notify_url ?? null,
      fingerprint,
      status: 'PROCESSING',
      createTime: rfc3339(this.clock.now()),
      successTime: null,
    };
    this.refunds.set(refund.outRefundNo, refund);
    order.state = 'REFUND';
    answer(200, this.refundJson(refund));
    if (this.autoFinishRefunds) {
      // after the answer has gone; idle() waits for it
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.finishRefund(refund.outRefundNo, 'SUCCESS'))
        .catch(() => undefined);
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    }
  }

  private checkAuthorization(req: IncomingMessage, method: string, pathAndQuery: string, raw: string): string | null {
    const header = req.headers.authorization ?? '';
    const m = header.match(/^WECHATPAY2-SHA256-RSA2048 (.+)$/);
    if (!m) return 'Authorization 缺失或认证类型不支持';
    const fields: Record<string, string> = {};
    for (const part of m[1].matchAll(/(\w+)="([^"]*)"/g)) fields[part[1]] = part[2];
    if (fields.mchid !== this.mchId) return '商户号与 Authorization 不符';
    if (fields.serial_no !== this.serialNo) return '商户证书序列号不符';
    const ts = Number(fields.timestamp);
    if (!Number.isInteger(ts) || Math.abs(ts * 1000 - this.clock.now().getTime()) > 5 * 60_000) return '签名时间戳过期';
    if (!fields.nonce_str || !fields.signature) return 'Authorization 缺少字段';
    const message = `${method}\n${pathAndQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${raw}\n`;
    const ok = createVerify('RSA-SHA256').update(message).verify(this.merchant.publicKey, fields.signature, 'base64');
    return ok ? null : '签名错误';
  }

  private respond(res: ServerResponse, status: number, body?: unknown): void {
    let raw = body === undefined ? '' : JSON.stringify(body);
    const headers = this.signedHeaders(raw, Math.floor(this.clock.now().getTime() / 1000));
    switch (this.tampers.shift()) {
      case 'signature':
        headers['Wechatpay-Signature'] = this.sign('something else');
        break;
      case 'unsigned':
        delete headers['Wechatpay-Signature'];
        delete headers['Wechatpay-Serial'];
        break;
      case 'serial':
        headers['Wechatpay-Serial'] = 'PUB_KEY_ID_0000000000000000000000000000';
        break;
      case 'timestamp': {
        const old = String(Math.floor(this.clock.now().getTime() / 1000) - 600);
        headers['Wechatpay-Timestamp'] = old;
        headers['Wechatpay-Signature'] = this.sign(`${old}\n${headers['Wechatpay-Nonce']}\n${raw}\n`);
        break;
      }
      case 'body':
        raw = raw ? `${raw.slice(0, -1)} ${raw.slice(-1)}` : ' '; // still JSON, but not what was signed
        break;
      default:
    }
    res.writeHead(status, {
      ...(raw ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'request-id': randomUUID(),
      ...headers,
    });
    res.end(raw);
  }

  private signedHeaders(rawBody: string, timestamp: number): Record<string, string> {
    const nonce = randomBytes(16).toString('hex').toUpperCase();
    return {
      'Wechatpay-Serial': this.publicKeyId,
      'Wechatpay-Timestamp': String(timestamp),
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': this.sign(`${timestamp}\n${nonce}\n${rawBody}\n`),
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  private sign(message: string): string {
    return createSign('RSA-SHA256').update(message).sign(this.platform.privateKey, 'base64');
  }

  /** An order as the query API (and the decrypted TRANSACTION.SUCCESS resource) shows it. */
  transactionJson(order: FakePayOrder): Record<string, unknown> {
    const paid = order.transactionId !== null;
    const desc: Record<TradeState, string> = {
      SUCCESS: '支付成功', NOTPAY: '未支付', CLOSED: '已关闭', REFUND: '转入退款', USERPAYING: '用户支付中', PAYERROR: '支付失败', REVOKED: '已撤销',
    };
    return {
      appid: this.options.appId,
      mchid: this.mchId,
      out_trade_no: order.outTradeNo,
      ...(paid ? { transaction_id: order.transactionId, trade_type: 'JSAPI', bank_type: 'OTHERS', success_time: order.successTime } : {}),
      trade_state: order.state,
      trade_state_desc: desc[order.state],
      ...(order.attach !== null ? { attach: order.attach } : {}),
      payer: { openid: order.openid },
      amount: paid
        ? { total: order.totalFen, payer_total: order.payerTotalFen, currency: 'CNY', payer_currency: 'CNY' }
        : { total: order.totalFen, currency: 'CNY' },
    };
  }

  refundJson(refund: FakePayRefund): Record<string, unknown> {
    const order = this.orders.get(refund.outTradeNo)!;
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: order.transactionId,
      out_trade_no: refund.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      create_time: refund.createTime,
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: refund.totalFen,
        refund: refund.refundFen,
        payer_total: order.payerTotalFen ?? refund.totalFen,
        payer_refund: refund.refundFen,
        settlement_refund: refund.refundFen,
        settlement_total: refund.totalFen,
        discount_refund: 0,
        currency: 'CNY',
        refund_fee: 0,
      },
    };
  }

  /** The decrypted resource of a REFUND.* notification. */
  refundNotifyResource(refund: FakePayRefund): Record<string, unknown> {
    const order = this.orders.get(refund.outTradeNo)!;
    return {
      mchid: this.mchId,
      out_trade_no: refund.outTradeNo,
      transaction_id: order.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.totalFen, refund: refund.refundFen, payer_total: order.payerTotalFen ?? refund.totalFen, payer_refund: refund.refundFen },
    };
  }
}

/** RFC 3339 in Beijing time, as WeChat Pay writes times: 2026-03-01T10:00:00+08:00. */
export function rfc3339(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
