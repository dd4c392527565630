import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, IsOptional, IsString, Length } from 'class-validator';
import type { PostalAddress } from '../../payments/payment-gateway.js';

/** Trims strings; an optional field sent empty means "none", like leaving it out. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimmedOrNull = ({ value }: { value: unknown }) => {
  const text = trimmed({ value });
  return text === '' ? null : text;
};

/** PUT replaces the whole address: an optional field that is left out is cleared. */
export class PutBillingAddressDto implements Partial<PostalAddress> {
  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, example: 'Ada Lovelace' })
  @Transform(trimmedOrNull)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @ApiProperty({ minLength: 1, maxLength: 200, example: '12 St James’s Square' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, example: 'Flat 3' })
  @Transform(trimmedOrNull)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  line2?: string | null;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'London' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiPropertyOptional({ type: String, maxLength: 100, nullable: true, example: 'Greater London' })
  @Transform(trimmedOrNull)
  @IsOptional()
  @IsString()
  @Length(1, 100)
  state?: string | null;

  @ApiProperty({ minLength: 1, maxLength: 20, example: 'SW1Y 4LE' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 20)
  postalCode!: string;

  @ApiProperty({
    description: 'ISO 3166-1 alpha-2, any case; stored upper-case',
    minLength: 2,
    maxLength: 2,
    example: 'GB',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsISO31661Alpha2()
  country!: string;
}

export class BillingAddressDto implements PostalAddress {
  @ApiProperty({ nullable: true, type: String, example: 'Ada Lovelace' })
  name!: string | null;

  @ApiProperty({ example: '12 St James’s Square' })
  line1!: string;

  @ApiProperty({ nullable: true, type: String, example: null })
  line2!: string | null;

  @ApiProperty({ example: 'London' })
  city!: string;

  @ApiProperty({ nullable: true, type: String, example: null })
  state!: string | null;

  @ApiProperty({ example: 'SW1Y 4LE' })
  postalCode!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2, upper-case', example: 'GB' })
  country!: string;

  @ApiProperty()
  updatedAt!: Date;
}
