import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { DatabasePool } from './database-pool.js';
import { inTransaction, poolSqlClient, type SqlClient } from './sql-client.js';

/**
 * The injectable client for hand-written SQL (see sql-client.ts for why the hot paths use it): one
 * statement on the pool, or one READ COMMITTED transaction whose statements share a connection.
 * Repositories on the request path (credits, ledger, idempotency, webhook fulfilment) use it; the rest
 * keep Prisma's client.
 */
@Injectable()
export class SqlDatabase implements SqlClient {
  private readonly client: SqlClient;

  constructor(private readonly database: DatabasePool) {
    this.client = poolSqlClient(database.pool);
  }

  query<Row>(statement: Prisma.Sql): Promise<Row[]> {
    return this.client.query<Row>(statement);
  }

  execute(statement: Prisma.Sql): Promise<number> {
    return this.client.execute(statement);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return inTransaction(this.database.pool, work);
  }
}
