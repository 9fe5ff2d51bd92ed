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

/** 400 VALIDATION_FAILED naming the field, for rules that span fields (the DTO checks each alone). */
export function fieldError(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

/** 400 VALIDATION_FAILED with the field's problem listed as the DTO checks list theirs (`details[0].field`). */
export function fieldProblem(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, problems: [message] }]);
}
