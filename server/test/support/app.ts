import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { AuthResult } from '@jifen/shared';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/common/clock.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  clock: ManualClock;
  db: TestDatabase;
  dataSource: DataSource;
  baseUrl: string;
  api<T = any>(method: string, path: string, options?: { body?: unknown; token?: string; raw?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  devLogin(nickname: string): Promise<AuthResult>;
  close(): Promise<void>;
}

/** The real service on a real database, listening on a free port; tests talk HTTP to it. */
export async function startTestApp(
  options: { env?: Record<string, string>; seed?: boolean; clock?: ManualClock } = {},
): Promise<TestApp> {
  const db = await createTestDatabase({ migrated: true });
  const mediaDir = mkdtempSync(join(tmpdir(), 'jifen-media-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, H5_DIST: 'nonexistent', MEDIA_DIR: mediaDir, ...options.env });
  const clock = options.clock ?? new ManualClock('2026-03-01T02:00:00.000Z');
  const app = await createApp(config, { clock, logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  if (options.seed) await seedDemo(app);
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const api: TestApp['api'] = async (method, path, { body, token, raw, headers } = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };

  return {
    app,
    config,
    clock,
    db,
    dataSource: app.get(DataSource),
    baseUrl,
    api,
    async devLogin(nickname) {
      const res = await api<AuthResult>('POST', '/api/auth/dev', { body: { nickname } });
      if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async close() {
      await app.close();
      await db.drop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
