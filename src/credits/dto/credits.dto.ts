import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { CreditTransactionType } from '../../generated/prisma/enums.js';

export class ExpiringGrantDto {
  @ApiProperty({ format: 'uuid' })
  grantId!: string;

  @ApiProperty({ description: 'The grant’s available credits (not held by a request in flight)' })
  remaining!: number;

  @ApiProperty()
  expiresAt!: Date;
}

export class BalanceDto {
  @ApiProperty({ format: 'uuid', description: 'The wallet this balance is of' })
  walletId!: string;

  @ApiProperty({
    type: 'integer',
    description:
      'Credits ever added (purchases, grants, restores) minus clawbacks, negative adjustments and expired credits',
  })
  creditsTotal!: number;

  @ApiProperty({ type: 'integer', description: 'Credits charged by usage' })
  creditsUsed!: number;

  @ApiProperty({ type: 'integer', description: 'Credits held by requests in flight' })
  creditsReserved!: number;

  @ApiProperty({
    type: 'integer',
    description: 'creditsTotal − creditsUsed − creditsReserved; negative exactly when the wallet is in debt',
  })
  remaining!: number;

  @ApiProperty({ description: 'Credits a refund or dispute could not take back; new credits pay it first' })
  debt!: number;

  @ApiProperty({ description: 'Available PAID credits (purchases)' })
  paid!: number;

  @ApiProperty({ description: 'Available PROMOTIONAL credits (grants, bonuses)' })
  promotional!: number;

  @ApiProperty({
    type: [ExpiringGrantDto],
    description: 'Grants expiring within EXPIRY_NOTICE_DAYS (default 7), soonest first',
  })
  expiringSoon!: ExpiringGrantDto[];
}

/** `?limit=1..100&cursor=` */
export class TransactionsQueryDto extends PageQueryDto {}

export class TransactionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CreditTransactionType, enumName: 'CreditTransactionType' })
  type!: CreditTransactionType;

  @ApiProperty({ type: 'integer', description: 'Signed: positive adds credits, negative removes them' })
  amount!: number;

  @ApiProperty({
    type: 'integer',
    description: 'creditsTotal − creditsUsed after this entry (the running sum of the ledger)',
  })
  balanceAfter!: number;

  @ApiProperty()
  description!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  orderId!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class TransactionPageDto {
  @ApiProperty({ type: [TransactionDto] })
  items!: TransactionDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
