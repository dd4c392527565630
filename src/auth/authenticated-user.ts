import type { Role } from '../generated/prisma/enums.js';

/** What a guard puts on `request.user` after a valid JWT or API key. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
  /** The personal wallet: credits routes act on it without a query to find it. */
  walletId: string;
  /** The API key the request came with (recorded on the ledger rows it causes). */
  apiKeyId?: string;
  /** An organization API key's organization: the request acts on that organization's wallet. */
  organizationId?: string;
  /** How the request authenticated; API-key requests carry no JWT. */
  via: 'jwt' | 'api-key';
}

/** The claims inside an access token. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: Role;
  /** The personal wallet's id. */
  wid: string;
}
