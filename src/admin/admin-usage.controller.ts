import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import { ReverseUsageDto, UsageReversalDto } from '../credits/dto/usage.dto.js';
import { UsageService } from '../credits/usage.service.js';

@ApiTags('admin')
@Controller('admin/usage')
@Roles('ADMIN')
export class AdminUsageController {
  constructor(private readonly usage: UsageService) {}

  @Post(':reservationId/reverse')
  @ApiOperation({ summary: "Put a settled request's charge back into the grants it came from" })
  @ApiCreatedResponse({ type: UsageReversalDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No settled, charged request with this id' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ALREADY_REVERSED' })
  reverse(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('reservationId', ResourceIdPipe) reservationId: string,
    @Body() body: ReverseUsageDto,
  ): Promise<UsageReversalDto> {
    return this.usage.reverse(reservationId, admin.id, body.reason);
  }
}
