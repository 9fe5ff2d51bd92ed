import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl, REPO_ROOT } from '../../src/config/config.js';

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
  });

  it('reads owners and WeChat settings from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'test', OWNER_OPENIDS: ' o1, o2 ,,', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's',
      WECHAT_API_BASE: 'http://127.0.0.1:9/',
    });
    expect(config.ownerOpenids).toEqual(['o1', 'o2']);
    expect(config.wechat).toEqual({ appId: 'wx0123456789abcdef', secret: 's', apiBase: 'http://127.0.0.1:9' });
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
