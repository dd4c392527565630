import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';
import { inputProblems } from './request-input.guardrails.js';

export interface ValidationDetail {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], parent = ''): ValidationDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function validationFailed(details: ValidationDetail[]): AppException {
  return new AppException(
    ErrorCode.VALIDATION_FAILED,
    details.flatMap((detail) => detail.errors).join('; ') || 'Validation failed',
    { details },
  );
}

/** The global pipe, with the input guardrails (request-input.guardrails.ts) checked first. */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = inputProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problems.length > 0) throw validationFailed(problems);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe (docs/api.md, "Conventions": whitelist, forbidNonWhitelisted, transform); failures become 400 VALIDATION_FAILED with per-field `details`. */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
