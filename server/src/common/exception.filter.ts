import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, ErrorCode } from '@jifen/shared';
import { DomainError } from './errors.js';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Turns every error into `{code, message}`; only unexpected ones are 500s, logged with the request id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const [status, body] = this.describe(error, req);
    // The code answered, for request logs that keep it (the open API's, per key).
    (req as FastifyRequest & { errorCode?: string }).errorCode = body.code;
    if (body.code === 'INTERNAL_ERROR') {
      this.logger.error(`${req.method} ${req.url} [${req.id}] ${error instanceof Error ? error.stack : String(error)}`);
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private describe(error: unknown, req: FastifyRequest): [number, ApiError] {
    if (error instanceof DomainError) {
      const body: ApiError = { code: error.code, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      return [error.status, body];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status < 500) {
        const response = error.getResponse();
        const message = status === 404 ? `没有这个接口: ${req.method} ${req.url.split('?')[0]}` : error.message;
        return [status, { code: STATUS_CODES[status] ?? 'BAD_REQUEST', message: typeof response === 'string' ? response : message }];
      }
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
    const statusCode = (error as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return [statusCode, { code: STATUS_CODES[statusCode] ?? 'BAD_REQUEST', message: (error as Error).message }];
    }
    return [500, { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试', requestId: String(req.id) }];
  }
}
