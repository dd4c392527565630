import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import {
  EventDeliveriesQueryDto,
  EventDeliveryPageDto,
  OutboxEventPageDto,
  OutboxEventsQueryDto,
} from './dto/event-delivery.dto.js';
import {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  EndpointSecretDto,
  TestPingDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
} from './dto/webhook-endpoint.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

/** Where the application hears about events, and what was sent there (docs/events.md). */
@ApiTags('admin')
@Roles('ADMIN')
@Controller('admin')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post('webhook-endpoints')
  @ApiOperation({ summary: 'Add an endpoint; its signing secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'INVALID_ENDPOINT_URL or VALIDATION_FAILED' })
  create(@Body() body: CreateWebhookEndpointDto): Promise<CreatedWebhookEndpointDto> {
    return this.endpoints.create(body);
  }

  @Get('webhook-endpoints')
  @ApiOperation({ summary: 'Every endpoint, newest first (secrets are never listed)' })
  @ApiOkResponse({ type: [WebhookEndpointDto] })
  list(): Promise<WebhookEndpointDto[]> {
    return this.endpoints.list();
  }

  @Get('webhook-endpoints/:id')
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', ResourceIdPipe) id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(id);
  }

  @Patch('webhook-endpoints/:id')
  @ApiOperation({ summary: 'Change the URL, the subscribed types, or enable/disable' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.update(id, body);
  }

  @Delete('webhook-endpoints/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an endpoint and its deliveries' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  delete(@Param('id', ResourceIdPipe) id: string): Promise<void> {
    return this.endpoints.delete(id);
  }

  @Post('webhook-endpoints/:id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A new secret; for 24 hours deliveries are signed with the new and the old one' })
  @ApiOkResponse({ type: EndpointSecretDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateSecret(@Param('id', ResourceIdPipe) id: string): Promise<EndpointSecretDto> {
    return this.endpoints.rotateSecret(id);
  }

  @Post('webhook-endpoints/:id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a ping event to this endpoint only, even when disabled or not subscribed' })
  @ApiAcceptedResponse({ type: TestPingDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  test(@Param('id', ResourceIdPipe) id: string): Promise<TestPingDto> {
    return this.endpoints.sendTestPing(id);
  }

  @Get('webhook-endpoints/:id/deliveries')
  @ApiOperation({ summary: "An endpoint's deliveries, newest first, optionally by status" })
  @ApiOkResponse({ type: EventDeliveryPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deliveries(
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: EventDeliveriesQueryDto,
  ): Promise<EventDeliveryPageDto> {
    return this.endpoints.deliveriesOf(id, query.status, query.limit, query.cursor);
  }

  @Post('event-deliveries/:id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Attempt a pending or failed delivery again now' })
  @ApiAcceptedResponse()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ALREADY_DELIVERED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  retry(@Param('id', ResourceIdPipe) id: string): Promise<void> {
    return this.endpoints.retryDelivery(id);
  }

  @Get('events')
  @ApiOperation({ summary: 'The outbox: every event, newest first, optionally one type or one wallet' })
  @ApiOkResponse({ type: OutboxEventPageDto })
  events(@Query() query: OutboxEventsQueryDto): Promise<OutboxEventPageDto> {
    return this.endpoints.events({ type: query.type, walletId: query.walletId }, query.limit, query.cursor);
  }
}
