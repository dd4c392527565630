import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { UsageDto, UsageQueryDto } from './dto/usage.dto.js';
import { UsageService } from './usage.service.js';

@ApiTags('credits')
@Controller('credits')
@Authenticated()
export class UsageController {
  constructor(private readonly usageService: UsageService) {}

  @Get('usage')
  @ApiOperation({ summary: 'Credits charged in [from, to), by UTC day, by route or by member' })
  @ApiOkResponse({ type: UsageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'A bad date, from not before to, more than 366 days, or groupBy=member on a personal wallet',
  })
  usage(@CurrentUser() user: AuthenticatedUser, @Query() query: UsageQueryDto): Promise<UsageDto> {
    return this.usageService.usageOf(user.walletId, query);
  }
}
