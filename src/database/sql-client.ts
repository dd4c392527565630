import { createHash } from 'node:crypto';
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

/**
 * How many distinct statement texts get a name. The code builds a fixed set of shapes (fragments are
 * chosen by the code, values are always parameters and lists travel as one array parameter), so this is
 * never reached in practice; the cap only keeps a future statement with a varying text from preparing an
 * unbounded number of statements on every connection.
 */
const MAX_NAMED_STATEMENTS = 512;
const statementNames = new Map<string, string>();

/**
 * Every parameterised statement runs as a named prepared statement, parsed and planned once per pooled
 * connection instead of on every execution. The credit statements are long CTE chains whose planning
 * cost more than their execution: measured on this machine, the settle planned in 1.2–1.5 ms and ran in
 * 0.5 ms, and the pgbench ceiling of hold + settle rose from 467 to 1,219 tps with prepared statements
 * (bench/RESULTS.md). Statements without parameters keep pg's simple protocol (they may hold several
 * commands, which a prepared statement cannot). The name is a digest of the text, so one text always has
 * one name on every connection. Behind a transaction-pooling proxy, prepared statements need its support
 * (PgBouncer ≥ 1.21 `max_prepared_statements`; docs/operations.md).
 */
function statementName(text: string, parameters: number): string | undefined {
  if (parameters === 0) return undefined;
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `forge_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

class QueryableSqlClient implements SqlClient {
  constructor(private readonly queryable: pg.Pool | pg.PoolClient) {}

  async query<Row>(statement: Prisma.Sql): Promise<Row[]> {
    const result = await this.run(statement);
    return result.rows as Row[];
  }

  async execute(statement: Prisma.Sql): Promise<number> {
    const result = await this.run(statement);
    return result.rowCount ?? 0;
  }

  private run(statement: Prisma.Sql): Promise<pg.QueryResult> {
    // Prisma.Sql builds `text` anew on every read (the credit statements are ~14 KB): read it once.
    const text = statement.text;
    return this.queryable.query({
      name: statementName(text, statement.values.length),
      text,
      values: statement.values as unknown[],
    });
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
