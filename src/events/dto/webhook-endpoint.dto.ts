import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ALL_EVENTS, SUBSCRIBABLE_EVENT_TYPES } from '../event-catalogue.js';

const SUBSCRIPTIONS = [...SUBSCRIBABLE_EVENT_TYPES, ALL_EVENTS];
const EVENTS_DESCRIPTION = 'Event types to receive, or ["*"] for every type but ping';

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://app.example.com/webhooks/forge', maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ description: EVENTS_DESCRIPTION, enum: SUBSCRIPTIONS, isArray: true, example: ['*'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(SUBSCRIPTIONS.length)
  @IsIn(SUBSCRIPTIONS, { each: true })
  events!: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ description: EVENTS_DESCRIPTION, enum: SUBSCRIPTIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(SUBSCRIPTIONS.length)
  @IsIn(SUBSCRIPTIONS, { each: true })
  events?: string[];

  @ApiPropertyOptional({ description: 'true also clears an automatic disable and its failure streak' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ type: [String], example: ['balance.low', 'order.paid'] })
  events!: string[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it was disabled, e.g. after 24 hours of failed deliveries',
  })
  disabledReason!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class CreatedWebhookEndpointDto extends WebhookEndpointDto {
  @ApiProperty({
    description: 'The signing secret (whsec_…), shown only now',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

export class EndpointSecretDto {
  @ApiProperty({
    description: 'The new signing secret, shown only now; the old one keeps signing too for 24 hours',
  })
  secret!: string;
}

export class TestPingDto {
  @ApiProperty({ format: 'uuid', description: "The ping event's id (its webhook-id)" })
  eventId!: string;
}
