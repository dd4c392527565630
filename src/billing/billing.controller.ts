import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { OrganizationRight } from '../organizations/organization-policy.js';
import type { ResolvedWalletContext } from '../organizations/wallet-context.js';
import { CurrentWallet, WalletScoped } from '../organizations/wallet-scoped.decorator.js';
import { BillingAddressService } from './billing-address.service.js';
import { CheckoutService } from './checkout.service.js';
import { BillingAddressDto, PutBillingAddressDto } from './dto/billing-address.dto.js';
import {
  CheckoutSessionDto,
  CreateCheckoutSessionDto,
  PacksDto,
  QuoteDto,
  QuoteQueryDto,
} from './dto/checkout.dto.js';
import { ListOrdersQueryDto, OrderDto, OrderPageDto } from './dto/order.dto.js';
import { OrdersService } from './orders.service.js';

@ApiTags('billing')
@Controller('billing')
export class BillingController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: OrdersService,
    private readonly addresses: BillingAddressService,
  ) {}

  @Get('packs')
  @ApiOperation({
    summary: 'Credit packs, unit size, currency and the payment providers a checkout can use (public)',
  })
  @ApiOkResponse({ type: PacksDto })
  packs(): PacksDto {
    return this.checkout.packs();
  }

  @Get('quote')
  @ApiOperation({
    summary: 'The price of any number of credits, as a checkout would charge it (public)',
    description: 'Lets a pricing page show the price of a custom amount without computing it in the browser.',
  })
  @ApiOkResponse({ type: QuoteDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'INVALID_CREDITS: not a positive integer multiple of CREDITS_PER_UNIT up to 50,000',
  })
  quote(@Query() query: QuoteQueryDto): QuoteDto {
    return this.checkout.quote(query.credits);
  }

  @Post('checkout-sessions')
  @WalletScoped(OrganizationRight.BUY_CREDITS)
  @Idempotent()
  @ApiOperation({
    summary: 'Start buying credits: creates a PENDING order and a checkout session at the provider',
    description:
      'The price is computed by the server from the number of credits. Send the customer to `checkoutUrl`; ' +
      'the credits arrive when the provider confirms the payment through its webhook.',
  })
  @ApiCreatedResponse({ type: CheckoutSessionDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'INVALID_CREDITS (not a positive integer multiple of CREDITS_PER_UNIT up to 50,000), PROVIDER_UNAVAILABLE, VALIDATION_FAILED',
  })
  @ApiBadGatewayResponse({
    type: ErrorResponseDto,
    description: 'PAYMENT_PROVIDER_ERROR: the provider failed or timed out; the order is FAILED',
  })
  createCheckoutSession(
    @CurrentUser() user: AuthenticatedUser,
    @CurrentWallet() wallet: ResolvedWalletContext,
    @Body() body: CreateCheckoutSessionDto,
  ): Promise<CheckoutSessionDto> {
    return this.checkout.createCheckout(user, wallet.walletId, body);
  }

  @Get('orders')
  @WalletScoped(OrganizationRight.MANAGE_BILLING)
  @ApiOperation({ summary: "The user's orders, newest first, keyset-paginated" })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'INVALID_CURSOR, or a limit outside 1..100' })
  listOrders(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @Query() query: ListOrdersQueryDto,
  ): Promise<OrderPageDto> {
    return this.orders.list(wallet.walletId, query.limit, query.cursor);
  }

  @Get('orders/:id')
  @WalletScoped(OrganizationRight.MANAGE_BILLING)
  @ApiOperation({ summary: 'One of the user’s orders' })
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such order among this user’s orders' })
  getOrder(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @Param('id', ResourceIdPipe) id: string,
  ): Promise<OrderDto> {
    return this.orders.get(wallet.walletId, id);
  }

  @Get('address')
  @WalletScoped(OrganizationRight.MANAGE_BILLING)
  @ApiOperation({ summary: 'The billing address sent to the payment provider with each checkout' })
  @ApiOkResponse({ type: BillingAddressDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'NOT_FOUND: no address saved yet' })
  getAddress(@CurrentWallet() wallet: ResolvedWalletContext): Promise<BillingAddressDto> {
    return this.addresses.get(wallet.walletId);
  }

  @Put('address')
  @WalletScoped(OrganizationRight.MANAGE_BILLING)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Create or replace the billing address' })
  @ApiOkResponse({ type: BillingAddressDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, e.g. a country that is not ISO 3166-1 alpha-2',
  })
  putAddress(
    @CurrentUser() user: AuthenticatedUser,
    @CurrentWallet() wallet: ResolvedWalletContext,
    @Body() body: PutBillingAddressDto,
  ): Promise<BillingAddressDto> {
    return this.addresses.put(wallet.walletId, user.id, body);
  }
}
