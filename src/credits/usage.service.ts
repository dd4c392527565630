import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { UsageDto, UsageReversalDto } from './dto/usage.dto.js';
import { UsageReversalRepository } from './usage-reversal.repository.js';
import { type UsageGrouping, UsageRepository } from './usage.repository.js';

const DAY_MS = 86_400_000;
const DEFAULT_USAGE_DAYS = 30;
const MAX_USAGE_DAYS = 366;

export interface UsageQuery {
  from?: string;
  to?: string;
  groupBy: UsageGrouping;
  /** Only the requests this user made (an organization MEMBER's view). */
  onlyUserId?: string;
}

@Injectable()
export class UsageService {
  constructor(
    private readonly usage: UsageRepository,
    private readonly reversals: UsageReversalRepository,
  ) {}

  /** Support puts a settled request's charge back, once per reservation. */
  async reverse(reservationId: string, adminId: string, reason: string): Promise<UsageReversalDto> {
    const result = await this.reversals.reverse(
      reservationId,
      adminId,
      `Usage reversed by admin ${adminId}: ${reason}`,
    );
    if (result.outcome === 'not-found')
      throw new AppException(ErrorCode.NOT_FOUND, 'No settled, charged request with this reservation id');
    if (result.outcome === 'already-reversed')
      throw new AppException(ErrorCode.ALREADY_REVERSED, 'This request’s charge was already reversed');
    const { entry } = result;
    return {
      id: entry.id,
      type: entry.type,
      amount: entry.amount,
      balanceAfter: entry.balanceAfter,
      description: entry.description,
      orderId: entry.orderId,
      createdAt: entry.createdAt,
      walletId: entry.walletId,
      reservationId: entry.reservationId,
      debtPaid: entry.debtPaid,
      writtenOff: entry.writtenOff,
      remaining: entry.remaining,
    };
  }

  /** Credits charged in [from, to); by default the 30 UTC days ending today (or ending at `to`). */
  async usageOf(walletId: string, query: UsageQuery, now = new Date()): Promise<UsageDto> {
    const endOfToday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
    const to = query.to === undefined ? endOfToday : parseInstant('to', query.to);
    const from =
      query.from === undefined
        ? new Date(to.getTime() - DEFAULT_USAGE_DAYS * DAY_MS)
        : parseInstant('from', query.from);
    if (from.getTime() >= to.getTime()) invalid('from must be before to');
    if (to.getTime() - from.getTime() > MAX_USAGE_DAYS * DAY_MS)
      invalid(`from and to may be at most ${MAX_USAGE_DAYS} days apart`);

    if (query.groupBy === 'day')
      return { items: await this.usage.byDay(walletId, from, to, query.onlyUserId) };
    if (query.groupBy === 'member' && (await this.usage.ownerTypeOf(walletId)) !== 'ORGANIZATION')
      invalid('groupBy=member is for organization wallets');
    return { items: await this.usage.byKey(walletId, from, to, query.groupBy, query.onlyUserId) };
  }
}

/** `YYYY-MM-DD` is that UTC day's midnight; a date-time must name its zone (validated by the DTO). */
function parseInstant(field: string, value: string): Date {
  const instant = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value.toUpperCase());
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  // Date() rolls 2026-02-30 over to March; a day that does not exist is a bad request, not another day.
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  if (
    Number.isNaN(instant.getTime()) ||
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month! - 1 ||
    calendar.getUTCDate() !== day
  )
    invalid(`${field} is not a valid date`);
  return instant;
}

function invalid(message: string): never {
  throw new AppException(ErrorCode.VALIDATION_FAILED, message);
}
