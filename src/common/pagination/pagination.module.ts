import { Module } from '@nestjs/common';
import { KeysetCursorCodec } from './keyset-cursor.codec.js';

/** The signed keyset cursors; imported by each module that serves a paginated list. */
@Module({ providers: [KeysetCursorCodec], exports: [KeysetCursorCodec] })
export class PaginationModule {}
