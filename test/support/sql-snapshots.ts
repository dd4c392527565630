import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IdempotencyRepository } from '../../src/common/idempotency/idempotency.repository.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { TransfersRepository } from '../../src/credits/transfers.repository.js';
import { UsageReversalRepository } from '../../src/credits/usage-reversal.repository.js';
import type { SqlClient } from '../../src/database/sql-client.js';
import type { SqlDatabase } from '../../src/database/sql-database.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';

/**
 * `npm run sql:snapshots` writes the hot path's SQL, captured from the repositories themselves, to
 * src/queries/*.sql, so that a change to a statement shows in review; `-- --check` (run by CI) fails when
 * the files are not what the code sends.
 */

const OUT_DIR = join(process.cwd(), 'src', 'queries');
const WALLET = '00000000-0000-4000-9000-000000000001';
const USER = '00000000-0000-4000-8000-000000000001';
const RESERVATION = '00000000-0000-4000-a000-000000000001';
const ORDER = '00000000-0000-4000-b000-000000000001';
const RECORD = '00000000-0000-4000-c000-000000000001';
const ORGANIZATION = '00000000-0000-4000-d000-000000000001';

type Captured = { name: string; statement: Prisma.Sql }[];

const outbox = new OutboxRepository({ events: { lowBalanceThresholds: [10] } } as unknown as AppConfig);
const LEDGER_CONFIG = { grants: { expiryNoticeDays: 7 } } as unknown as AppConfig;

function recorder(captured: Captured, rows: () => unknown[]) {
  let name = '';
  const client = {
    named(next: string) {
      name = next;
    },
    async query<Row>(statement: Prisma.Sql): Promise<Row[]> {
      captured.push({ name, statement });
      return rows() as Row[];
    },
    async execute(statement: Prisma.Sql): Promise<number> {
      captured.push({ name, statement });
      return 0;
    },
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      return work(client);
    },
  };
  return client;
}

async function creditsStatements(): Promise<Captured> {
  const captured: Captured = [];
  let rows: unknown[] = [{ reservationId: RESERVATION, remaining: 0 }];
  const sql = recorder(captured, () => rows);
  const credits = new CreditsRepository(sql as unknown as SqlDatabase, outbox);
  const actor = { walletId: WALLET, userId: USER };
  sql.named('hold (one statement; retried once when the locked wallet showed enough)');
  await credits.hold(actor, 10, 'POST /api/ai/generate', 300);
  sql.named(
    'hold on an organization wallet (membership, role, deletion and the spend limit in the same statement)',
  );
  await credits.hold({ organizationId: ORGANIZATION, userId: USER }, 10, 'POST /api/ai/generate', 300);
  sql.named("settle (without the hold's scope: every case included)");
  await credits.settle(actor, RESERVATION, 10);
  sql.named(
    "settle of a personal wallet's hold whose grants all outlive it (the hot path: no member counters, no write-off)",
  );
  await credits.settle(actor, RESERVATION, 10, undefined, {
    organizationWallet: false,
    grantMayExpireDuringHold: false,
  });
  sql.named('settle with the stored Idempotency-Key response');
  await credits.settle(actor, RESERVATION, 10, {
    recordId: RECORD,
    userId: USER,
    status: 201,
    body: {},
    headers: {},
    ttlSeconds: 86_400,
  });
  rows = [];
  sql.named('void');
  await credits.void(WALLET, RESERVATION);
  sql.named('expireStaleHolds (the sweeper of holds whose request died)');
  await credits.expireStaleHolds();
  sql.named('balance');
  await credits.balance(WALLET, 7);
  sql.named('listTransactions (first page)');
  await credits.listTransactions(WALLET, 21);
  return captured;
}

async function ledgerStatements(): Promise<Captured> {
  const captured: Captured = [];
  const sql = recorder(captured, () => [{ id: WALLET, grants: 0 }]);
  const ledger = new LedgerRepository(sql as unknown as SqlDatabase, LEDGER_CONFIG, outbox);
  const movement = { reference: 'order:…', description: '…', orderId: ORDER };
  sql.named('credit (a purchase: a new PAID grant that pays debt first)');
  await ledger.applyMovement(sql, WALLET, { ...movement, type: 'PURCHASE', amount: 100 });
  sql.named('credit (a dispute restore: category and expiry of the purchase grant)');
  await ledger.applyMovement(sql, WALLET, { ...movement, type: 'DISPUTE_RESTORE', amount: 100 });
  sql.named('debit (a clawback: own grants first, then draw-down order, then debt)');
  await ledger.applyMovement(sql, WALLET, { ...movement, type: 'REFUND_CLAWBACK', amount: -50 });
  sql.named('record (a movement of zero credits)');
  await ledger.applyMovement(sql, WALLET, { ...movement, type: 'REFUND_CLAWBACK', amount: 0 });
  sql.named('expireGrants (the expiry sweeper)');
  await ledger.expireGrants(500, sql);
  return captured;
}

async function idempotencyStatements(): Promise<Captured> {
  const captured: Captured = [];
  const sql = recorder(captured, () => []);
  const records = new IdempotencyRepository(sql as unknown as SqlDatabase);
  sql.named('claim');
  await records.claim(USER, 'key', 'fingerprint', 360);
  sql.named('complete');
  await records.complete(RECORD, 201, {}, {});
  sql.named('release');
  await records.release(RECORD);
  return captured;
}

/** Moving credits between wallets, and support's usage reversal: not on the request path, but credit statements. */
async function transferStatements(): Promise<Captured> {
  const captured: Captured = [];
  const sql = recorder(captured, () => [{ id: RECORD, remaining: 0 }]);
  const ledger = new LedgerRepository(sql as unknown as SqlDatabase, LEDGER_CONFIG, outbox);
  const transfers = new TransfersRepository(sql as unknown as SqlDatabase, ledger, outbox);
  sql.named('transfer (lock both wallets in id order; debit the source; deposit; store the keyed response)');
  await transfers.transfer(
    {
      transferId: ORDER,
      fromWalletId: WALLET,
      toWalletId: '00000000-0000-4000-9000-000000000002',
      amount: 10,
      description: 'Transfer',
      actorUserId: USER,
      apiKeyId: null,
    },
    { recordId: RECORD, userId: USER, status: 201, ttlSeconds: 86_400, body: () => ({}) },
  );
  return captured;
}

async function reversalStatements(): Promise<Captured> {
  const captured: Captured = [];
  const sql = recorder(captured, () => []);
  const reversals = new UsageReversalRepository(sql as unknown as SqlDatabase, outbox);
  sql.named('reverse (then, when nothing was reversed, why)');
  await reversals.reverse(RESERVATION, USER, 'Usage reversed');
  return captured;
}

function render(source: string, captured: Captured): string {
  const seen = new Set<string>();
  const parts = [
    `-- Generated by \`npm run sql:snapshots\` from ${source}: the statements it sends, as PostgreSQL receives them`,
    '-- ($n are bound parameters). Do not edit; CI checks that this file matches the code.',
  ];
  for (const { name, statement } of captured) {
    const text = statement.text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/^\n+|\s+$/g, '');
    const key = `${name}\n${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push('', `-- ${source}.${name}`, `${dedent(text)};`);
  }
  return `${parts.join('\n')}\n`;
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => /^ */.exec(line)![0].length);
  const cut = Math.min(...indents, Infinity);
  return [lines[0].trim(), ...lines.slice(1).map((line) => line.slice(Number.isFinite(cut) ? cut : 0))].join(
    '\n',
  );
}

const files: Record<string, string> = {
  'credits.repository.sql': render('CreditsRepository', await creditsStatements()),
  'ledger.repository.sql': render('LedgerRepository', await ledgerStatements()),
  'idempotency.repository.sql': render('IdempotencyRepository', await idempotencyStatements()),
  'transfers.repository.sql': render('TransfersRepository', await transferStatements()),
  'usage-reversal.repository.sql': render('UsageReversalRepository', await reversalStatements()),
};

if (process.argv.includes('--check')) {
  const stale: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const current = await readFile(join(OUT_DIR, file), 'utf8').catch(() => undefined);
    if (current !== content) stale.push(file);
  }
  if (stale.length) {
    console.error(
      `src/queries is out of date (${stale.join(', ')}): run \`npm run sql:snapshots\` and commit it`,
    );
    process.exit(1);
  }
  console.log('src/queries matches the code');
} else {
  await mkdir(OUT_DIR, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(OUT_DIR, file), content);
  console.log(`wrote ${Object.keys(files).length} files to src/queries`);
}
