import type { INestApplication, Logger } from '@nestjs/common';

/** How long in-flight requests get to finish once a stop signal arrives. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM/SIGINT stop the server gracefully: Nest's shutdown hooks close the HTTP server,
 * which stops accepting connections and waits for the requests in flight (Fastify answers
 * 503 to new ones on kept-alive connections), then the hooks close the database, and the
 * process exits 0. A client that never finishes its request must not keep a stopped server
 * alive, so after the grace period the process exits 1 regardless.
 */
export function stopOnSignals(app: INestApplication, log: Logger, graceMs = SHUTDOWN_GRACE_MS): void {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  // useProcessExit: exit 0 once closed, instead of re-raising the signal (which a supervisor
  // or `npm start` would see as a crash).
  app.enableShutdownHooks([...signals], { useProcessExit: true });
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.log(`${signal}: finishing requests in flight, then stopping`);
      setTimeout(() => {
        log.error(`requests still open ${graceMs / 1000} s after ${signal}: exiting without them`);
        process.exit(1);
      }, graceMs).unref();
    });
  }
}
