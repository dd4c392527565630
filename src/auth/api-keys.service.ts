import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { ApiKey } from '../generated/prisma/client.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

const KEY_PREFIX = 'fc_';
const PREFIX_LENGTH = KEY_PREFIX.length + 8;
/** lastUsedAt is a hint for the user, not an audit log: write it at most once a minute per key. */
const TOUCH_INTERVAL_MS = 60_000;

function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

@Injectable()
export class ApiKeysService {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  /** With `organizationId`, an organization key: it acts on that organization's wallet, as `userId`. */
  async create(userId: string, name: string, organizationId?: string): Promise<CreatedApiKeyDto> {
    // 32 random bytes: a key cannot be guessed, so a fast sha256 (not a password hash) is enough to store it.
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.apiKeys.create({
      userId,
      organizationId: organizationId ?? null,
      name,
      prefix: key.slice(0, PREFIX_LENGTH),
      hash: hashApiKey(key),
    });
    return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt };
  }

  async list(userId: string): Promise<ApiKeyDto[]> {
    return (await this.apiKeys.listActive(userId)).map(toDto);
  }

  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.apiKeys.revoke(userId, id)))
      throw new AppException(ErrorCode.NOT_FOUND, 'API key not found');
  }

  /** The user behind a key, or undefined for an unknown or revoked one. */
  async authenticate(key: string): Promise<AuthenticatedUser | undefined> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
    const row = await this.apiKeys.findActiveByHash(hashApiKey(key));
    if (!row?.user.wallet) return undefined;
    const now = new Date();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.apiKeys.touch(row.id, now);
    }
    return {
      id: row.user.id,
      email: row.user.email,
      role: row.user.role,
      walletId: row.user.wallet.id,
      apiKeyId: row.id,
      ...(row.organizationId && { organizationId: row.organizationId }),
      via: 'api-key',
    };
  }
}

function toDto(row: ApiKey): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}
