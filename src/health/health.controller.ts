import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ERROR_STATUS, ErrorCode } from '../common/errors/error-code.js';
import { HealthService } from './health.service.js';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'] })
  database!: 'up' | 'down';

  @ApiPropertyOptional({ enum: ['up', 'down'], description: 'Only when REDIS_URL is set' })
  redis?: 'up' | 'down';

  // A 503 is an error response, so it also carries the contract's error fields (docs/operations.md).
  @ApiPropertyOptional({ type: 'integer', example: 503, description: 'Only when a dependency is down' })
  statusCode?: number;

  // enum named explicitly: tsc and SWC emit different design:type metadata for an enum-typed property.
  @ApiPropertyOptional({
    enum: ErrorCode,
    enumName: 'ErrorCode',
    example: ErrorCode.SERVICE_UNAVAILABLE,
    description: 'Only when a dependency is down',
  })
  code?: ErrorCode;

  @ApiPropertyOptional({
    example: 'The database does not answer',
    description: 'Only when a dependency is down',
  })
  message?: string;
}

/**
 * Probes for orchestrators and load balancers: `live` says the process answers (restart it if not),
 * `ready` that it can serve (send it traffic). Not logged per request (see the logging module).
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no I/O)' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Readiness: the database, and Redis when configured, answer' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency does not answer' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    return this.check(response);
  }

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Readiness (the same as /api/health/ready)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency does not answer' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const { ready, ...dependencies } = await this.health.readiness();
    if (ready) return { status: 'ok', ...dependencies };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    const down = dependencies.database === 'down' ? 'The database does not answer' : 'Redis does not answer';
    return {
      statusCode: ERROR_STATUS[ErrorCode.SERVICE_UNAVAILABLE],
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: down,
      status: 'error',
      ...dependencies,
    };
  }
}
