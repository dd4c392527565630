import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/** With METRICS_TOKEN set, /metrics wants `Authorization: Bearer <token>`; 401 UNAUTHORIZED otherwise. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    // Digests have one length, so the comparison takes the same time whatever the token's length.
    if (token !== undefined && timingSafeEqual(digest(token), this.expected)) return true;
    throw new AppException(ErrorCode.UNAUTHORIZED, 'A valid metrics token is required');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
