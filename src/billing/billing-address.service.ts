import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { BillingAddress } from '../generated/prisma/client.js';
import { BillingAddressRepository, postalAddressOf } from './billing-address.repository.js';
import type { BillingAddressDto, PutBillingAddressDto } from './dto/billing-address.dto.js';

@Injectable()
export class BillingAddressService {
  constructor(private readonly addresses: BillingAddressRepository) {}

  async get(walletId: string): Promise<BillingAddressDto> {
    const address = await this.addresses.findByWallet(walletId);
    if (!address) throw new AppException(ErrorCode.NOT_FOUND, 'No billing address yet');
    return toDto(address);
  }

  /** A full replacement: optional fields left out are cleared (the DTO already trimmed and upper-cased). */
  async put(walletId: string, userId: string, body: PutBillingAddressDto): Promise<BillingAddressDto> {
    const address = await this.addresses.upsert(walletId, userId, {
      name: body.name ?? null,
      line1: body.line1,
      line2: body.line2 ?? null,
      city: body.city,
      state: body.state ?? null,
      postalCode: body.postalCode,
      country: body.country.toUpperCase(),
    });
    return toDto(address);
  }
}

function toDto(address: BillingAddress): BillingAddressDto {
  return { ...postalAddressOf(address), updatedAt: address.updatedAt };
}
