import { Body, Controller, HttpCode, Injectable, Module, Post } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { CreditsModule } from '../../src/credits/credits.module.js';
import { RequiresCredits } from '../../src/credits/requires-credits.decorator.js';

/**
 * Priced routes that only tests mount: a handler that waits until the test opens a gate, and one that
 * fails. They use @RequiresCredits exactly as a feature team would.
 */
@Injectable()
export class TestGate {
  calls = 0;
  private waiting: (() => void)[] = [];
  private opened = false;

  async pass(): Promise<void> {
    this.calls++;
    if (!this.opened) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Resolves once `count` handler bodies are waiting at the gate. */
  async waitForArrivals(count: number): Promise<void> {
    while (this.waiting.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  open(): void {
    this.opened = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  reset(): void {
    this.calls = 0;
    this.opened = false;
    this.waiting = [];
  }
}

class EchoDto {
  @IsOptional()
  @IsString()
  note?: string;
}

@Controller('test-priced')
class PricedTestController {
  constructor(private readonly gate: TestGate) {}

  @Post('gated')
  @HttpCode(200)
  @RequiresCredits(1)
  async gated(): Promise<{ ok: true }> {
    await this.gate.pass();
    return { ok: true };
  }

  @Post('echo')
  @RequiresCredits(5)
  echo(@Body() body: EchoDto): { note: string | null; at: number } {
    this.gate.calls++;
    return { note: body.note ?? null, at: this.gate.calls };
  }

  @Post('fails')
  @RequiresCredits(7)
  async fails(): Promise<never> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error('the feature broke');
  }

  /** Holds 10, waits at the gate, then charges 4: six credits go back to the grants they came from. */
  @Post('gated-partial')
  @HttpCode(200)
  @RequiresCredits({ reserve: 10, settle: (result: { used: number }) => result.used })
  async gatedPartial(): Promise<{ used: number }> {
    await this.gate.pass();
    return { used: 4 };
  }

  @Post('short-hold')
  @RequiresCredits({ reserve: 3, holdTtlSeconds: 1 })
  async shortHold(): Promise<{ ok: true }> {
    await this.gate.pass();
    return { ok: true };
  }
}

@Module({ imports: [CreditsModule], controllers: [PricedTestController], providers: [TestGate] })
export class PricedTestModule {}
