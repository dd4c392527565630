import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AppException } from '../../common/errors/app-exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { OrganizationKeysAllowed } from '../decorators/organization-keys.metadata.js';
import { API_KEY_STRATEGY } from '../strategies/api-key.strategy.js';
import { JWT_STRATEGY } from '../strategies/jwt.strategy.js';

/**
 * Accepts a bearer JWT or an X-API-Key, whichever the request carries. An organization API key is
 * accepted only on routes that act on a wallet (credits, billing, priced routes); elsewhere 403.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard([JWT_STRATEGY, API_KEY_STRATEGY]) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed = (await super.canActivate(context)) as boolean;
    const user = context.switchToHttp().getRequest<Request>().user as AuthenticatedUser | undefined;
    if (
      user?.organizationId &&
      !this.reflector.getAllAndOverride(OrganizationKeysAllowed, [context.getHandler(), context.getClass()])
    ) {
      throw new AppException(
        ErrorCode.FORBIDDEN,
        'Organization API keys work only on credits, billing and priced routes',
      );
    }
    return allowed;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new AppException(ErrorCode.UNAUTHORIZED, 'Missing, invalid or expired credentials');
    return user;
  }
}
