import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchContext } from './bench-context.js';
import type { ScenarioResult } from './scenario-result.js';

/**
 * `--events`: runs a scenario with an endpoint subscribed to every event (`*`) and a receiver on loopback
 * answering 204, so the credit statements fan their events out and the server's dispatcher delivers them
 * while the load runs. What it costs the hot path is then the difference to the same scenario without it,
 * in the same run. The receiver's count goes into the result's setup line.
 */
export async function withEveryEventSubscribed(
  ctx: BenchContext,
  run: () => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  const [{ id }] = (
    await ctx.db.query<{ id: string }>(
      `INSERT INTO "WebhookEndpoint" (id, url, events, secret, "updatedAt")
       VALUES (gen_random_uuid(), $1, '["*"]', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now()) RETURNING id`,
      [url],
    )
  ).rows as [{ id: string }];
  try {
    const result = await run();
    const appended = await ctx.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "EventDelivery" WHERE "endpointId" = $1`,
      [id],
    );
    return {
      ...result,
      setup: `${result.setup}; one endpoint subscribed to *: ${appended.rows[0]!.count} deliveries appended, ${received} received`,
    };
  } finally {
    await ctx.db.query(`DELETE FROM "WebhookEndpoint" WHERE id = $1`, [id]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
