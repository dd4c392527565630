import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { CreditTransactionType } from '../../generated/prisma/enums.js';

export class BalanceDto {
  @ApiProperty({
    type: 'integer',
    description: 'Credits ever added (purchases, grants, restores) minus clawbacks and negative adjustments',
  })
  creditsTotal!: number;

  @ApiProperty({ type: 'integer', description: 'Credits charged by usage' })
  creditsUsed!: number;

  @ApiProperty({ type: 'integer', description: 'Credits held by requests in flight' })
  creditsReserved!: number;

  @ApiProperty({
    type: 'integer',
    description: 'creditsTotal − creditsUsed − creditsReserved; negative after a clawback of spent credits',
  })
  remaining!: number;
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
