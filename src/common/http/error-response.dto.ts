import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-code.js';

/** One field's validation failures; `field` is a dotted path for nested bodies. */
export class ValidationDetailDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ type: [String], example: ['email must be an email'] })
  errors!: string[];
}

/** The body of every error response (docs/api.md, "Conventions"). */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', example: ErrorCode.VALIDATION_FAILED })
  code!: ErrorCode;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;

  @ApiPropertyOptional({
    type: [ValidationDetailDto],
    description: 'Validation errors (VALIDATION_FAILED), per field',
  })
  details?: ValidationDetailDto[];
}
