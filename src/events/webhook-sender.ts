import http from 'node:http';
import https from 'node:https';
import type { EndpointAddressPolicy } from './endpoint-address-policy.js';

/** What one POST to an endpoint came to. */
export interface SendOutcome {
  statusCode?: number;
  /** At most RESPONSE_BODY_LIMIT bytes of the body, as text. */
  body?: string;
  /** Why there is no status (timeout, refused address, connection error). */
  error?: string;
  durationMs: number;
}

/** Of a response body, at most this much is kept (docs/events.md). */
const RESPONSE_BODY_LIMIT = 1024;

/**
 * POSTs one signed event. On node:http(s) directly, with agents of its own: no proxy variable is ever
 * honoured (nothing here reads HTTP(S)_PROXY), redirects are never followed (node:http does not follow
 * them, and a 3xx is not a 2xx), and every connection resolves its name through the address policy's
 * lookup. The timeout covers the whole exchange: connect, response and the kept part of the body.
 */
export class WebhookSender {
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(
    private readonly policy: EndpointAddressPolicy,
    private readonly timeoutMs: number,
  ) {
    const lookup = policy.guardedLookup();
    this.agents = {
      'http:': new http.Agent({ keepAlive: true, lookup } as http.AgentOptions),
      'https:': new https.Agent({ keepAlive: true, lookup } as https.AgentOptions),
    };
  }

  /** Requests in flight, destroyed by `close()` at shutdown. */
  private readonly open = new Set<http.ClientRequest>();

  send(rawUrl: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
    const started = performance.now();
    const done = (outcome: Omit<SendOutcome, 'durationMs'>): SendOutcome => ({
      ...outcome,
      durationMs: Math.round(performance.now() - started),
    });
    const verdict = this.policy.checkUrl(rawUrl, 'delivery');
    // IP literals never reach a lookup: checkUrl refuses them here (a literal cannot change before connect).
    if (!verdict.ok) return Promise.resolve(done({ error: verdict.reason }));
    const url = verdict.url;
    const transport = url.protocol === 'https:' ? https : http;
    const agent = this.agents[url.protocol as 'http:' | 'https:'];

    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.open.delete(request);
        resolve(done(outcome));
      };
      const request = transport.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'Forge-Credits-Webhooks/1',
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          const keep = () => {
            const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
            // PostgreSQL text cannot hold NUL.
            finish({ statusCode: response.statusCode, body: text.replaceAll('\u0000', '') });
          };
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            kept += chunk.length;
            if (kept >= RESPONSE_BODY_LIMIT) {
              keep();
              response.destroy();
            }
          });
          response.on('end', keep);
          response.on('error', keep);
        },
      );
      const timer = setTimeout(() => {
        finish({ error: `no response within ${this.timeoutMs} ms` });
        request.destroy();
      }, this.timeoutMs);
      this.open.add(request);
      request.on('error', (error: Error) => finish({ error: error.message }));
      request.end(body);
    });
  }

  close(): void {
    for (const request of this.open) request.destroy(new Error('the service is shutting down'));
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
