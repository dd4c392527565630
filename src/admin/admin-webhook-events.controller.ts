import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import {
  ReconcileResultDto,
  WebhookEventDto,
  WebhookEventListDto,
  WebhookEventsQueryDto,
} from '../webhooks/dto/webhook-event.dto.js';
import { ReconciliationService } from '../webhooks/reconciliation.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';

/** The webhook inbox and reconciliation, for admins. */
@ApiTags('admin')
@Roles('ADMIN')
@Controller('admin')
export class AdminWebhookEventsController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @Get('webhook-events')
  @ApiOperation({ summary: 'Inbox events, newest first, optionally by status (FAILED ones need attention)' })
  @ApiOkResponse({ type: WebhookEventListDto })
  async list(@Query() query: WebhookEventsQueryDto): Promise<WebhookEventListDto> {
    return { items: await this.webhooks.list(query.status, query.limit) };
  }

  @Post('webhook-events/:id/replay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Process a FAILED or IGNORED event again; answers with its new status' })
  @ApiOkResponse({ type: WebhookEventDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  replay(@Param('id', ResourceIdPipe) id: string): Promise<WebhookEventDto> {
    return this.webhooks.replay(id);
  }

  @Post('reconcile')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Ask the providers about open orders now, and credit the paid ones' })
  @ApiOkResponse({ type: ReconcileResultDto })
  reconcile(): Promise<ReconcileResultDto> {
    return this.reconciliation.run();
  }
}
