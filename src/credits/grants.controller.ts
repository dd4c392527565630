import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { GrantPageDto, GrantsQueryDto } from './dto/grants.dto.js';
import { GrantsService } from './grants.service.js';

@ApiTags('credits')
@Controller('credits')
@Authenticated()
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get('grants')
  @ApiOperation({ summary: "The wallet's grants (lots) in draw-down order, keyset-paginated" })
  @ApiOkResponse({ type: GrantPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'An unknown status, limit outside 1–100, or a cursor this API did not issue',
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: GrantsQueryDto): Promise<GrantPageDto> {
    return this.grants.list(user.walletId, query.status, query.limit, query.cursor);
  }
}
