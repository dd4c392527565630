import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app-config.js';
import { ErrorCode } from '../errors/error-code.js';
import { KeysetCursorCodec, type KeysetPosition } from './keyset-cursor.codec.js';

const codecWithSecret = (secret: string) =>
  new KeysetCursorCodec({ jwt: { secret } } as unknown as AppConfig);

const codec = codecWithSecret('a-secret-of-at-least-thirty-two-characters!');
const position: KeysetPosition = {
  createdAt: new Date('2026-11-30T12:34:56.789Z'),
  id: '0b7d4d4e-9d1c-4f57-8a55-2d0d5a6b7c8d',
};

const expectInvalid = (decode: () => unknown) =>
  expect(decode).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_CURSOR, status: 400 }));

describe('KeysetCursorCodec', () => {
  it('gives back the position it encoded, to the millisecond', () => {
    const cursor = codec.encode('ledger', position);
    expect(codec.decode('ledger', cursor)).toEqual(position);
    // Opaque to a client: URL-safe, and the position is not written in the clear.
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(cursor).not.toContain(position.id);
  });

  it("refuses one list's cursor on another list", () => {
    expectInvalid(() => codec.decode('orders', codec.encode('ledger', position)));
  });

  it('refuses a cursor signed with another secret', () => {
    const foreign = codecWithSecret('another-secret-of-at-least-thirty-two-chars').encode('ledger', position);
    expectInvalid(() => codec.decode('ledger', foreign));
  });

  it('refuses an edited cursor: another position under the old signature', () => {
    const [, signature] = codec.encode('ledger', position).split('.');
    const earlier = Buffer.from(`2020-01-01T00:00:00.000Z|${position.id}`).toString('base64url');
    expectInvalid(() => codec.decode('ledger', `${earlier}.${signature}`));
  });

  it.each([
    ['empty', ''],
    ['without a signature', 'abc'],
    ['with an empty signature', 'abc.'],
    ['with a third part', `${codec.encode('ledger', position)}.x`],
    ['of garbage', '%%%.***'],
  ])('refuses a cursor %s with 400 INVALID_CURSOR', (_, cursor) => {
    expectInvalid(() => codec.decode('ledger', cursor));
  });

  describe('page', () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({
      createdAt: new Date(Date.UTC(2026, 10, 30, 12, 0, 3 - i)),
      id: `0b7d4d4e-9d1c-4f57-8a55-2d0d5a6b7c8${i}`,
    }));

    it('returns `limit` items and a cursor at the last one when the query found one row more', () => {
      const page = codec.page('ledger', rows, 2, (row) => row.id);
      expect(page.items).toEqual([rows[0].id, rows[1].id]);
      expect(codec.decode('ledger', page.nextCursor!)).toEqual(rows[1]);
    });

    it('returns no cursor on the last page', () => {
      expect(codec.page('ledger', rows, 3, (row) => row.id).nextCursor).toBeNull();
      expect(codec.page('ledger', [] as KeysetPosition[], 3, (row) => row.id)).toEqual({
        items: [],
        nextCursor: null,
      });
    });
  });
});
