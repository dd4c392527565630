import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { RateLimited } from '../common/rate-limit/rate-limited.decorator.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { Authenticated, CurrentUser } from './decorators/auth.decorators.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';
import { AuthTokenDto, LoginDto, MeDto, RegisterDto } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post('register')
  @RateLimited()
  @ApiOperation({ summary: 'Create an account and get an access token' })
  @ApiCreatedResponse({ type: AuthTokenDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Invalid email, password of the wrong length, or unknown fields',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'EMAIL_TAKEN' })
  register(@Body() body: RegisterDto): Promise<AuthTokenDto> {
    return this.auth.register(body);
  }

  @Post('login')
  @RateLimited()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiOkResponse({ type: AuthTokenDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'INVALID_CREDENTIALS' })
  login(@Body() body: LoginDto): Promise<AuthTokenDto> {
    return this.auth.login(body);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The authenticated user' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    return this.auth.me(user.id);
  }

  @Post('api-keys')
  @Authenticated()
  @ApiOperation({ summary: 'Create an API key; the key is shown once, in this response' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  createApiKey(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(user.id, body.name);
  }

  @Get('api-keys')
  @Authenticated()
  @ApiOperation({ summary: "The user's active API keys (never the keys themselves)" })
  @ApiOkResponse({ type: [ApiKeyDto] })
  listApiKeys(@CurrentUser() user: AuthenticatedUser): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(user.id);
  }

  @Delete('api-keys/:id')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such key among this user’s keys' })
  async revokeApiKey(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
  ): Promise<void> {
    await this.apiKeys.revoke(user.id, id);
  }
}
