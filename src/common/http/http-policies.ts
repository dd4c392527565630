import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { AppConfig } from '../../config/app-config.js';
import { httpMetricsMiddleware } from '../../metrics/http-metrics.middleware.js';
import type { MetricsService } from '../../metrics/metrics.service.js';

/**
 * What every response of the service is subject to, before any route runs: who the client is behind a
 * proxy, security headers, CORS and request timing. Called by createApplication before `init()`, so that
 * this middleware precedes the routes (docs/operations.md explains each setting).
 */
export function applyHttpPolicies(
  app: NestExpressApplication,
  config: AppConfig,
  metrics: MetricsService,
): void {
  // Rate limits (request.ip) and request logs see the client only through the proxies trusted here;
  // untrusted, X-Forwarded-For is ignored, so a client cannot choose its own rate-limit bucket.
  app.set('trust proxy', config.trustProxy);
  app.use(httpMetricsMiddleware(metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // The web app at / and Swagger UI at /docs load their scripts and styles from this origin only;
          // Swagger UI sets inline styles and shows its logo and schemas' images as data: URLs.
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          // Checkout pages are the providers' own: the service only redirects to them.
          'form-action': ["'self'"],
          // Served over plain HTTP (a local or internal deployment), upgrading would break every asset.
          'upgrade-insecure-requests': config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
      // Swagger UI and the web app fetch only from this origin; nothing needs cross-origin isolation.
      crossOriginEmbedderPolicy: false,
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      // Authentication is by header (Bearer or X-API-Key), never by cookie.
      credentials: false,
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposedHeaders: [
        'X-Credits-Cost',
        'X-Credits-Remaining',
        'Idempotent-Replayed',
        'Retry-After',
        'X-Request-Id',
      ],
      maxAge: 600,
    });
  }
}
