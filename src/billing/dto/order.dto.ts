import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { OrderStatus, PaymentProvider } from '../../generated/prisma/enums.js';

export class OrderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PaymentProvider, enumName: 'PaymentProvider' })
  provider!: PaymentProvider;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The provider's checkout session id; null when the checkout could not be created",
  })
  sessionId!: string | null;

  @ApiProperty({ type: 'integer', example: 100 })
  credits!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents), before tax', example: 1800 })
  amount!: number;

  @ApiProperty({
    nullable: true,
    type: 'integer',
    description:
      'What the customer actually paid, tax included, in minor units; null until the payment is credited. Refunds are a share of it.',
    example: 1962,
  })
  amountPaid!: number | null;

  @ApiProperty({ example: 'usd' })
  currency!: string;

  @ApiProperty({ enum: OrderStatus, enumName: 'OrderStatus' })
  status!: OrderStatus;

  @ApiProperty({
    type: 'integer',
    description: 'Minor units refunded so far (of amountPaid, tax included)',
    example: 0,
  })
  refundedAmount!: number;

  @ApiProperty({ type: 'integer', description: 'Credits taken back by refunds and disputes', example: 0 })
  creditsClawedBack!: number;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto], description: 'Newest first' })
  items!: OrderDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

/** `?limit=1..100&cursor=` */
export class ListOrdersQueryDto extends PageQueryDto {}
