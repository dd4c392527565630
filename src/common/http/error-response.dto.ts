import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-code.js';

/** The body of every error response (docs/api.md, "Conventions"). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', example: ErrorCode.VALIDATION_FAILED })
  code!: ErrorCode;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;

  @ApiPropertyOptional({
    description: 'Validation errors, per field',
    example: [{ field: 'email', errors: ['email must be an email'] }],
  })
  details?: { field: string; errors: string[] }[];
}
