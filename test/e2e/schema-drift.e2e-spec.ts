import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase, withClient } from '../support/databases.js';
import {
  countModels,
  type DatabaseShape,
  describeDatabase,
  describePrismaSchema,
} from '../support/prisma-schema.js';

/**
 * The migrations (applied by our runner to the template database) and prisma/schema.prisma describe the
 * same database: every model's table, column, type, nullability, primary key, unique and plain index,
 * foreign key, and every enum. A migration written by hand that forgets a column, or a schema change
 * without its migration, fails here.
 */

const serverUrl = inject('serverUrl');
const databases: string[] = [];
let schemaText: string;
let fromSchema: DatabaseShape;

async function freshMigratedDatabase(): Promise<string> {
  const name = await createDatabaseFromTemplate(serverUrl, inject('templateDatabase'));
  databases.push(name);
  return databaseUrl(serverUrl, name);
}

beforeAll(async () => {
  schemaText = await readFile(join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
  fromSchema = describePrismaSchema(schemaText);
});
afterAll(() => Promise.all(databases.map((name) => dropDatabase(serverUrl, name))));

describe('schema drift', () => {
  it('reads every model and enum of schema.prisma (the reader skips nothing)', () => {
    expect(Object.keys(fromSchema.tables)).toHaveLength(countModels(schemaText));
    expect(Object.keys(fromSchema.enums)).toHaveLength((schemaText.match(/^enum\s+\w+\s*\{/gm) ?? []).length);
    // Spot checks that the reader understood the attributes, so the comparison below is not vacuous.
    expect(fromSchema.tables.User.columns.email).toEqual({ type: 'text', nullable: false });
    expect(fromSchema.tables.User.columns.name).toEqual({ type: 'text', nullable: true });
    expect(fromSchema.tables.User.columns.id).toEqual({ type: 'uuid', nullable: false });
    expect(fromSchema.tables.User.uniqueIndexes).toEqual({ User_email_key: ['email'] });
    expect(fromSchema.tables.Order.uniqueIndexes).toEqual({
      Order_provider_providerSessionId_key: ['provider', 'providerSessionId'],
    });
    expect(fromSchema.tables.BillingAddress.columns.country).toEqual({
      type: 'character(2)',
      nullable: false,
    });
  });

  it('the migrated database matches schema.prisma exactly', async () => {
    const fromDatabase = await describeDatabase(await freshMigratedDatabase());
    // Table by table first, for a readable failure; then the whole, so nothing extra hides.
    expect(Object.keys(fromDatabase.tables).sort()).toEqual(Object.keys(fromSchema.tables).sort());
    for (const name of Object.keys(fromSchema.tables)) {
      expect(fromDatabase.tables[name], `table ${name}`).toEqual(fromSchema.tables[name]);
    }
    expect(fromDatabase.enums).toEqual(fromSchema.enums);
  });

  it('notices drift: a changed nullability, type, missing unique index and extra column all show', async () => {
    const url = await freshMigratedDatabase();
    await withClient(url, (client) =>
      client.query(`
        ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;
        ALTER TABLE "Order" ALTER COLUMN "amount" TYPE BIGINT;
        DROP INDEX "ApiKey_hash_key";
        ALTER TABLE "Reservation" ADD COLUMN "extra" TEXT;
        ALTER TYPE "Role" ADD VALUE 'AUDITOR';
      `),
    );
    const drifted = await describeDatabase(url);
    expect(drifted.tables.User.columns.name).not.toEqual(fromSchema.tables.User.columns.name);
    expect(drifted.tables.Order.columns.amount).not.toEqual(fromSchema.tables.Order.columns.amount);
    expect(drifted.tables.ApiKey.uniqueIndexes).not.toEqual(fromSchema.tables.ApiKey.uniqueIndexes);
    expect(drifted.tables.Reservation.columns).not.toEqual(fromSchema.tables.Reservation.columns);
    expect(drifted.enums.Role).not.toEqual(fromSchema.enums.Role);
    // Untouched tables still match, so the differences above are the changes and nothing else.
    expect(drifted.tables.CreditTransaction).toEqual(fromSchema.tables.CreditTransaction);
  });
});
