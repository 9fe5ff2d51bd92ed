#!/usr/bin/env node
// `npm run pos:demo`: a store's till against the running shop (`npm start`, or POS_BASE_URL).
// It signs every request as the open API asks (see the OpenAPI document at /api/docs): as the
// demo owner it makes a key, reads 小明's member code as his phone would show it, then earns for
// a purchase, spends with the code, and reverses part of the spend, printing each answer.
// Uses the development sign-in, so it runs against a shop without a WeChat AppID.
import { createHash, createHmac, randomUUID } from 'node:crypto';

const BASE = process.env.POS_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const STORE = 'nanjing-rd';

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** One signed open-API call (the scheme in the OpenAPI document's description). */
export async function signedCall({ base = BASE, keyId, secret }, method, path, body) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const url = new URL(path, base);
  const query = [...url.searchParams].map(([k, v]) => [enc(k), enc(v)]).sort().map(([k, v]) => `${k}=${v}`).join('&');
  const timestamp = String(Date.now());
  const nonce = randomUUID().replaceAll('-', '');
  const sha = createHash('sha256').update(raw).digest('hex');
  const signature = createHmac('sha256', secret).update([method, url.pathname, query, timestamp, nonce, sha].join('\n')).digest('hex');
  const res = await fetch(url, {
    method, body: raw || undefined,
    headers: {
      ...(raw ? { 'content-type': 'application/json' } : {}),
      'x-jifen-key': keyId, 'x-jifen-timestamp': timestamp, 'x-jifen-nonce': nonce, 'x-jifen-content-sha256': sha, 'x-jifen-signature': signature,
    },
  });
  return { status: res.status, body: await res.json() };
}

async function app(method, path, { token, body } = {}) {
  const res = await fetch(new URL(path, BASE), {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.code} ${json.message}`);
  return json;
}

const show = (what, r) => console.log(`${what.padEnd(28)} ${r.status}  ${JSON.stringify(r.body)}`);

async function main() {
  console.log(`POS demo against ${BASE}`);
  const owner = await app('POST', '/api/auth/dev', { body: { nickname: '店主老林' } });
  const key = await app('POST', '/api/admin/open-api/keys', { token: owner.accessToken, body: { name: `POS 演示 ${new Date().toISOString().slice(0, 16)}`, scopes: ['members:read', 'points:earn', 'points:spend'] } });
  console.log(`key ${key.keyId} (secret shown once, kept by the till)`);
  const pos = { keyId: key.keyId, secret: key.secret };

  const member = await app('POST', '/api/auth/dev', { body: { nickname: '小明' } });
  const { code } = await app('GET', '/api/me/member-code', { token: member.accessToken });
  console.log(`小明's member code, scanned at the till: ${code}`);
  const found = await signedCall(pos, 'GET', `/open/v1/members/lookup?code=${code}`);
  show('lookup by code', found);
  const order = `POS-${Date.now()}`;
  show('earn ¥88.00', await signedCall(pos, 'POST', '/open/v1/points/earn', { memberId: found.body.memberId, amountFen: 8800, storeId: STORE, posOrderNo: order }));
  show('earn again (a retry)', await signedCall(pos, 'POST', '/open/v1/points/earn', { memberId: found.body.memberId, amountFen: 8800, storeId: STORE, posOrderNo: order }));
  const spendOrder = `${order}-S`;
  show('spend 100 with the code', await signedCall(pos, 'POST', '/open/v1/points/spend', { memberCode: code, points: 100, storeId: STORE, posOrderNo: spendOrder }));
  show('the same code again', await signedCall(pos, 'POST', '/open/v1/points/spend', { memberCode: code, points: 100, storeId: STORE, posOrderNo: `${order}-S2` }));
  show('refund: give back 40', await signedCall(pos, 'POST', '/open/v1/points/reverse', { storeId: STORE, posOrderNo: spendOrder, of: 'spend', points: 40, refundNo: `${order}-R1` }));
  const tampered = { ...pos, secret: `${pos.secret}x` };
  show('a wrongly signed request', await signedCall(tampered, 'GET', '/open/v1/ping'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
