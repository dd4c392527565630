import {
  BadRequestException,
  ForbiddenException,
  HttpStatus,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { FakeResponse, fakeRequest, type FakeRequest, httpContext } from '../../../test/support/fake-http.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { AppException } from './app-exception.js';
import { ErrorCode } from './error-code.js';

describe('AllExceptionsFilter', () => {
  const filter = new AllExceptionsFilter();
  let logged: MockInstance<Logger['error']>;

  beforeEach(() => {
    logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  function answer(exception: unknown, request: FakeRequest = fakeRequest()): FakeResponse {
    const response = new FakeResponse();
    filter.catch(exception, httpContext(request, response));
    return response;
  }

  it("answers an AppException with its code's status and body, extras included", () => {
    const response = answer(
      new AppException(ErrorCode.INSUFFICIENT_CREDITS, 'needs 10 credits', { required: 10, remaining: 3 }),
    );
    expect(response.statusCode).toBe(402);
    expect(response.sentBody).toEqual({
      statusCode: 402,
      code: 'INSUFFICIENT_CREDITS',
      message: 'needs 10 credits',
      required: 10,
      remaining: 3,
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('keeps the per-field details of a validation failure', () => {
    const details = [{ field: 'credits', errors: ['credits must be an integer'] }];
    const response = answer(
      new AppException(ErrorCode.VALIDATION_FAILED, 'credits must be an integer', { details }),
    );
    expect(response.sentBody).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'credits must be an integer',
      details,
    });
  });

  it('answers an unknown route with the method and path, without the query string', () => {
    const request = fakeRequest({
      method: 'GET',
      originalUrl: '/api/nope?token=secret',
      url: '/nope?token=secret',
    });
    const response = answer(new NotFoundException('Cannot GET /nope?token=secret'), request);
    expect(response.sentBody).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Route GET /api/nope not found',
    });
  });

  it.each([
    ['a guard', new ForbiddenException('Forbidden resource'), 403, 'FORBIDDEN', 'Forbidden resource'],
    [
      'the throttler',
      new ThrottlerException(),
      429,
      'TOO_MANY_REQUESTS',
      'Too many requests; try again later',
    ],
    ['a Nest 404', new NotFoundException('No such order'), 404, 'NOT_FOUND', 'No such order'],
    [
      'a Nest 400 with details',
      new BadRequestException({ message: 'bad input', details: [{ field: 'x' }] }),
      400,
      'VALIDATION_FAILED',
      'bad input',
    ],
  ])("maps Nest's own exception from %s to the contract's body", (_, exception, status, code, message) => {
    const response = answer(exception);
    expect(response.statusCode).toBe(status);
    expect(response.sentBody).toMatchObject({ statusCode: status, code, message });
  });

  it('answers malformed JSON 400 MALFORMED_JSON, not VALIDATION_FAILED with the parser message', () => {
    // Nest's Express adapter wraps body-parser's error in a BadRequestException and keeps it as `cause`.
    const parserError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    const response = answer(new BadRequestException('Unexpected token', { cause: parserError }));
    expect(response.sentBody).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'Request body is not valid JSON',
    });
  });

  it('answers a body over the limit 413 PAYLOAD_TOO_LARGE, wrapped by Nest or not', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
    });
    for (const exception of [tooLarge, new PayloadTooLargeException('too large', { cause: tooLarge })]) {
      expect(answer(exception).sentBody).toEqual({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Request body exceeds 1 MB',
      });
    }
  });

  it('answers an unsupported body encoding 400 VALIDATION_FAILED', () => {
    const unsupported = Object.assign(new Error('unsupported content encoding "br"'), {
      type: 'encoding.unsupported',
    });
    expect(answer(unsupported).sentBody).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers anything else 500 INTERNAL_ERROR without its message, and logs it with the request id and path', () => {
    const leak = new Error('relation "User" does not exist: SELECT * FROM "User" WHERE password = $1');
    const request = fakeRequest({ id: 'req-42', originalUrl: '/api/credits/balance?cursor=abc' });
    const response = answer(leak, request);
    expect(response.statusCode).toBe(HttpStatus.INTERNAL_SERVER_ERROR);
    expect(response.sentBody).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
    });
    expect(JSON.stringify(response.sentBody)).not.toContain('SELECT');
    expect(logged).toHaveBeenCalledWith(
      { err: leak, requestId: 'req-42', path: '/api/credits/balance' },
      'Request failed',
    );
  });

  it("hides a 5xx HttpException's own message too", () => {
    const response = answer(new ServiceUnavailableException('pool exhausted at db-3.internal:5432'));
    expect(response.sentBody).toEqual({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'Internal server error',
    });
    expect(logged).toHaveBeenCalledOnce();
  });

  it('writes nothing when the response has already been sent, but still logs the failure', () => {
    const response = new FakeResponse();
    response.headersSent = true;
    filter.catch(new Error('stream broke'), httpContext(fakeRequest(), response));
    expect(response.sentBody).toBeUndefined();
    expect(response.statusCode).toBe(200);
    expect(logged).toHaveBeenCalledOnce();
  });
});
