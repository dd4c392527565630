import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The committed openapi.json (written by `npm run openapi` in Nest's preview mode, without a database)
 * is the document the running service serves, and every operation has a unique, stable operationId.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

describe('openapi.json', () => {
  it('is what the running service serves at /docs-json', async () => {
    const committed = JSON.parse(await readFile(new URL('../../openapi.json', import.meta.url), 'utf8'));
    const served = await t.http.get('/docs-json').expect(200);
    expect(served.body).toEqual(committed);
  });

  it('gives every operation a unique operationId of the form controller_method', async () => {
    const served = await t.http.get('/docs-json').expect(200);
    const ids: string[] = [];
    for (const operations of Object.values<Record<string, { operationId?: string }>>(served.body.paths)) {
      for (const method of METHODS) {
        const operation = operations[method];
        if (operation) ids.push(operation.operationId ?? '');
      }
    }
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('billing_quote');
    expect(ids).toContain('billing_createCheckoutSession');
  });

  it('types counts and money as integers', async () => {
    const { components } = (await t.http.get('/docs-json').expect(200)).body;
    expect(components.schemas.BalanceDto.properties.remaining.type).toBe('integer');
    expect(components.schemas.LedgerTransactionDto.properties.amount.type).toBe('integer');
    expect(components.schemas.QuoteDto.properties.amount.type).toBe('integer');
    expect(components.schemas.PriceTierDto.properties.unitAmount.type).toBe('integer');
    expect(components.schemas.ErrorResponseDto.properties.statusCode.type).toBe('integer');
  });
});
