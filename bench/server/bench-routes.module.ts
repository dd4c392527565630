import { Module } from '@nestjs/common';
import { AiService } from '../../src/examples/ai.service.js';
import { BaselineAiController } from '../baselines/baseline-ai.controller.js';
import { DocumentedCreditsGuard } from '../baselines/documented-credits.guard.js';
import { UnpricedAiController } from './unpriced-ai.controller.js';

/** Routes that exist only in the benchmark's server: scenario C and the documentation's baseline. */
@Module({
  controllers: [UnpricedAiController, BaselineAiController],
  providers: [AiService, DocumentedCreditsGuard],
})
export class BenchRoutesModule {}
