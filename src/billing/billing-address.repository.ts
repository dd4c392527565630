import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { BillingAddress } from '../generated/prisma/client.js';

export interface BillingAddressFields {
  name: string | null;
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
}

@Injectable()
export class BillingAddressRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByWallet(walletId: string): Promise<BillingAddress | null> {
    return this.prisma.billingAddress.findUnique({ where: { walletId } });
  }

  /** One per wallet (unique walletId): the first PUT creates it, later ones replace every field. */
  upsert(walletId: string, userId: string, fields: BillingAddressFields): Promise<BillingAddress> {
    return this.prisma.billingAddress.upsert({
      where: { walletId },
      create: { walletId, userId, ...fields },
      update: { userId, ...fields },
    });
  }
}
