import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class CreateTransferDto {
  @ApiProperty({ format: 'uuid', description: 'The wallet the credits leave' })
  @IsUUID()
  fromWalletId!: string;

  @ApiProperty({ format: 'uuid', description: 'The wallet the credits go to' })
  @IsUUID()
  toWalletId!: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 100 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  amount!: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, example: 'Budget for the Q3 launch' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class TransferSideDto {
  @ApiProperty({ format: 'uuid' })
  walletId!: string;

  @ApiProperty({ description: 'The wallet’s remaining credits after the transfer' })
  remaining!: number;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid', description: 'Both ledger rows carry the reference transfer:<transferId>' })
  transferId!: string;

  @ApiProperty()
  amount!: number;

  @ApiProperty({ type: TransferSideDto })
  from!: TransferSideDto;

  @ApiProperty({ type: TransferSideDto })
  to!: TransferSideDto;
}
