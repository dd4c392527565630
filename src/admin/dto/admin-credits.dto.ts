import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import { TransactionDto } from '../../credits/dto/credits.dto.js';

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
}

export class LedgerEntryDto extends TransactionDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ type: 'integer', description: 'The user’s remaining credits after this entry' })
  remaining!: number;
}
