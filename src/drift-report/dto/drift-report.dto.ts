import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { PaymentProvider } from '../../generated/prisma/enums.js';

export class DriftReportQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Start of the window (included). Default: 24 hours before `to`',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'End of the window (excluded). Default: RECONCILE_MIN_AGE_MINUTES ago, so that webhooks in flight are not counted as drift',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

const DRIFT_KINDS = [
  'paid_not_credited',
  'credited_without_payment',
  'amount_mismatch',
  'refunded_not_clawed_back',
  'clawback_without_refund',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export class DriftItemDto {
  @ApiProperty({
    enum: DRIFT_KINDS,
    description:
      'paid_not_credited: the provider took a payment the ledger has no purchase for; credited_without_payment: a ' +
      'purchase the provider has no succeeded payment for; amount_mismatch: both exist, amounts differ; ' +
      'refunded_not_clawed_back / clawback_without_refund: the same for refunds',
  })
  kind!: DriftKind;

  @ApiPropertyOptional()
  paymentId?: string;

  @ApiPropertyOptional()
  refundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  orderId?: string;

  @ApiPropertyOptional({ description: 'Minor units, as the provider records it' })
  providerAmount?: number;

  @ApiPropertyOptional({ description: 'Minor units, as the order records it' })
  ledgerAmount?: number;

  @ApiPropertyOptional({ example: 'usd' })
  currency?: string;

  @ApiProperty({ format: 'date-time' })
  at!: Date;
}

export class MoneyTotalsDto {
  @ApiProperty()
  count!: number;

  @ApiProperty({ description: 'Minor units by lower-case currency', example: { usd: 3600 } })
  amounts!: Record<string, number>;
}

export class ProviderDriftDto {
  @ApiProperty({ enum: PaymentProvider, enumName: 'PaymentProvider' })
  provider!: PaymentProvider;

  @ApiProperty({ description: 'false when the provider keeps no records to compare (the sandbox)' })
  compared!: boolean;

  @ApiProperty({
    description: 'The provider listed more records than one report reads; the comparison is partial',
  })
  truncated!: boolean;

  @ApiProperty({ description: 'Succeeded payments at the provider in the window' })
  providerPayments!: MoneyTotalsDto;

  @ApiProperty({ description: 'PURCHASE ledger rows in the window (the amounts their orders were paid)' })
  ledgerPurchases!: MoneyTotalsDto;

  @ApiProperty({ description: 'Succeeded refunds at the provider in the window' })
  providerRefunds!: MoneyTotalsDto;

  @ApiProperty({ description: 'REFUND_CLAWBACK ledger rows in the window (credits in `amounts.credits`)' })
  ledgerClawbacks!: MoneyTotalsDto;

  @ApiProperty({ type: [DriftItemDto] })
  differences!: DriftItemDto[];
}

export class DriftReportDto {
  @ApiProperty({ format: 'date-time' })
  from!: Date;

  @ApiProperty({ format: 'date-time' })
  to!: Date;

  @ApiProperty({ description: 'No provider shows any difference' })
  inSync!: boolean;

  @ApiProperty({ type: [ProviderDriftDto] })
  providers!: ProviderDriftDto[];
}
