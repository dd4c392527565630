import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where a newest-first list stopped: the (createdAt, id) of the last row of the page. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

/**
 * Opaque cursors for every keyset-paginated list (ledger, orders): the position of the last row of a
 * page, signed so that a client cannot forge or edit one (a forged cursor is a 400, not a silently
 * different page). The list name is part of what is signed, so one list's cursor is no use on another.
 */
@Injectable()
export class KeysetCursorCodec {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.jwt.secret).update('forge-credits:keyset-cursor').digest();
  }

  encode(list: string, position: KeysetPosition): string {
    const payload = Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
    return `${payload}.${this.sign(list, payload)}`;
  }

  decode(list: string, cursor: string): KeysetPosition {
    const [payload, signature, extra] = cursor.split('.');
    const expected = payload ? this.sign(list, payload) : '';
    if (
      !payload ||
      !signature ||
      extra !== undefined ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      throw invalid();
    }
    const [iso, id] = Buffer.from(payload, 'base64url').toString().split('|');
    const createdAt = new Date(iso ?? '');
    if (Number.isNaN(createdAt.getTime()) || !id || !UUID.test(id)) throw invalid();
    return { createdAt, id };
  }

  /**
   * Turns the rows of a query asked for `limit + 1` rows into a page: one row more than asked tells
   * whether another page exists, without a COUNT.
   */
  page<Row extends KeysetPosition, Item>(
    list: string,
    rows: Row[],
    limit: number,
    toItem: (row: Row) => Item,
  ): { items: Item[]; nextCursor: string | null } {
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toItem),
      nextCursor: rows.length > limit && last ? this.encode(list, last) : null,
    };
  }

  private sign(list: string, payload: string): string {
    return createHmac('sha256', this.key).update(`${list}\n${payload}`).digest('base64url');
  }
}

function invalid(): AppException {
  return new AppException(ErrorCode.INVALID_CURSOR, 'cursor is not a cursor returned by this API');
}
