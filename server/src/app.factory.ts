import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import multipart from '@fastify/multipart';
import { Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, REPO_ROOT } from './config/config.js';
import type { Clock } from './common/clock.js';
import { useCompression } from './common/compression.js';
import { checkJsonShape, JSON_LIMITS } from './common/body-limits.js';
import { DomainError } from './common/errors.js';
import { AllExceptionsFilter } from './common/exception.filter.js';
import { validationPipe } from './common/validation.js';
import { AppModule } from './app.module.js';
import { OpenRequestLog } from './open/request-log.js';
import { setupOpenApi } from './openapi/openapi.js';

const ASSETS_DIR = resolve(REPO_ROOT, 'server/assets');

/**
 * @fastify/static 10 hands setHeaders the Fastify reply, though its types promise a Node
 * response: set the header through whichever method is there.
 */
function cacheFor(policy: (path: string) => string) {
  return (res: unknown, path: string): void => {
    const target = res as { header?: (k: string, v: string) => void; setHeader?: (k: string, v: string) => void };
    if (target.header) target.header('cache-control', policy(path));
    else target.setHeader?.('cache-control', policy(path));
  };
}

export interface AppOptions {
  clock?: Clock;
  logger?: LoggerService | LogLevel[] | false;
}

/** Builds the whole service (API under /api, Swagger at /api/docs, the H5 build at /). */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
    rawBody: true,
  });
  // JSON bodies as usual (the raw body kept for signature checks), except that an empty body
  // with a JSON content type is {}: mini-program POSTs without data send exactly that.
  // Its size, key count and nesting are bounded before it is parsed (see body-limits.ts).
  const fastifyJson = adapter.getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: JSON_LIMITS.bytes }, (req, body, done) => {
    if (body.length === 0) return done(null, {});
    checkJsonShape(body);
    fastifyJson(req as never, body.toString('utf8'), done);
  });
  // No route takes forms; refused rather than parsed into thousands of keys.
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: JSON_LIMITS.bytes }, () => {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 JSON 发送请求内容');
  });
  // The open API for machines lives beside the app's, at /open/v1.
  app.setGlobalPrefix('api', { exclude: ['open/v1/{*path}'] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Every open-API request, answered or refused, is kept under its key.
  const openLog = app.get(OpenRequestLog);
  fastify.addHook('onResponse', async (req, reply) => {
    if (req.url.startsWith('/open/')) await openLog.record(req, reply.statusCode);
  });
  if (config.logRequests) {
    const log = new Logger('HTTP');
    fastify.addHook('onResponse', async (req, reply) => {
      log.log(`${req.method} ${req.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms [${req.id}]`);
    });
  }

  await useCompression(app);
  // Uploads (avatars): one file, at most 2 MB; larger bodies are refused with 413.
  await app.register(multipart as never, { limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 5 } });
  mkdirSync(config.mediaDir, { recursive: true });
  app.useStaticAssets({
    root: config.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    setHeaders: cacheFor(() => 'public, max-age=31536000, immutable'),
  });

  setupOpenApi(app);
  // Goods, category and banner images (demo ones live in server/assets).
  app.useStaticAssets({
    root: ASSETS_DIR,
    prefix: '/assets/',
    setHeaders: cacheFor(() => 'public, max-age=86400'),
  });
  if (config.h5Dist) {
    app.useStaticAssets({
      root: config.h5Dist,
      prefix: '/',
      decorateReply: false,
      // The build's .br/.gz siblings, picked by Accept-Encoding (Vary: accept-encoding is set).
      preCompressed: true,
      // index.html must be re-read after a deploy; hashed assets can be cached for good. The
      // path is the file sent, which may be index.html.br.
      setHeaders: cacheFor((path) => (/\.html(\.br|\.gz)?$/.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable')),
    });
  }
  await app.init();
  await fastify.ready();
  return app;
}
