import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { RequiresCredits } from '../credits/requires-credits.decorator.js';
import { AiService, GENERATE_COST, SUMMARIZE_MAX_COST } from './ai.service.js';
import { GenerateDto, GenerateResultDto, SummarizeDto, SummarizeResultDto } from './dto/ai.dto.js';

/** The example a feature team would write: a price on each route, nothing else about credits. */
@ApiTags('examples')
@Controller('ai')
export class AiController {
  constructor(private readonly ai: AiService) {}

  @Post('generate')
  @RequiresCredits(GENERATE_COST)
  @ApiOperation({ summary: `Generate text (costs ${GENERATE_COST} credits)` })
  @ApiCreatedResponse({ type: GenerateResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'prompt missing or longer than 4000 characters (nothing is charged)',
  })
  generate(@Body() body: GenerateDto): GenerateResultDto {
    return { output: this.ai.generate(body.prompt), creditsCharged: GENERATE_COST };
  }

  @Post('summarize')
  @RequiresCredits<SummarizeResultDto>({
    reserve: SUMMARIZE_MAX_COST,
    settle: (result) => result.creditsCharged,
  })
  @ApiOperation({
    summary: `Summarize text (holds ${SUMMARIZE_MAX_COST}, charges 1 per started 100 summary characters)`,
  })
  @ApiCreatedResponse({ type: SummarizeResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'text missing or too long (nothing is charged)',
  })
  summarize(@Body() body: SummarizeDto): SummarizeResultDto {
    const summary = this.ai.summarize(body.text);
    return { summary, creditsCharged: this.ai.summaryCost(summary) };
  }
}
