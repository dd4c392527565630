import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '../../common/errors/app-exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { API_KEY_STRATEGY } from '../strategies/api-key.strategy.js';
import { JWT_STRATEGY } from '../strategies/jwt.strategy.js';

/** Accepts a bearer JWT or an X-API-Key, whichever the request carries. */
@Injectable()
export class AuthenticationGuard extends AuthGuard([JWT_STRATEGY, API_KEY_STRATEGY]) {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new AppException(ErrorCode.UNAUTHORIZED, 'Missing, invalid or expired credentials');
    return user;
  }
}
