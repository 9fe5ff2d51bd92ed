import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { FakeWechat } from '../fake-wechat/server.js';
import { WechatPayClient } from '../../src/pay/wechatpay.client.js';
import { loadConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/common/clock.js';
import { DomainError } from '../../src/common/errors.js';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../../src/config/config.module.js';
import { PayModule } from '../../src/pay/pay.module.js';

const APPID = 'wx0123456789abcdef';

describe('WechatPayClient against the fake WeChat Pay', () => {
  let wechat: FakeWechat;
  let clock: ManualClock;
  let client: WechatPayClient;
  let env: Record<string, string>;
  let seq = 0;
  /** Stands in for our app at the notify origin: verifies each notification with the client. */
  let receiver: Server;
  const received: { path: string; kind: string }[] = [];
  const tradeNo = () => `T${Date.now()}${++seq}`;

  beforeAll(async () => {
    wechat = await new FakeWechat({ appId: APPID, secret: 's3cret' }).start();
    clock = new ManualClock('2026-03-01T02:00:00.000Z');
    wechat.pay.clock = clock;
    env = wechat.pay.env('https://shop.example.com');
    client = new WechatPayClient(loadConfig({ NODE_ENV: 'test', ...env }), clock);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const note = client.verifyNotification(req.headers, Buffer.concat(chunks).toString('utf8'));
          received.push({ path: req.url ?? '', kind: note.kind });
          res.writeHead(204).end();
        } catch (error) {
          res.writeHead((error as DomainError).status ?? 500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: (error as DomainError).code, message: 'refused' }));
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    wechat.pay.deliverTo(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await wechat.stop();
  });

  const prepay = (outTradeNo: string, totalFen = 1999) =>
    client.prepay({
      outTradeNo, description: '积分商城-订单', totalFen, openid: 'o-shopper', attach: 'order:1',
      expireAt: new Date(clock.now().getTime() + 30 * 60_000),
    });

  it('is provided by PayModule with the app\'s config and clock', async () => {
    const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig({ NODE_ENV: 'test', ...env }), clock), PayModule] }).compile();
    expect(module.get(WechatPayClient).configured).toBe(true);
    await module.close();
  });

  it('is not configured without WECHAT_PAY_* and says so', async () => {
    const bare = new WechatPayClient(loadConfig({ NODE_ENV: 'test' }), clock);
    expect(bare.configured).toBe(false);
    expect(client.configured).toBe(true);
    await expect(bare.query('T1234567')).rejects.toMatchObject({ code: 'PAY_NOT_CONFIGURED' });
  });

  it('prepays: wx.requestPayment parameters signed with the merchant key, time from the clock', async () => {
    const no = tradeNo();
    const params = await prepay(no);
    expect(params).toMatchObject({ signType: 'RSA', timeStamp: String(Date.parse('2026-03-01T02:00:00Z') / 1000) });
    expect(params.package).toMatch(/^prepay_id=wx[0-9a-f]{32}$/);
    expect(params.nonceStr).toMatch(/^[0-9a-f]{32}$/);
    const message = `${APPID}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(wechat.pay.merchant.publicKey, params.paySign, 'base64')).toBe(true);
    const order = wechat.pay.orders.get(no)!;
    expect(order).toMatchObject({ totalFen: 1999, openid: 'o-shopper', attach: 'order:1', notifyUrl: 'https://shop.example.com/api/pay/notify', timeExpire: '2026-03-01T10:30:00+08:00' });
    // the same request again is the same prepay; the same number with other content is refused
    await expect(prepay(no)).resolves.toMatchObject({ package: params.package });
    await expect(prepay(no, 2000)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses bad input before calling WeChat', async () => {
    const before = wechat.pay.requests.length;
    await expect(prepay('short')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(prepay(tradeNo(), 0)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(prepay(tradeNo(), 9.5)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.query('../../x')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(wechat.pay.requests.length).toBe(before);
  });

  it('queries an order before and after the shopper pays; unknown orders are null', async () => {
    await expect(client.query(tradeNo())).resolves.toBeNull();
    const no = tradeNo();
    await prepay(no);
    await expect(client.query(no)).resolves.toEqual({
      outTradeNo: no, transactionId: null, tradeState: 'NOTPAY', totalFen: 1999, payerTotalFen: null,
      appid: APPID, mchid: wechat.pay.mchId, openid: 'o-shopper', successTime: null, attach: 'order:1',
    });
    clock.advance(60_000);
    const delivery = await wechat.pay.complete(no);
    expect(delivery).toMatchObject({ status: 204, eventType: 'TRANSACTION.SUCCESS' });
    expect(received.at(-1)).toEqual({ path: '/api/pay/notify', kind: 'transaction' });
    // replayed as is (WeChat's duplicates): still verifies while inside the 5 minutes
    expect(client.verifyNotification(delivery.headers, delivery.rawBody).kind).toBe('transaction');
    const paid = await client.query(no);
    expect(paid).toMatchObject({ tradeState: 'SUCCESS', totalFen: 1999, payerTotalFen: 1999, successTime: '2026-03-01T02:01:00.000Z' });
    expect(paid!.transactionId).toMatch(/^4200\d{24}$/);
  });

  it('closes an unpaid order; a paid one is ORDER_STATE', async () => {
    const no = tradeNo();
    await prepay(no);
    await client.close(no);
    await expect(client.query(no)).resolves.toMatchObject({ tradeState: 'CLOSED' });
    await client.close(tradeNo()); // never prepaid: nothing to close
    const paid = tradeNo();
    await prepay(paid);
    await wechat.pay.complete(paid);
    await expect(client.close(paid)).rejects.toMatchObject({ code: 'ORDER_STATE' });
  });

  it('refunds (idempotent per out_refund_no, never past what is left) and queries refunds', async () => {
    const no = tradeNo();
    await prepay(no, 1000);
    await wechat.pay.complete(no);
    const first = await client.refund({ outTradeNo: no, outRefundNo: `${no}R1`, refundFen: 600, totalFen: 1000, reason: '不想要了' });
    expect(first).toMatchObject({ outRefundNo: `${no}R1`, outTradeNo: no, status: 'PROCESSING', refundFen: 600, totalFen: 1000, successTime: null });
    const again = await client.refund({ outTradeNo: no, outRefundNo: `${no}R1`, refundFen: 600, totalFen: 1000, reason: '不想要了' });
    expect(again.refundId).toBe(first.refundId);
    await expect(client.refund({ outTradeNo: no, outRefundNo: `${no}R2`, refundFen: 401, totalFen: 1000, reason: 'x' }))
      .rejects.toMatchObject({ code: 'REFUND_EXCEEDS' });
    await expect(client.queryRefund(`${no}R1`)).resolves.toMatchObject({ status: 'PROCESSING', refundId: first.refundId });
    const done = await wechat.pay.finishRefund(`${no}R1`, 'SUCCESS');
    expect(done).toMatchObject({ status: 204, eventType: 'REFUND.SUCCESS' });
    expect(received.at(-1)).toEqual({ path: '/api/pay/refund-notify', kind: 'refund' });
    await expect(client.queryRefund(`${no}R1`)).resolves.toMatchObject({ status: 'SUCCESS', successTime: clock.now().toISOString() });
    await expect(client.queryRefund(`${no}R9`)).resolves.toBeNull();
    await expect(client.query(no)).resolves.toMatchObject({ tradeState: 'REFUND' });
  });

  it('with autoFinishRefunds, sends REFUND.SUCCESS right after accepting', async () => {
    const no = tradeNo();
    await prepay(no, 500);
    await wechat.pay.complete(no);
    wechat.pay.autoFinishRefunds = true;
    try {
      const refund = await client.refund({ outTradeNo: no, outRefundNo: `${no}A`, refundFen: 500, totalFen: 500, reason: '' });
      expect(refund.status).toBe('PROCESSING');
      await wechat.pay.idle();
      expect(wechat.pay.deliveries.at(-1)).toMatchObject({ eventType: 'REFUND.SUCCESS', status: 204 });
      expect(received.at(-1)).toEqual({ path: '/api/pay/refund-notify', kind: 'refund' });
      await expect(client.queryRefund(`${no}A`)).resolves.toMatchObject({ status: 'SUCCESS', refundFen: 500 });
    } finally {
      wechat.pay.autoFinishRefunds = false;
    }
  });

  it.each(['signature', 'unsigned', 'serial', 'timestamp', 'body'] as const)(
    'refuses an answer with a %s problem as PAY_UNAVAILABLE',
    async (how) => {
      wechat.pay.tamperNextResponse(how);
      const error = await client.query(tradeNo()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('PAY_UNAVAILABLE');
    },
  );

  it('reports 5xx and an unreachable WeChat Pay as PAY_UNAVAILABLE', async () => {
    wechat.pay.failNext(500);
    await expect(client.query(tradeNo())).rejects.toMatchObject({ code: 'PAY_UNAVAILABLE' });
    const offline = new WechatPayClient(loadConfig({ NODE_ENV: 'test', ...env, WECHAT_PAY_API_BASE: 'http://127.0.0.1:1' }), clock);
    await expect(offline.query(tradeNo())).rejects.toMatchObject({ code: 'PAY_UNAVAILABLE' });
  });

  it('is refused (401) by WeChat Pay when its request signature is not the merchant\'s', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const impostor = new WechatPayClient(loadConfig({ NODE_ENV: 'test', ...env, WECHAT_PAY_PRIVATE_KEY: other }), clock);
    await expect(impostor.query(tradeNo())).rejects.toMatchObject({ code: 'PAY_UNAVAILABLE', details: { status: 401, wechatCode: 'SIGN_ERROR' } });
    expect(wechat.pay.requests.at(-1)!.status).toBe(401);
  });

  describe('verifyNotification', () => {
    const transaction = () => ({
      appid: APPID, mchid: wechat.pay.mchId, out_trade_no: 'T20260301001', transaction_id: '4200000000202603011234567890',
      trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', attach: '',
      success_time: '2026-03-01T10:00:00+08:00', payer: { openid: 'o-shopper' },
      amount: { total: 1999, payer_total: 1999, currency: 'CNY', payer_currency: 'CNY' },
    });
    const expectCode = (fn: () => unknown, code: string) => {
      let thrown: unknown;
      try {
        fn();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe(code);
    };

    it('accepts a real payment notification and maps it', () => {
      const { headers, rawBody } = wechat.pay.buildNotification(transaction(), { eventType: 'TRANSACTION.SUCCESS' });
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const note = client.verifyNotification(lower, rawBody);
      expect(note).toMatchObject({
        eventType: 'TRANSACTION.SUCCESS', createTime: clock.now().toISOString(), kind: 'transaction',
        transaction: {
          outTradeNo: 'T20260301001', transactionId: '4200000000202603011234567890', tradeState: 'SUCCESS', totalFen: 1999,
          payerTotalFen: 1999, appid: APPID, mchid: wechat.pay.mchId, openid: 'o-shopper', successTime: '2026-03-01T02:00:00.000Z', attach: '',
        },
      });
      expect(note.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('accepts a refund notification and maps it', () => {
      const resource = {
        mchid: wechat.pay.mchId, out_trade_no: 'T20260301001', transaction_id: '4200000000202603011234567890', out_refund_no: 'R1',
        refund_id: '50300000000000000000000000000', refund_status: 'SUCCESS', success_time: '2026-03-01T10:05:00+08:00',
        user_received_account: '支付用户零钱', amount: { total: 1999, refund: 500, payer_total: 1999, payer_refund: 500 },
      };
      const { headers, rawBody } = wechat.pay.buildNotification(resource, { eventType: 'REFUND.SUCCESS' });
      expect(client.verifyNotification(headers, rawBody)).toMatchObject({
        kind: 'refund', eventType: 'REFUND.SUCCESS',
        refund: { outRefundNo: 'R1', outTradeNo: 'T20260301001', refundId: resource.refund_id, status: 'SUCCESS', refundFen: 500, totalFen: 1999, successTime: '2026-03-01T02:05:00.000Z' },
      });
    });

    it.each([
      ['signature', 'PAY_SIGNATURE_INVALID'],
      ['serial', 'PAY_SIGNATURE_INVALID'],
      ['timestamp', 'PAY_SIGNATURE_INVALID'],
      ['ciphertext', 'PAY_NOTIFY_INVALID'],
    ] as const)('refuses a notification with a tampered %s as %s', (tamper, code) => {
      const { headers, rawBody } = wechat.pay.buildNotification(transaction(), { eventType: 'TRANSACTION.SUCCESS', tamper });
      expectCode(() => client.verifyNotification(headers, rawBody), code);
    });

    it('refuses timestamps more than 5 minutes old or ahead, accepts within', () => {
      for (const [offset, ok] of [[-301, false], [301, false], [-290, true], [290, true]] as const) {
        const { headers, rawBody } = wechat.pay.buildNotification(transaction(), { eventType: 'TRANSACTION.SUCCESS', timestampOffsetSec: offset });
        if (ok) expect(client.verifyNotification(headers, rawBody).kind).toBe('transaction');
        else expectCode(() => client.verifyNotification(headers, rawBody), 'PAY_SIGNATURE_INVALID');
      }
    });

    it('refuses a body changed after signing, missing headers, and garbage', () => {
      const { headers, rawBody } = wechat.pay.buildNotification(transaction(), { eventType: 'TRANSACTION.SUCCESS' });
      expectCode(() => client.verifyNotification(headers, rawBody.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESZ')), 'PAY_SIGNATURE_INVALID');
      expectCode(() => client.verifyNotification({}, rawBody), 'PAY_SIGNATURE_INVALID');
      // signed garbage (a valid signature over a body that is not a notification)
      const signed = (body: string) => {
        const built = wechat.pay.buildNotification(transaction(), { eventType: 'TRANSACTION.SUCCESS' });
        const sig = createSign('RSA-SHA256').update(`${built.headers['Wechatpay-Timestamp']}\n${built.headers['Wechatpay-Nonce']}\n${body}\n`).sign(wechat.pay.platform.privateKey, 'base64');
        return { ...built.headers, 'Wechatpay-Signature': sig };
      };
      for (const garbage of ['', 'not json', '[]', '{"id":"x"}', JSON.stringify({ ...JSON.parse(rawBody), resource: { ...JSON.parse(rawBody).resource, ciphertext: 'AAAA' } })]) {
        expectCode(() => client.verifyNotification(signed(garbage), garbage), 'PAY_NOTIFY_INVALID');
      }
      // a well-encrypted resource that is not a transaction
      const odd = wechat.pay.buildNotification({ hello: 'world' }, { eventType: 'TRANSACTION.SUCCESS' });
      expectCode(() => client.verifyNotification(odd.headers, odd.rawBody), 'PAY_NOTIFY_INVALID');
    });
  });
});
