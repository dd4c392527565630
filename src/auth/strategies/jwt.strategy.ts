import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AccessTokenClaims, AuthenticatedUser } from '../authenticated-user.js';
import { UsersRepository } from '../users.repository.js';

export const JWT_STRATEGY = 'jwt';

/**
 * Stateless: a valid token is trusted for its lifetime without a database read, which keeps the
 * credit-charged hot path to the credit statements alone. Only HS256 is accepted (never `none`).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key
      // on every verify and builds the secret key only after that throws — a third of the server's CPU on a
      // charged request in the benchmark (bench/RESULTS.md). The typings predate KeyObject support.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser | false> {
    if (typeof claims.sub !== 'string' || typeof claims.email !== 'string') return false;
    // Tokens carry the personal wallet's id; one issued before wallets existed is looked up once.
    const walletId =
      typeof claims.wid === 'string' ? claims.wid : await this.users.personalWalletId(claims.sub);
    if (!walletId) return false;
    return { id: claims.sub, email: claims.email, role: claims.role, walletId, via: 'jwt' };
  }
}
