import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { OPEN_API_CLOCK_SKEW_MS, OPEN_API_HEADERS } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';

/**
 * The open API's request log: every request that named a key, with its answer's status and
 * code (a refused signature, a missing scope, a phone looked up without the scope…), for the
 * owner to see per key. Also forgets nonces once they are past the clock-skew window.
 */
@Injectable()
export class OpenRequestLog implements OnModuleInit {
  private readonly logger = new Logger('OpenApi');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'open.nonces', everyMinutes: 10, leaseMs: 5 * 60_000,
      run: async (now) => `forgot ${await this.db.unit(() => this.db.exec('DELETE FROM open_api_nonces WHERE seen_at < ?', [sqlTime(new Date(now.getTime() - 2 * OPEN_API_CLOCK_SKEW_MS))]))}`,
    });
  }

  async record(req: FastifyRequest & { openKeyId?: string; errorCode?: string }, status: number): Promise<void> {
    // The verifier's key, or for a body refused before it ran (not JSON, too large) the key header as sent.
    const header = req.headers[OPEN_API_HEADERS.key];
    const keyId = req.openKeyId ?? (typeof header === 'string' && /^ak_[\w-]{1,29}$/.test(header) ? header : undefined);
    if (!keyId) return;
    try {
      await this.db.unit(() => this.db.insert('INSERT INTO open_api_requests (key_id, method, path, status, code, at) VALUES (?, ?, ?, ?, ?, ?)',
        [keyId, req.method.slice(0, 8), req.url.split('?')[0].slice(0, 200), status, status >= 400 ? req.errorCode ?? null : null, sqlTime(this.clock.now())]));
    } catch (error) {
      // The answer has gone already; a lost log line must not become an error.
      this.logger.warn(`request log: ${(error as Error).message}`);
    }
  }
}
