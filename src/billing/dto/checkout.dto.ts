import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PAYMENT_PROVIDERS, type PaymentProviderName } from '../../config/app-config.js';
import { MAX_CREDITS_PER_ORDER } from '../pricing.js';

export class CreateCheckoutSessionDto {
  /**
   * Typed `unknown` and only whitelisted (`@Allow`) on purpose: the contract answers every bad value
   * with 400 INVALID_CREDITS, not the ValidationPipe's generic VALIDATION_FAILED, and the rule depends
   * on CREDITS_PER_UNIT from the configuration, which a class-validator constraint cannot see without
   * a container hook. So `validateCredits` in pricing.ts checks it, in the service, from the raw value.
   */
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_CREDITS_PER_ORDER,
    example: 100,
    description: `A positive integer multiple of CREDITS_PER_UNIT (default 50), at most ${MAX_CREDITS_PER_ORDER}; anything else is 400 INVALID_CREDITS`,
  })
  @Allow()
  credits!: unknown;

  /** A string, but not an enum here: an unknown name is 400 PROVIDER_UNAVAILABLE like an unconfigured one. */
  @ApiPropertyOptional({
    enum: [...PAYMENT_PROVIDERS],
    description:
      'Defaults to the configured default provider; one that is not enabled is 400 PROVIDER_UNAVAILABLE',
    example: 'stripe',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  provider?: string;

  @ApiPropertyOptional({
    description:
      'Keep the card for auto top-up (a provider customer per wallet, off-session consent); 409 AUTO_TOP_UP_UNSUPPORTED for a provider that cannot charge off-session',
  })
  @IsOptional()
  @IsBoolean()
  savePaymentMethod?: boolean;
}

export class CheckoutSessionDto {
  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ enum: [...PAYMENT_PROVIDERS], example: 'stripe' })
  provider!: PaymentProviderName;

  @ApiProperty({ description: "The provider's checkout session id", example: 'cs_test_a1b2c3' })
  sessionId!: string;

  @ApiProperty({
    description: 'Send the customer here to pay',
    example: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3',
  })
  checkoutUrl!: string;

  @ApiProperty({ type: 'integer', example: 100 })
  credits!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents), computed by the server', example: 1800 })
  amount!: number;

  @ApiProperty({ example: 'usd' })
  currency!: string;

  @ApiProperty({
    enum: ['PENDING'],
    description: 'Credits arrive when the provider confirms the payment (webhook)',
  })
  status!: 'PENDING';
}

export class PackDto {
  @ApiProperty({ type: 'integer', example: 100 })
  credits!: number;

  @ApiProperty({ type: 'integer', example: 2 })
  units!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents)', example: 1800 })
  amount!: number;
}

export class PriceTierDto {
  @ApiProperty({
    type: 'integer',
    description: 'The smallest order, in units, that gets this price',
    example: 2,
  })
  minUnits!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents) per unit', example: 900 })
  unitAmount!: number;
}

export class PacksDto {
  @ApiProperty({
    type: 'integer',
    description: 'Credits in one unit; any multiple can be bought',
    example: 50,
  })
  creditsPerUnit!: number;

  @ApiProperty({ example: 'usd' })
  currency!: string;

  @ApiProperty({ type: [PackDto] })
  packs!: PackDto[];

  @ApiProperty({
    type: [PriceTierDto],
    description:
      'Volume prices, smallest order first: every unit of an order costs the unitAmount of the last tier whose minUnits it reaches',
  })
  tiers!: PriceTierDto[];

  @ApiProperty({
    enum: [...PAYMENT_PROVIDERS],
    isArray: true,
    description: 'Providers a checkout can use, in preference order',
    example: ['stripe', 'sandbox'],
  })
  providers!: PaymentProviderName[];

  @ApiProperty({
    enum: [...PAYMENT_PROVIDERS],
    nullable: true,
    description: 'Used when a checkout names no provider',
    example: 'stripe',
  })
  defaultProvider!: PaymentProviderName | null;
}

export class QuoteQueryDto {
  /** Checked by `validateCredits` like a checkout's, for the same INVALID_CREDITS answer (see CreateCheckoutSessionDto). */
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_CREDITS_PER_ORDER,
    example: 150,
    description: `A positive integer multiple of CREDITS_PER_UNIT (default 50), at most ${MAX_CREDITS_PER_ORDER}; anything else is 400 INVALID_CREDITS`,
  })
  @Allow()
  credits!: unknown;
}

export class QuoteDto {
  @ApiProperty({ type: 'integer', example: 150 })
  credits!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  units!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents) per unit at this volume', example: 900 })
  unitAmount!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Minor units (cents): what a checkout for these credits costs',
    example: 2700,
  })
  amount!: number;

  @ApiProperty({ example: 'usd' })
  currency!: string;
}
