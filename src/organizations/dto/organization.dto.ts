import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { OrganizationRole, SpendLimitPeriod } from '../../generated/prisma/enums.js';

export class OrganizationNameDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Acme Research' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole', description: 'Your role in it' })
  role!: OrganizationRole;

  @ApiProperty({ format: 'uuid', description: 'The shared wallet (send X-Organization-Id to use it)' })
  walletId!: string;

  @ApiProperty()
  createdAt!: Date;
}

export class DeleteOrganizationQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Forfeit the credits left in the wallet (an ADJUSTMENT to zero) instead of 409',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  forfeit?: 'true' | 'false';
}

export class SpendLimitDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 500 })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  credits!: number;

  @ApiProperty({
    enum: SpendLimitPeriod,
    enumName: 'SpendLimitPeriod',
    description: 'UTC day, ISO week, month',
  })
  @IsIn(Object.values(SpendLimitPeriod))
  period!: SpendLimitPeriod;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole' })
  role!: OrganizationRole;

  @ApiProperty({ type: SpendLimitDto, nullable: true })
  spendLimit!: SpendLimitDto | null;

  @ApiProperty({
    description:
      "Credits the member spent (settled) or holds in the current period of their limit (the current UTC month without one): the limit's `used`",
  })
  spentThisPeriod!: number;
}

export class AddMemberDto {
  @ApiProperty({ example: 'dev@example.com', description: 'A registered user' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  email!: string;

  @ApiProperty({ enum: OrganizationRole, enumName: 'OrganizationRole' })
  @IsIn(Object.values(OrganizationRole))
  role!: OrganizationRole;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: OrganizationRole, enumName: 'OrganizationRole', description: 'OWNER only' })
  @IsOptional()
  @IsIn(Object.values(OrganizationRole))
  role?: OrganizationRole;

  @ApiPropertyOptional({
    type: SpendLimitDto,
    nullable: true,
    description: 'null removes the limit. OWNERs set anyone’s, BILLING_ADMINs those of MEMBERs',
  })
  @ValidateIf((_object: unknown, value: unknown) => value !== null && value !== undefined)
  @ValidateNested()
  @Type(() => SpendLimitDto)
  spendLimit?: SpendLimitDto | null;
}
