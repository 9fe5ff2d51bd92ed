import { type ErrorCode, statusOf } from '@jifen/shared';

/**
 * An expected failure of the domain (bad input, not allowed, insufficient points). The
 * exception filter sends it as `{code, message, details}` with the code's status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return statusOf(this.code);
  }
}
