import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The same server, database `postgres`: where CREATE/DROP DATABASE run. */
export function adminUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template. */
export async function createDatabaseFromTemplate(serverUrl: string, template: string): Promise<string> {
  const name = `forge_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl(serverUrl), async (client) => {
    // Two files cloning at the same instant can collide on the template ("being accessed by other users").
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  return name;
}

export async function createEmptyDatabase(serverUrl: string): Promise<string> {
  const name = `forge_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl(serverUrl), (client) => client.query(`CREATE DATABASE "${name}"`));
  return name;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(adminUrl(serverUrl), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}
