import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';

interface ValidationDetail {
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

/** The global pipe (docs/api.md, "Conventions"); failures become 400 VALIDATION_FAILED with per-field `details`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new AppException(
        ErrorCode.VALIDATION_FAILED,
        details.flatMap((detail) => detail.errors).join('; ') || 'Validation failed',
        {
          details,
        },
      );
    },
  });
}
