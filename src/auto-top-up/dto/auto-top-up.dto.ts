import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AutoTopUpAttemptStatus, AutoTopUpStatus, PaymentProvider } from '../../generated/prisma/enums.js';

export class PutAutoTopUpDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'A settle leaving `remaining` below this tops up',
  })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  threshold!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Credits per top-up: a positive multiple of CREDITS_PER_UNIT',
  })
  @IsInt()
  credits!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: 'Top-ups per UTC calendar month' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxPerMonth!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'Most the month’s top-ups may charge (minor units)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  monthlySpendLimit?: number;
}

export class SavedPaymentMethodDto {
  @ApiProperty({ enum: PaymentProvider, enumName: 'PaymentProvider' })
  provider!: PaymentProvider;

  @ApiProperty({ type: String, nullable: true })
  brand!: string | null;

  @ApiProperty({ type: String, nullable: true })
  last4!: string | null;
}

export class AutoTopUpAttemptDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AutoTopUpAttemptStatus, enumName: 'AutoTopUpAttemptStatus' })
  status!: AutoTopUpAttemptStatus;

  @ApiProperty({ type: 'integer' })
  credits!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units' })
  amount!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orderId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  failureCode!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class AutoTopUpDto {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: 'integer', nullable: true })
  threshold!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  credits!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxPerMonth!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  monthlySpendLimit!: number | null;

  @ApiProperty({ enum: AutoTopUpStatus, enumName: 'AutoTopUpStatus' })
  status!: AutoTopUpStatus;

  @ApiProperty({ type: SavedPaymentMethodDto, nullable: true })
  paymentMethod!: SavedPaymentMethodDto | null;

  @ApiProperty({ type: AutoTopUpAttemptDto, nullable: true })
  lastAttempt!: AutoTopUpAttemptDto | null;

  @ApiProperty({ type: Date, nullable: true })
  consentedAt!: Date | null;
}

export class AutoTopUpAttemptPageDto {
  @ApiProperty({ type: [AutoTopUpAttemptDto] })
  items!: AutoTopUpAttemptDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
