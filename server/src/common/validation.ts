import { applyDecorators, ParseIntPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateIf, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { startOfShanghaiDay } from '@jifen/shared';
import { DomainError } from './errors.js';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** At most this many fields are listed in an error: enough to fix a form, never a flood. */
export const MAX_ERROR_FIELDS = 10;

/** Unknown fields and wrong types are refused with VALIDATION_FAILED and the (first) fields at fault. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors).slice(0, MAX_ERROR_FIELDS);
      const first = details[0];
      const message = first ? `${first.field}: ${first.problems[0]}` : 'request body is invalid';
      return new DomainError('VALIDATION_FAILED', message, details);
    },
  });
}

/**
 * A body field that may be left out. Unlike class-validator's IsOptional, which also lets
 * null through unchecked (and `null.trim()` then fails as a 500), null is checked like any
 * other value and refused by the field's type. Fields that really take null say so with
 * IsOptional (or a ValidateIf of their own) and a `| null` type.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}

/** An optional positive 32-bit integer from the query string (ids, cursors, limits). */
export function OptionalInt(max = 2 ** 31 - 1, min = 1): PropertyDecorator {
  return applyDecorators(IsOptional(), Type(() => Number), IsInt(), Min(min), Max(max));
}

/** A real calendar day as YYYY-MM-DD. */
@ValidatorConstraint({ name: 'calendarDay' })
export class CalendarDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      return typeof value === 'string' && Boolean(startOfShanghaiDay(value));
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return '$property must be a real date as YYYY-MM-DD';
  }
}

/** A path parameter that must be a whole number: `@Param('templateId', intParam('templateId'))`. */
export function intParam(name: string): ParseIntPipe {
  return new ParseIntPipe({ exceptionFactory: () => new DomainError('VALIDATION_FAILED', `${name} must be a whole number`) });
}

/** `@Param('id', IdPipe) id: number`. */
export const IdPipe = intParam('id');

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Checks an optional Idempotency-Key header: a retried request with the same key acts once. */
export function idempotencyKey(key: string | undefined): string | undefined {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8–64 letters, digits, - or _');
  }
  return key;
}
