import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Paths pino blanks out in every log line. Headers that authenticate (or sign) a request, and every
 * `password` field however deep. Bodies are not logged at all; these also cover errors that carry them.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.*.password',
  'err.config.headers',
];

/** A request id a client may choose: short and printable, so it cannot smuggle anything into logs. */
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** Health probes and metrics scrapes: answered, never logged one by one. */
function isProbe(request: IncomingMessage): boolean {
  return /^\/(api\/health|metrics)(\/|\?|$)/.test(request.url ?? '');
}

@Module({})
export class LoggingModule {
  /** `destination` lets tests capture the log lines the service writes (default: stdout). */
  static forRoot(destination?: Writable): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.logLevel,
              genReqId: requestIdOf,
              // Probes every few seconds and Prometheus scrapes would drown the requests worth reading.
              autoLogging: { ignore: isProbe },
              redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
              // One line per request: method, path (no query string: it may carry a cursor or token), headers
              // (with the REDACTED_PATHS blanked: redaction runs on what the serializers return), status, time.
              serializers: {
                req: (req: {
                  id: string;
                  method: string;
                  url: string;
                  headers: Record<string, unknown>;
                  remoteAddress?: string;
                  raw?: { ip?: string };
                }) => ({
                  id: req.id,
                  method: req.method,
                  path: req.url.split('?')[0],
                  // Express's view of the client: the socket's peer, or with TRUST_PROXY the proxy's forward.
                  ip: req.raw?.ip ?? req.remoteAddress,
                  headers: req.headers,
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
              ...(destination ? { stream: destination } : {}),
            },
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
