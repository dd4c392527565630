import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { BillingAddress } from '../generated/prisma/client.js';
import type { PostalAddress } from '../payments/payment-gateway.js';

/** The address of a stored row, without its keys and timestamps. */
export function postalAddressOf(row: BillingAddress): PostalAddress {
  const { name, line1, line2, city, state, postalCode, country } = row;
  return { name, line1, line2, city, state, postalCode, country };
}

@Injectable()
export class BillingAddressRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByWallet(walletId: string): Promise<BillingAddress | null> {
    return this.prisma.billingAddress.findUnique({ where: { walletId } });
  }

  /** One per wallet (unique walletId): the first PUT creates it, later ones replace every field. */
  upsert(walletId: string, userId: string, fields: PostalAddress): Promise<BillingAddress> {
    return this.prisma.billingAddress.upsert({
      where: { walletId },
      create: { walletId, userId, ...fields },
      update: { userId, ...fields },
    });
  }
}
