import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { DriftReportDto, DriftReportQueryDto } from './dto/drift-report.dto.js';
import { DriftReportService } from './drift-report.service.js';

@ApiTags('admin')
@Roles('ADMIN')
@Controller('admin/reconciliation')
export class DriftReportController {
  constructor(private readonly drift: DriftReportService) {}

  @Get('report')
  @ApiOperation({
    summary: "Drift report: the providers' payments and refunds against the ledger's purchases and clawbacks",
  })
  @ApiOkResponse({ type: DriftReportDto })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'A provider did not answer' })
  report(@Query() query: DriftReportQueryDto): Promise<DriftReportDto> {
    return this.drift.report(this.drift.window(query.from, query.to));
  }
}
