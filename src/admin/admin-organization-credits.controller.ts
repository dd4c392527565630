import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import { AdminCreditsService } from './admin-credits.service.js';
import { AdjustCreditsDto, LedgerEntryDto } from './dto/admin-credits.dto.js';

@ApiTags('admin')
@Controller('admin/organizations/:id')
@Roles('ADMIN')
export class AdminOrganizationCreditsController {
  constructor(private readonly adminCredits: AdminCreditsService) {}

  @Post('credits')
  @ApiOperation({
    summary:
      "Grant credits to an organization's wallet (positive amount) or take unspent credits back (negative)",
  })
  @ApiCreatedResponse({ type: LedgerEntryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown or deleted organization' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'INSUFFICIENT_CREDITS: would take remaining below 0',
  })
  adjust(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ResourceIdPipe) organizationId: string,
    @Body() body: AdjustCreditsDto,
  ): Promise<LedgerEntryDto> {
    return this.adminCredits.adjustOrganization(admin.id, organizationId, body);
  }
}
