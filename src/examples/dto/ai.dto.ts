import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class GenerateDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'A haiku about ledgers' })
  @IsString()
  @Length(1, 4000)
  prompt!: string;
}

export class GenerateResultDto {
  @ApiProperty()
  output!: string;

  @ApiProperty({ type: 'integer', example: 10 })
  creditsCharged!: number;
}

export class SummarizeDto {
  @ApiProperty({ minLength: 1, maxLength: 100_000 })
  @IsString()
  @Length(1, 100_000)
  text!: string;
}

export class SummarizeResultDto {
  @ApiProperty()
  summary!: string;

  @ApiProperty({
    type: 'integer',
    description: '1 credit per started 100 characters of summary, at least 1, at most 20',
    example: 3,
  })
  creditsCharged!: number;
}
