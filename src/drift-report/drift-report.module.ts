import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module.js';
import { DriftReportController } from './drift-report.controller.js';
import { DriftReportRepository } from './drift-report.repository.js';
import { DriftReportService } from './drift-report.service.js';

@Module({
  imports: [PaymentsModule],
  controllers: [DriftReportController],
  providers: [DriftReportService, DriftReportRepository],
})
export class DriftReportModule {}
