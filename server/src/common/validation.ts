import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Unknown fields and wrong types are refused with VALIDATION_FAILED and the field list. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0];
      const message = first ? `${first.field}: ${first.problems[0]}` : 'request body is invalid';
      return new DomainError('VALIDATION_FAILED', message, details);
    },
  });
}
