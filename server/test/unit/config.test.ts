import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl, PAY_ENV, REPO_ROOT } from '../../src/config/config.js';

describe('configuration', () => {
  it('defaults to an SQLite file under data/', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'sqlite', file: resolve(REPO_ROOT, 'data/jifen.sqlite') });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('accepts mysql:// and mariadb:// URLs', () => {
    expect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/jifen')).toEqual({ kind: 'mysql', url: 'mysql://root@127.0.0.1:3306/jifen' });
    expect(parseDatabaseUrl('mariadb://u:p@db/jifen').kind).toBe('mysql');
  });

  it.each([
    ['not a url'],
    ['postgres://localhost/jifen'],
    ['mysql://127.0.0.1:3306'],
    ['sqlite:'],
  ])('refuses DATABASE_URL %s with a reason', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
  });

  it('refuses bad values with one-line reasons', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'test', WECHAT_APPID: 'wx0123456789abcdef' })).toThrow(/WECHAT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'test', WECHAT_APPID: 'nope', WECHAT_SECRET: 's' })).toThrow(/AppID/);
    // Subscription templates: JSON of known kinds, field types and the values each kind carries.
    const templates = (json: string) => () => loadConfig({ NODE_ENV: 'test', WECHAT_SUBSCRIBE_TEMPLATES: json });
    expect(templates('{')).toThrow(/not JSON/);
    expect(templates('{"lottery":{"id":"t","fields":{}}}')).toThrow(/unknown kind lottery/);
    expect(templates('{"checkin":{"id":"t","fields":{"thing1":["word","title"]}}}')).toThrow(/checkin.fields.thing1: unknown type word/);
    expect(templates('{"checkin":{"id":"t","fields":{"thing1":["thing","trackingNo"]}}}')).toThrow(/checkin carries no trackingNo/);
    expect(templates('{"checkin":{"id":"has space","fields":{}}}')).toThrow(/checkin.id/);
  });

  it('reads owners and WeChat settings from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'test', OWNER_OPENIDS: ' o1, o2 ,,', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's',
      WECHAT_API_BASE: 'http://127.0.0.1:9/',
    });
    expect(config.ownerOpenids).toEqual(['o1', 'o2']);
    expect(config.wechat).toEqual({ appId: 'wx0123456789abcdef', secret: 's', apiBase: 'http://127.0.0.1:9', templates: {} });
    const withTemplate = loadConfig({ NODE_ENV: 'test', WECHAT_SUBSCRIBE_TEMPLATES: '{"checkin":{"id":"tpl-1","fields":{"thing1":["thing","title"],"number2":["number","streak"]}}}' });
    expect(withTemplate.wechat.templates).toEqual({ checkin: { templateId: 'tpl-1', fields: { thing1: { type: 'thing', value: 'title' }, number2: { type: 'number', value: 'streak' } } } });
  });

  it('runs the clock ahead only outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).clockOffsetDays).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', CLOCK_OFFSET_DAYS: '30' }).clockOffsetDays).toBe(30);
    expect(() => loadConfig({ NODE_ENV: 'test', CLOCK_OFFSET_DAYS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), OPEN_API_SECRET_KEY: 'y'.repeat(40), CLOCK_OFFSET_DAYS: '30' })).toThrow(/not production/);
  });
});

describe('WeChat Pay configuration', () => {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicPem = platform.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const full = (): Record<string, string> => ({
    NODE_ENV: 'test',
    WECHAT_APPID: 'wx0123456789abcdef',
    WECHAT_SECRET: 's',
    WECHAT_PAY_MCHID: '1900000109',
    WECHAT_PAY_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    WECHAT_PAY_PRIVATE_KEY: privatePem,
    WECHAT_PAY_API_V3_KEY: 'a'.repeat(32),
    WECHAT_PAY_PUBLIC_KEY: publicPem,
    WECHAT_PAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0114232134912410000000000000',
    WECHAT_PAY_NOTIFY_BASE: 'https://shop.example.com/',
  });

  it('is off (null) when no WECHAT_PAY_* is set, even with WECHAT_PAY_API_BASE alone', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).pay).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test', WECHAT_PAY_API_BASE: 'http://127.0.0.1:9' }).pay).toBeNull();
  });

  it('reads a full merchant: keys as KeyObjects (never printed), notify URLs from the base', () => {
    const pay = loadConfig(full()).pay!;
    expect(pay).toMatchObject({
      appId: 'wx0123456789abcdef',
      mchId: '1900000109',
      serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      platformPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000000',
      apiBase: 'https://api.mch.weixin.qq.com',
      notifyUrl: 'https://shop.example.com/api/pay/notify',
      refundNotifyUrl: 'https://shop.example.com/api/pay/refund-notify',
    });
    expect(pay.privateKey.type).toBe('private');
    expect(pay.platformPublicKey.type).toBe('public');
    expect(pay.apiV3Key).toHaveLength(32);
    expect(JSON.stringify(pay)).not.toContain('PRIVATE KEY');
    expect(loadConfig({ ...full(), WECHAT_PAY_API_BASE: 'http://127.0.0.1:9/' }).pay!.apiBase).toBe('http://127.0.0.1:9');
  });

  it('reads the keys from PEM files too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jifen-pay-'));
    try {
      writeFileSync(join(dir, 'apiclient_key.pem'), privatePem);
      writeFileSync(join(dir, 'pub_key.pem'), publicPem);
      const pay = loadConfig({ ...full(), WECHAT_PAY_PRIVATE_KEY: join(dir, 'apiclient_key.pem'), WECHAT_PAY_PUBLIC_KEY: join(dir, 'pub_key.pem') }).pay!;
      expect(pay.privateKey.asymmetricKeyType).toBe('rsa');
      expect(() => loadConfig({ ...full(), WECHAT_PAY_PRIVATE_KEY: join(dir, 'missing.pem') })).toThrow(/WECHAT_PAY_PRIVATE_KEY.*no file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(PAY_ENV.map((name) => [name]))('refuses a partial merchant without %s, naming it', (name) => {
    const env = full();
    delete env[name];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`configured in part: set ${name}`));
  });

  it('refuses bad values with one-line reasons', () => {
    const bad = (patch: Record<string, string | undefined>) => () => loadConfig({ ...full(), ...patch });
    expect(bad({ WECHAT_APPID: undefined, WECHAT_SECRET: undefined })).toThrow(/WECHAT_APPID/);
    expect(bad({ WECHAT_PAY_MCHID: 'mch-1' })).toThrow(/WECHAT_PAY_MCHID/);
    expect(bad({ WECHAT_PAY_SERIAL_NO: 'not hex!' })).toThrow(/WECHAT_PAY_SERIAL_NO/);
    expect(bad({ WECHAT_PAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----' })).toThrow(/WECHAT_PAY_PRIVATE_KEY is not/);
    expect(bad({ WECHAT_PAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' })).toThrow(/WECHAT_PAY_PUBLIC_KEY is not/);
    expect(bad({ WECHAT_PAY_API_V3_KEY: 'a'.repeat(31) })).toThrow(/32 bytes/);
    expect(bad({ WECHAT_PAY_API_V3_KEY: '密'.repeat(11) })).toThrow(/32 bytes/); // 33 bytes in UTF-8
    expect(bad({ WECHAT_PAY_PUBLIC_KEY_ID: '5157F09E' })).toThrow(/PUB_KEY_ID_/);
    expect(bad({ WECHAT_PAY_NOTIFY_BASE: 'http://shop.example.com' })).toThrow(/https/);
    expect(bad({ WECHAT_PAY_NOTIFY_BASE: 'https://shop.example.com/api?x=1' })).toThrow(/WECHAT_PAY_NOTIFY_BASE/);
    expect(bad({ WECHAT_PAY_API_BASE: 'ftp://x' })).toThrow(/WECHAT_PAY_API_BASE/);
    for (const problem of [bad({ WECHAT_PAY_MCHID: 'x' }), bad({ WECHAT_PAY_API_V3_KEY: 'short' })]) {
      try {
        problem();
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
        expect((error as Error).message).not.toContain('PRIVATE KEY');
      }
    }
  });
});

const main = resolve(REPO_ROOT, 'server/dist/main.js');
describe('the built server', () => {
  it('exits at start with a one-line reason on a malformed DATABASE_URL', () => {
    expect(existsSync(main)).toBe(true); // `npm test` builds the server first
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://nowhere/db', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^configuration error: DATABASE_URL scheme "postgres:"/);
  });
});
