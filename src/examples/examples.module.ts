import { Module } from '@nestjs/common';
import { CreditsModule } from '../credits/credits.module.js';
import { AiController } from './ai.controller.js';
import { AiService } from './ai.service.js';

/** The example priced routes: @RequiresCredits needs CreditsModule in the module that declares the route. */
@Module({
  imports: [CreditsModule],
  controllers: [AiController],
  providers: [AiService],
})
export class ExamplesModule {}
