import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { CreditCategory, CreditGrantSource, CreditGrantStatus } from '../../generated/prisma/enums.js';
import type { GrantListFilter } from '../grants.repository.js';

const GRANT_FILTERS: GrantListFilter[] = [...Object.values(CreditGrantStatus), 'ALL'];

/** `?status=ACTIVE|EXPIRED|DEPLETED|VOIDED|ALL&limit=1..100&cursor=` */
export class GrantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: GRANT_FILTERS, default: 'ACTIVE' })
  @IsOptional()
  @IsIn(GRANT_FILTERS)
  status: GrantListFilter = 'ACTIVE';
}

export class GrantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CreditGrantSource, enumName: 'CreditGrantSource' })
  source!: CreditGrantSource;

  @ApiProperty({ enum: CreditCategory, enumName: 'CreditCategory' })
  category!: CreditCategory;

  @ApiProperty({ description: 'Credits that arrived with the grant' })
  amount!: number;

  @ApiProperty({
    description:
      'Neither spent, clawed back nor expired (held credits included); past expiry only the held credits',
  })
  remaining!: number;

  @ApiProperty({ description: 'Credits held by requests in flight' })
  held!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Lower is drawn first' })
  priority!: number;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt!: Date | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  orderId!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({
    enum: CreditGrantStatus,
    enumName: 'CreditGrantStatus',
    description: 'A grant past its expiry is EXPIRED, also before the sweeper has written it off',
  })
  status!: CreditGrantStatus;
}

export class GrantPageDto {
  @ApiProperty({ type: [GrantDto], description: 'In draw-down order: the first is spent first' })
  items!: GrantDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
