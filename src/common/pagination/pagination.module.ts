import { Global, Module } from '@nestjs/common';
import { KeysetCursorCodec } from './keyset-cursor.codec.js';

@Global()
@Module({ providers: [KeysetCursorCodec], exports: [KeysetCursorCodec] })
export class PaginationModule {}
