import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { SpendLimitPeriod } from '../generated/prisma/enums.js';

/** When a UTC period that started at `start` ends: the next day, ISO week (Monday) or month. */
export function periodEnd(period: SpendLimitPeriod, start: Date): Date {
  const end = new Date(start);
  if (period === 'DAY') end.setUTCDate(end.getUTCDate() + 1);
  else if (period === 'WEEK') end.setUTCDate(end.getUTCDate() + 7);
  else end.setUTCMonth(end.getUTCMonth() + 1);
  return end;
}

/** The start of the UTC period of `period` kind that contains `at` (the same as the SQL's periodStart). */
export function periodStartOf(period: SpendLimitPeriod, at: Date): Date {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (period === 'WEEK') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  else if (period === 'MONTH') start.setUTCDate(1);
  return start;
}

/** 403 SPEND_LIMIT_REACHED {limit, used, period, resetsAt}. */
export function spendLimitReached(refusal: {
  limit: number;
  used: number;
  period: SpendLimitPeriod;
  periodStart: Date;
}): AppException {
  const resetsAt = periodEnd(refusal.period, new Date(refusal.periodStart));
  return new AppException(
    ErrorCode.SPEND_LIMIT_REACHED,
    `Your spend limit in this organization is ${refusal.limit} credits per ${refusal.period.toLowerCase()}; ${refusal.used} used`,
    { limit: refusal.limit, used: refusal.used, period: refusal.period, resetsAt: resetsAt.toISOString() },
  );
}
