import { createPrivateKey, createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReminderTemplates, type ReminderKind, type ReminderTemplate } from '@jifen/shared';

/** The repository root, found from this file (src/config or dist/config). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'mysql'; url: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  jwt: { secret: string; accessTtl: number; refreshTtl: number };
  /** Encrypts the open API's key secrets at rest (OPEN_API_SECRET_KEY). */
  openApi: { encryptionKey: string };
  /** `templates`: subscription-message templates per reminder kind (WECHAT_SUBSCRIBE_TEMPLATES); a kind without one is message-centre only. */
  wechat: { appId: string | null; secret: string | null; apiBase: string; templates: Partial<Record<ReminderKind, ReminderTemplate>> };
  /** The WeChat Pay merchant; null when none is configured (orders then use the labelled sandbox pay). */
  pay: PayConfig | null;
  /** Sandbox pay while no merchant is configured: on by default except in production (PAY_SANDBOX=1 forces it). */
  paySandbox: boolean;
  ownerOpenids: string[];
  /** Days the clock runs ahead of the system's (CLOCK_OFFSET_DAYS): end-to-end runs and demos only, 0 in production. */
  clockOffsetDays: number;
  /** Folder of the H5 build served at `/`, or null when it is not there. */
  h5Dist: string | null;
  /** Where uploaded files (avatars) are kept; served at /media/. */
  mediaDir: string;
  logRequests: boolean;
  /** Load the demo shop at start when the database is empty. */
  seedDemo: boolean;
  /** How often the outbox is polled for due events; 0 turns the poller off (tests drain by hand). */
  outboxPollMs: number;
  /** How often due scheduled jobs are looked for; 0 turns the scheduler off (tests run jobs by hand). */
  jobsTickMs: number;
}

/**
 * A WeChat Pay API v3 merchant (public-key mode). Keys are KeyObjects so printing the config
 * never shows them.
 */
export interface PayConfig {
  /** The mini-program's AppID (WECHAT_APPID). */
  appId: string;
  mchId: string;
  /** Serial number of the merchant API certificate (the Authorization header's serial_no). */
  serialNo: string;
  /** The merchant API private key: signs requests and wx.requestPayment's paySign. */
  privateKey: KeyObject;
  /** The 32-byte APIv3 key: decrypts notification resources. */
  apiV3Key: Buffer;
  /** The WeChat Pay public key: verifies response and notification signatures. */
  platformPublicKey: KeyObject;
  /** Its id (PUB_KEY_ID_…), expected in the Wechatpay-Serial header. */
  platformPublicKeyId: string;
  /** API base, no trailing slash (tests point it at the fake WeChat server). */
  apiBase: string;
  /** `${WECHAT_PAY_NOTIFY_BASE}/api/pay/notify` */
  notifyUrl: string;
  /** `${WECHAT_PAY_NOTIFY_BASE}/api/pay/refund-notify` */
  refundNotifyUrl: string;
}

/** The settings that configure WeChat Pay: all of them or none (WECHAT_PAY_API_BASE has a default). */
export const PAY_ENV = [
  'WECHAT_PAY_MCHID',
  'WECHAT_PAY_SERIAL_NO',
  'WECHAT_PAY_PRIVATE_KEY',
  'WECHAT_PAY_API_V3_KEY',
  'WECHAT_PAY_PUBLIC_KEY',
  'WECHAT_PAY_PUBLIC_KEY_ID',
  'WECHAT_PAY_NOTIFY_BASE',
] as const;

/** A bad configuration value: the process stops at start with this one-line reason. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

export function parseDatabaseUrl(raw: string | undefined, root = REPO_ROOT): DatabaseConfig {
  if (raw === undefined || raw === '') return { kind: 'sqlite', file: resolve(root, 'data/jifen.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/jifen.sqlite');
    return { kind: 'sqlite', file: file === ':memory:' ? file : resolve(root, file) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL; expected mysql://user:pass@host:port/db or sqlite:path');
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new ConfigError(`DATABASE_URL scheme "${url.protocol}" is not supported; use mysql://, mariadb:// or sqlite:`);
  }
  if (!url.hostname || url.pathname.length < 2) {
    throw new ConfigError('DATABASE_URL must name a host and a database, e.g. mysql://root@127.0.0.1:3306/jifen');
  }
  url.protocol = 'mysql:';
  return { kind: 'mysql', url: url.toString() };
}

/**
 * A secret from the environment (at least 32 characters), or outside production one made once
 * and kept beside the SQLite data (never in the repo), so it survives a restart of `npm start`.
 * Tests get a fresh one per configuration.
 */
function localSecret(env: Env, nodeEnv: AppConfig['env'], name: string, file: string): string {
  const given = env[name];
  if (given) {
    if (given.length < 32) throw new ConfigError(`${name} must be at least 32 characters`);
    return given;
  }
  if (nodeEnv === 'production') throw new ConfigError(`${name} is required in production`);
  if (nodeEnv === 'test') return randomBytes(32).toString('hex');
  const path = resolve(REPO_ROOT, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/** PEM text as given, or the contents of the PEM file the value names (relative to the repository root). */
function pemText(env: Env, name: string): string {
  const raw = env[name]!.trim();
  if (raw.includes('-----BEGIN')) return raw.replace(/\\n/g, '\n');
  const file = resolve(REPO_ROOT, raw);
  if (!existsSync(file)) throw new ConfigError(`${name} must be PEM text or the path of a PEM file; no file at ${file}`);
  return readFileSync(file, 'utf8');
}

function parsePay(env: Env, appId: string | null): PayConfig | null {
  const given = PAY_ENV.filter((name) => env[name]);
  if (given.length === 0) return null;
  const missing = PAY_ENV.filter((name) => !env[name]);
  if (missing.length) {
    throw new ConfigError(`WeChat Pay is configured in part: set ${missing.join(', ')} too, or none of the WECHAT_PAY_* settings`);
  }
  if (!appId) throw new ConfigError('WECHAT_PAY_* needs WECHAT_APPID (the mini-program that pays)');
  const mchId = env.WECHAT_PAY_MCHID!.trim();
  if (!/^\d{8,12}$/.test(mchId)) throw new ConfigError('WECHAT_PAY_MCHID must be the merchant number (digits)');
  const serialNo = env.WECHAT_PAY_SERIAL_NO!.trim();
  if (!/^[0-9A-Fa-f]{8,64}$/.test(serialNo)) throw new ConfigError('WECHAT_PAY_SERIAL_NO must be the merchant certificate serial number (hex)');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pemText(env, 'WECHAT_PAY_PRIVATE_KEY'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('WECHAT_PAY_PRIVATE_KEY is not a readable PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new ConfigError('WECHAT_PAY_PRIVATE_KEY must be an RSA key');
  const apiV3Key = Buffer.from(env.WECHAT_PAY_API_V3_KEY!, 'utf8');
  if (apiV3Key.length !== 32) throw new ConfigError('WECHAT_PAY_API_V3_KEY must be exactly 32 bytes');
  let platformPublicKey: KeyObject;
  try {
    platformPublicKey = createPublicKey(pemText(env, 'WECHAT_PAY_PUBLIC_KEY'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('WECHAT_PAY_PUBLIC_KEY is not a readable PEM public key');
  }
  if (platformPublicKey.asymmetricKeyType !== 'rsa') throw new ConfigError('WECHAT_PAY_PUBLIC_KEY must be an RSA key');
  const platformPublicKeyId = env.WECHAT_PAY_PUBLIC_KEY_ID!.trim();
  if (!/^PUB_KEY_ID_[0-9A-Za-z]+$/.test(platformPublicKeyId)) {
    throw new ConfigError('WECHAT_PAY_PUBLIC_KEY_ID must look like PUB_KEY_ID_…');
  }
  const apiBase = (env.WECHAT_PAY_API_BASE || 'https://api.mch.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(apiBase)) throw new ConfigError('WECHAT_PAY_API_BASE must be an http(s) origin');
  const notifyBase = env.WECHAT_PAY_NOTIFY_BASE!.trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^/?#]+$/.test(notifyBase)) {
    throw new ConfigError('WECHAT_PAY_NOTIFY_BASE must be the public https origin WeChat Pay notifies, e.g. https://shop.example.com');
  }
  return {
    appId,
    mchId,
    serialNo,
    privateKey,
    apiV3Key,
    platformPublicKey,
    platformPublicKeyId,
    apiBase,
    notifyUrl: `${notifyBase}/api/pay/notify`,
    refundNotifyUrl: `${notifyBase}/api/pay/refund-notify`,
  };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${env.NODE_ENV}"`);
  }
  const appId = env.WECHAT_APPID || null;
  const secret = env.WECHAT_SECRET || null;
  if (appId && !secret) throw new ConfigError('WECHAT_SECRET is required when WECHAT_APPID is set');
  if (appId && !/^wx[0-9a-f]{16}$/i.test(appId)) {
    throw new ConfigError(`WECHAT_APPID "${appId}" does not look like an AppID (wx + 16 hex digits)`);
  }
  const apiBase = env.WECHAT_API_BASE || 'https://api.weixin.qq.com';
  if (!/^https?:\/\/[^/]+/.test(apiBase)) throw new ConfigError('WECHAT_API_BASE must be an http(s) URL');

  const h5Dist = resolve(REPO_ROOT, env.H5_DIST || 'miniapp/dist/h5');
  return {
    env: nodeEnv,
    host: env.HOST || '0.0.0.0',
    port: int(env, 'PORT', 3000, 0, 65535),
    database: parseDatabaseUrl(env.DATABASE_URL),
    jwt: {
      secret: localSecret(env, nodeEnv, 'JWT_SECRET', 'data/.jwt-secret'),
      accessTtl: int(env, 'JWT_ACCESS_TTL', 2 * 3600, 60, 30 * 86400),
      refreshTtl: int(env, 'JWT_REFRESH_TTL', 30 * 86400, 3600, 365 * 86400),
    },
    openApi: { encryptionKey: localSecret(env, nodeEnv, 'OPEN_API_SECRET_KEY', 'data/.open-api-key') },
    wechat: { appId, secret, apiBase: apiBase.replace(/\/+$/, ''), templates: reminderTemplates(env) },
    pay: parsePay(env, appId),
    paySandbox: (env.PAY_SANDBOX ?? (nodeEnv === 'production' ? '0' : '1')) !== '0',
    ownerOpenids: (env.OWNER_OPENIDS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    clockOffsetDays: clockOffsetDays(env, nodeEnv),
    h5Dist: existsSync(resolve(h5Dist, 'index.html')) ? h5Dist : null,
    mediaDir: resolve(REPO_ROOT, env.MEDIA_DIR || 'data/media'),
    logRequests: (env.LOG_REQUESTS ?? (nodeEnv === 'test' ? '0' : '1')) !== '0',
    seedDemo: (env.SEED_DEMO ?? (nodeEnv === 'development' ? '1' : '0')) !== '0',
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', nodeEnv === 'test' ? 0 : 500, 0, 60_000),
    jobsTickMs: int(env, 'JOBS_TICK_MS', nodeEnv === 'test' ? 0 : 30_000, 0, 3_600_000),
  };
}

function clockOffsetDays(env: Env, nodeEnv: AppConfig['env']): number {
  const days = int(env, 'CLOCK_OFFSET_DAYS', 0, 0, 3650);
  if (days && nodeEnv === 'production') throw new ConfigError('CLOCK_OFFSET_DAYS is for tests and demos, not production');
  return days;
}

function reminderTemplates(env: Env): Partial<Record<ReminderKind, ReminderTemplate>> {
  try {
    return parseReminderTemplates(env.WECHAT_SUBSCRIBE_TEMPLATES);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
