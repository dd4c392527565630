import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  MinDate,
  NotEquals,
} from 'class-validator';
import { TransactionDto } from '../../credits/dto/credits.dto.js';
import { CreditCategory } from '../../generated/prisma/enums.js';

export class AdjustCreditsDto {
  @ApiProperty({
    type: 'integer',
    description: 'Non-zero: positive grants credits (GRANT), negative removes them (ADJUSTMENT)',
    example: 100,
  })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  amount!: number;

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Goodwill for the outage on 3 May' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    enum: CreditCategory,
    enumName: 'CreditCategory',
    description: 'Of the new grant (positive amounts only); default PROMOTIONAL',
  })
  @IsOptional()
  @IsIn(Object.values(CreditCategory))
  category?: CreditCategory;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Lower is spent first; default 50' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  priority?: number;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the grant expires' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date())
  expiresAt?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: 36_500, description: 'Alternative to expiresAt' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  expiresInDays?: number;
}

export class LedgerEntryDto extends TransactionDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The personal wallet’s owner; null for an organization’s wallet',
  })
  userId!: string | null;

  @ApiProperty({ type: 'integer', description: 'The user’s remaining credits after this entry' })
  remaining!: number;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The grant a positive amount made',
  })
  grantId!: string | null;
}
