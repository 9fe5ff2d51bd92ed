import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, type Observable } from 'rxjs';
import { type Caller, READ_ONLY, ROLES } from '../auth/decorators.js';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { DomainError } from '../common/errors.js';
import { maskPhone } from '@jifen/shared';
import { AuditService } from './audit.service.js';

interface AuditedRequest {
  method: string;
  routeOptions?: { url?: string };
  url: string;
  params?: Record<string, string>;
  body?: unknown;
  caller?: Caller;
}

/**
 * Records every operator action that may change something (any non-GET route behind @Roles
 * that is not @ReadOnly),
 * after it answers — success or refusal — so 管理 work is always traceable to a person.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const roles = this.reflector.getAllAndOverride<unknown[]>(ROLES, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    if (!roles?.length || req.method === 'GET' || !req.caller || this.reflector.get<boolean>(READ_ONLY, context.getHandler())) return next.handle();
    // Written before the answer goes out, so whoever reads the log next sees this action.
    const record = (status: number) => this.audit.record({
      operatorId: req.caller!.id, action: `${req.method} ${req.routeOptions?.url ?? req.url.split('?')[0]}`,
      target: JSON.stringify(req.params ?? {}), detail: redact(req.body), status,
    }).catch((error: Error) => this.logger.error(`audit write failed: ${error.message}`));
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        const code = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
        await record(code ?? (req.method === 'POST' ? 201 : 200));
        return value;
      }),
      catchError(async (error: unknown) => {
        await record(statusOfError(error));
        throw error;
      }),
    );
  }
}

/**
 * The body as JSON with phone numbers masked and redemption codes counted (a code is worth
 * what it redeems, so the log keeps how many were loaded, not which), cut to the column.
 */
export function redact(body: unknown): string {
  const text = JSON.stringify(body ?? {}, (key, value: unknown) => {
    if (key === 'codes' && Array.isArray(value)) return `${value.length} 个兑换码`;
    return typeof value === 'string' && /^1[3-9]\d{9}$/.test(value) ? maskPhone(value) : value;
  });
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

function statusOfError(error: unknown): number {
  if (error instanceof DomainError) return error.status;
  const http = error as { getStatus?: () => number };
  return typeof http.getStatus === 'function' ? http.getStatus() : 500;
}
