import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export const GENERATE_COST = 10;
export const SUMMARIZE_MAX_COST = 20;
const SUMMARY_CHARACTERS_PER_CREDIT = 100;
const SUMMARY_MAX_LENGTH = SUMMARIZE_MAX_COST * SUMMARY_CHARACTERS_PER_CREDIT;

/**
 * Stand-ins for a paid model call: deterministic and offline, so that tests and benchmarks measure the
 * credit machinery and nothing else.
 */
@Injectable()
export class AiService {
  generate(prompt: string): string {
    const digest = createHash('sha256').update(prompt).digest('hex');
    return `Generated for "${prompt.slice(0, 40)}": ${digest.slice(0, 32)}`;
  }

  /** Keeps every fourth word, then caps the length: a longer text costs more, up to the hold. */
  summarize(text: string): string {
    const words = text.split(/\s+/).filter(Boolean);
    return words
      .filter((_word, index) => index % 4 === 0)
      .join(' ')
      .slice(0, SUMMARY_MAX_LENGTH);
  }

  summaryCost(summary: string): number {
    return Math.max(1, Math.ceil(summary.length / SUMMARY_CHARACTERS_PER_CREDIT));
  }
}
