import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CreditTransactionType } from '../../generated/prisma/enums.js';

export class BalanceDto {
  @ApiProperty({ description: 'Credits ever added (purchases, grants, restores) minus clawbacks and negative adjustments' })
  creditsTotal!: number;

  @ApiProperty({ description: 'Credits charged by usage' })
  creditsUsed!: number;

  @ApiProperty({ description: 'Credits held by requests in flight' })
  creditsReserved!: number;

  @ApiProperty({ description: 'creditsTotal − creditsUsed − creditsReserved; negative after a clawback of spent credits' })
  remaining!: number;
}

export class TransactionsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class TransactionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CreditTransactionType, enumName: 'CreditTransactionType' })
  type!: CreditTransactionType;

  @ApiProperty({ description: 'Signed: positive adds credits, negative removes them' })
  amount!: number;

  @ApiProperty({ description: 'creditsTotal − creditsUsed after this entry (the running sum of the ledger)' })
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

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
