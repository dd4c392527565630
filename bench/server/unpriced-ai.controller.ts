import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authenticated } from '../../src/auth/decorators/auth.decorators.js';
import { AiService, GENERATE_COST } from '../../src/examples/ai.service.js';
import { GenerateDto, type GenerateResultDto } from '../../src/examples/dto/ai.dto.js';

/**
 * Scenario C: `POST /api/ai/generate` with everything but @RequiresCredits — the same authentication
 * guard, validation pipe, handler and response — so A ÷ C is the price of the credit guard alone.
 */
@ApiExcludeController()
@Controller('bench/unpriced/ai')
export class UnpricedAiController {
  constructor(private readonly ai: AiService) {}

  @Post('generate')
  @Authenticated()
  @HttpCode(HttpStatus.CREATED)
  generate(@Body() body: GenerateDto): GenerateResultDto {
    return { output: this.ai.generate(body.prompt), creditsCharged: GENERATE_COST };
  }
}
