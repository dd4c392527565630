import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { CreditCategory, CreditTransactionType } from '../../generated/prisma/enums.js';

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

/** A grant a movement took credits from (negative) or gave credits to (positive). */
export class MovementGrantDto {
  @ApiProperty({ format: 'uuid' })
  grantId!: string;

  @ApiProperty({ enum: CreditCategory, enumName: 'CreditCategory' })
  category!: CreditCategory;

  @ApiProperty({ description: 'Signed' })
  amount!: number;
}

/** A ledger row with the grants it touched: SUM(grants.amount) + debtPaid − debtAdded == amount. */
export class LedgerTransactionDto extends TransactionDto {
  @ApiProperty({ type: [MovementGrantDto], description: 'In draw-down order' })
  grants!: MovementGrantDto[];

  @ApiProperty({ description: 'Credits of an incoming movement that paid debt' })
  debtPaid!: number;

  @ApiProperty({ description: 'What a clawback could not take from any grant and added to debt' })
  debtAdded!: number;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who caused it (the spender, the admin); null for provider events and expiry',
  })
  actorUserId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The API key it came with' })
  apiKeyId!: string | null;
}

export class TransactionPageDto {
  @ApiProperty({ type: [LedgerTransactionDto] })
  items!: LedgerTransactionDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
