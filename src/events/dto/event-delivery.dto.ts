import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { EventDeliveryStatus } from '../../generated/prisma/enums.js';
import { EVENT_TYPES } from '../event-catalogue.js';

export class EventDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EventDeliveryStatus, enumName: 'EventDeliveryStatus' })
  @IsOptional()
  @IsEnum(EventDeliveryStatus)
  status?: EventDeliveryStatus;
}

export class EventDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The event, and the webhook-id of every attempt' })
  eventId!: string;

  @ApiProperty({ example: 'balance.low' })
  type!: string;

  @ApiProperty({ enum: EventDeliveryStatus, enumName: 'EventDeliveryStatus' })
  status!: EventDeliveryStatus;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'Status of the last attempt; null when it got no response',
  })
  lastStatusCode!: number | null;

  @ApiProperty({ nullable: true, type: Date, description: 'When the next attempt is due (PENDING only)' })
  nextAttemptAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  deliveredAt!: Date | null;
}

export class EventDeliveryPageDto {
  @ApiProperty({ type: [EventDeliveryDto], description: 'Newest first' })
  items!: EventDeliveryDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class OutboxEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  walletId?: string;
}

export class OutboxEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'order.paid' })
  type!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  walletId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As delivered' })
  data!: Record<string, unknown>;

  @ApiProperty()
  createdAt!: Date;
}

export class OutboxEventPageDto {
  @ApiProperty({ type: [OutboxEventDto], description: 'Newest first' })
  items!: OutboxEventDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
