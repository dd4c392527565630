import { Reflector } from '@nestjs/core';

/** Typed metadata: organization API keys may call this route (set by the wallet-scoped decorators). */
export const OrganizationKeysAllowed = Reflector.createDecorator<boolean>();
