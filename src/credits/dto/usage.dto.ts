import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { TransactionDto } from './credits.dto.js';
import type { UsageGrouping } from '../usage.repository.js';

/** `YYYY-MM-DD` (a UTC day) or an RFC 3339 date-time with a zone (`Z` or `±hh:mm`). */
const USAGE_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

const GROUPINGS: UsageGrouping[] = ['day', 'route', 'member'];

export class UsageQueryDto {
  @ApiPropertyOptional({
    description: 'Start, inclusive: YYYY-MM-DD (UTC) or RFC 3339; default 29 UTC days before today',
    example: '2026-11-01',
  })
  @IsOptional()
  @IsString()
  @Matches(USAGE_INSTANT, { message: 'from must be YYYY-MM-DD or an RFC 3339 date-time' })
  from?: string;

  @ApiPropertyOptional({
    description: 'End, exclusive: YYYY-MM-DD (UTC) or RFC 3339; default the end of today (UTC)',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsString()
  @Matches(USAGE_INSTANT, { message: 'to must be YYYY-MM-DD or an RFC 3339 date-time' })
  to?: string;

  @ApiPropertyOptional({
    enum: GROUPINGS,
    default: 'day',
    description: 'member: organization wallets only',
  })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy: UsageGrouping = 'day';
}

export class UsageBucketDto {
  @ApiProperty({ description: 'YYYY-MM-DD, a route such as `POST /api/ai/generate`, or a user id' })
  key!: string;

  @ApiProperty({ description: 'Credits charged, minus charges reversed by support' })
  credits!: number;

  @ApiProperty({ description: 'Charged requests, minus reversed ones' })
  requests!: number;
}

export class UsageDto {
  @ApiProperty({
    type: [UsageBucketDto],
    description: 'day: ascending, every day included; route and member: most credits first',
  })
  items!: UsageBucketDto[];
}

export class ReverseUsageDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'The model returned an empty answer' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

/** The USAGE_REVERSAL ledger row. */
export class UsageReversalDto extends TransactionDto {
  @ApiProperty({ format: 'uuid' })
  walletId!: string;

  @ApiProperty({ format: 'uuid' })
  reservationId!: string;

  @ApiProperty({ description: 'Credits of the reversal that paid the wallet’s debt' })
  debtPaid!: number;

  @ApiProperty({ description: 'Credits that went back to grants past expiry and were written off again' })
  writtenOff!: number;

  @ApiProperty({ description: 'The wallet’s remaining credits afterwards' })
  remaining!: number;
}
