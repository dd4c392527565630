import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport';
import { ApiKeysService } from '../api-keys.service.js';
import type { AuthenticatedUser } from '../authenticated-user.js';

export const API_KEY_STRATEGY = 'api-key';

type Verify = (key: string, done: (error: unknown, user?: AuthenticatedUser | false) => void) => void;

/**
 * `X-API-Key: <key>`. Written here because the packaged header-API-key strategies are unmaintained and
 * the whole job is a few lines on top of passport's base Strategy.
 */
class HeaderApiKeyStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Request): void {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || key === '') return this.fail(401);
    this.verify(key, (error, user) => {
      if (error) return this.error(error);
      return user ? this.success(user) : this.fail(401);
    });
  }
}

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderApiKeyStrategy, API_KEY_STRATEGY) {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(key: string): Promise<AuthenticatedUser | false> {
    return (await this.apiKeys.authenticate(key)) ?? false;
  }
}
