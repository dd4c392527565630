import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authenticated } from '../../src/auth/decorators/auth.decorators.js';
import { AiService } from '../../src/examples/ai.service.js';
import { GenerateDto, type GenerateResultDto } from '../../src/examples/dto/ai.dto.js';
import { BASELINE_COST, DocumentedCreditsGuard } from './documented-credits.guard.js';

/** The baseline behind a route identical to `POST /api/ai/generate` except for how credits are charged. */
@ApiExcludeController()
@Controller('bench/baseline/ai')
export class BaselineAiController {
  constructor(private readonly ai: AiService) {}

  @Post('generate')
  // Decorators apply bottom-up and each @UseGuards appends: listed in this order, authentication runs
  // first, so the credits guard sees request.user.
  @UseGuards(DocumentedCreditsGuard)
  @Authenticated()
  @HttpCode(HttpStatus.CREATED)
  generate(@Body() body: GenerateDto): GenerateResultDto {
    return { output: this.ai.generate(body.prompt), creditsCharged: BASELINE_COST };
  }
}
