import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module.js';
import { CreditsModule } from '../credits/credits.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { ApiKeyStrategy } from './strategies/api-key.strategy.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { UsersRepository } from './users.repository.js';

/**
 * Registration, login, API keys and the two passport strategies. A feature module needs no import to put
 * @Authenticated() or @Roles() on its routes: Nest builds a route's guards in the route's own module, and
 * these guards inject nothing but Reflector; the strategies they call register with passport when this
 * module boots (AppModule imports it). OrganizationsModule reads users by email and manages organization keys.
 */
@Module({
  imports: [
    PassportModule,
    // @RateLimited() on login and registration installs ThrottlerGuard, which needs the throttler's storage.
    RateLimitModule,
    // Registration opens the personal wallet (and any signup bonus) through the ledger, in its transaction.
    CreditsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwt.expiresInSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    ApiKeysService,
    ApiKeysRepository,
    UsersRepository,
    PasswordHasher,
    JwtStrategy,
    ApiKeyStrategy,
  ],
  // What OrganizationsModule needs: the guards for its routes, users by email, and organization API keys.
  exports: [UsersRepository, ApiKeysService],
})
export class AuthModule {}
