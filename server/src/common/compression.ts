import compress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Smaller responses go out as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD = 1024;

const API_ROUTE = /^\/api(\/|$)/;

/**
 * Compresses API responses (brotli, else gzip, as the client accepts) from 1 KB up; the
 * default types leave text/event-stream alone. Files served from disk are not compressed
 * per request: the H5 build brings its .br/.gz siblings made at build time (served with
 * @fastify/static's preCompressed) and images do not shrink. Request bodies are never
 * inflated, so WeChat Pay notifications reach the signature check exactly as sent.
 * Call before any route exists: the plugin decides per route as routes are added.
 */
export async function useCompression(app: NestFastifyApplication): Promise<void> {
  // Runs before the plugin's own onRoute hook, which honours `compress: false`.
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    if (!API_ROUTE.test(route.url)) route.compress = false;
  });
  await app.register(compress as never, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
  });
}
