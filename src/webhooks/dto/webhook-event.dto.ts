import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { pageLimit } from '../../common/pagination/page-query.dto.js';
import { PaymentProvider, WebhookEventStatus } from '../../generated/prisma/enums.js';

export class WebhookReceivedDto {
  @ApiProperty({ example: true })
  received!: true;
}

export class WebhookEventsQueryDto {
  @ApiPropertyOptional({ enum: WebhookEventStatus, enumName: 'WebhookEventStatus' })
  @IsOptional()
  @IsEnum(WebhookEventStatus)
  status?: WebhookEventStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Transform(pageLimit)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 50;
}

/** An inbox row without its payload (which can hold a customer's email): the payload stays in the database. */
export class WebhookEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PaymentProvider, enumName: 'PaymentProvider' })
  provider!: PaymentProvider;

  @ApiProperty({
    description:
      "The provider's event id (Stripe evt_…, Dodo webhook-id); reconcile:<orderId> for reconciliation",
  })
  eventId!: string;

  @ApiProperty({ example: 'checkout.session.completed' })
  type!: string;

  @ApiProperty({ enum: WebhookEventStatus, enumName: 'WebhookEventStatus' })
  status!: WebhookEventStatus;

  @ApiProperty({ nullable: true, type: String, description: 'Why it FAILED, or why it was IGNORED' })
  error!: string | null;

  @ApiProperty({ type: 'integer', description: 'Processing attempts (deliveries and replays that did work)' })
  attempts!: number;

  @ApiProperty()
  receivedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  processedAt!: Date | null;
}

export class WebhookEventListDto {
  @ApiProperty({ type: [WebhookEventDto], description: 'Newest first' })
  items!: WebhookEventDto[];
}

export class ReconcileResultDto {
  @ApiProperty({ type: 'integer', description: 'Open orders whose provider was asked' })
  checked!: number;

  @ApiProperty({ type: 'integer', description: 'Orders credited by this run' })
  fulfilled!: number;
}
