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

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'] })
  database!: 'up' | 'down';

  // A 503 is an error response, so it also carries the contract's error fields (docs/api.md, "Conventions").
  @ApiPropertyOptional({ type: 'integer', example: 503, description: 'Only when the database is down' })
  statusCode?: number;

  // enum named explicitly: tsc and SWC emit different design:type metadata for an enum-typed property.
  @ApiPropertyOptional({
    enum: ErrorCode,
    enumName: 'ErrorCode',
    example: ErrorCode.SERVICE_UNAVAILABLE,
    description: 'Only when the database is down',
  })
  code?: ErrorCode;

  @ApiPropertyOptional({
    example: 'The database does not answer',
    description: 'Only when the database is down',
  })
  message?: string;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Liveness and readiness: pings the database' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    if (await this.health.isDatabaseUp()) return { status: 'ok', database: 'up' };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      statusCode: ERROR_STATUS[ErrorCode.SERVICE_UNAVAILABLE],
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The database does not answer',
      status: 'error',
      database: 'down',
    };
  }
}
