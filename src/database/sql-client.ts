import type pg from 'pg';
import type { Prisma } from '../generated/prisma/client.js';

/**
 * Where statements run: the pool (SqlDatabase) or one transaction of it. Plain SQL on the pool under Prisma, for the few hot paths whose every statement is hand-written SQL
 * anyway (the credit hold and settle, webhook fulfilment). Queries are built with Prisma's `Prisma.sql`
 * tagged template, so values are always bound parameters, never spliced into the text.
 *
 * Why not `$queryRaw` / `$transaction` there: measured on this machine, a `$queryRaw` costs 0.40 ms of
 * Node CPU against 0.14 ms for the same statement through `pg`, and an interactive transaction of eight
 * statements 2.7 ms against 0.7 ms (Prisma's query interpreter and transaction bookkeeping). On the
 * charged-request path that was half of the server's CPU per request (bench/RESULTS.md).
 * Everything else keeps Prisma's client.
 */
export interface SqlClient {
  /** The rows of one statement. */
  query<Row>(statement: Prisma.Sql): Promise<Row[]>;
  /** The number of rows one statement changed. */
  execute(statement: Prisma.Sql): Promise<number>;
}

class QueryableSqlClient implements SqlClient {
  constructor(private readonly queryable: pg.Pool | pg.PoolClient) {}

  async query<Row>(statement: Prisma.Sql): Promise<Row[]> {
    const result = await this.queryable.query(statement.text, statement.values as unknown[]);
    return result.rows as Row[];
  }

  async execute(statement: Prisma.Sql): Promise<number> {
    const result = await this.queryable.query(statement.text, statement.values as unknown[]);
    return result.rowCount ?? 0;
  }
}

export function poolSqlClient(pool: pg.Pool): SqlClient {
  return new QueryableSqlClient(pool);
}

/** A statement that runs longer than this inside a transaction is cancelled, so no lock is held forever. */
const TRANSACTION_STATEMENT_TIMEOUT_MS = 20_000;

/**
 * Runs `work` in one READ COMMITTED transaction on one pooled connection: COMMIT when it resolves,
 * ROLLBACK when it throws (and the error is rethrown).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  let broken = false;
  // While a connection is checked out, pg-pool does not listen for its errors: a backend that dies mid-
  // transaction (restart, failover, pg_terminate_backend) would emit an unhandled 'error' and crash the
  // process. The failing query rejects anyway; the connection must not go back to the pool.
  const onError = () => {
    broken = true;
  };
  connection.on('error', onError);
  try {
    // One round trip: BEGIN and the transaction's own statement timeout.
    await connection.query(
      `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL statement_timeout = ${TRANSACTION_STATEMENT_TIMEOUT_MS}`,
    );
    const result = await work(new QueryableSqlClient(connection));
    await connection.query('COMMIT');
    return result;
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {
      // The connection is unusable (it dropped mid-transaction): do not return it to the pool.
      broken = true;
    });
    throw error;
  } finally {
    connection.off('error', onError);
    connection.release(broken);
  }
}
