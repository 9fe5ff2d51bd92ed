import type { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** How long in-flight requests get to finish once a stop signal arrives. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM/SIGINT stop the server gracefully, in this order:
 * 1. HTTP: Fastify stops accepting connections, answers 503 to new requests on kept-alive
 *    ones and waits for the requests in flight — while the database is still open for them —
 *    closing each connection once it is idle;
 * 2. Nest's shutdown hooks: the outbox and job timers stop, the database drains its queued
 *    units of work and closes;
 * 3. exit 0 (not a re-raised signal, which a supervisor or `npm start` would read as a crash).
 * Nest's own enableShutdownHooks would run the hooks first and close HTTP in the middle, so a
 * request in flight could find the database gone. A client that never finishes its request
 * must not keep a stopped server alive: after the grace period the process exits 1 regardless.
 */
export function stopOnSignals(app: NestFastifyApplication, log: Logger, graceMs = SHUTDOWN_GRACE_MS): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: finishing requests in flight, then stopping`);
    setTimeout(() => {
      log.error(`requests still open ${graceMs / 1000} s after ${signal}: exiting without them`);
      process.exit(1);
    }, graceMs).unref();
    void (async () => {
      // A request that was in flight leaves its kept-alive connection idle once answered, and
      // the HTTP server's close waits for every connection: close those as they go idle.
      const server = app.getHttpServer();
      const reaper = setInterval(() => server.closeIdleConnections(), 50);
      try {
        await app.getHttpAdapter().getInstance().close();
      } finally {
        clearInterval(reaper);
      }
      await app.close();
    })().then(
      () => process.exit(0),
      (error: Error) => {
        log.error(`stopping failed: ${error.stack}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, stop);
}
