import { ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';

/**
 * For `:id` path parameters: an id that is not a UUID names no resource, so it is a 404 like any other
 * unknown id (and never reaches a uuid column, where it would be a database error).
 */
export const ResourceIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppException(ErrorCode.NOT_FOUND, 'Not found'),
});
