import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service.js';

/** The label of requests that matched no route (scanners, typos): one series, not one per path. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request from its first byte to the end of its response, by route pattern and status. An
 * Express middleware, not a Nest interceptor, so that what guards, pipes and body parsing reject (401, 400,
 * 413, 429) is timed too. Installed before the routes; `request.route` is set once one of them matched.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = request.route?.path;
      metrics.observeHttpRequest(
        request.method,
        typeof route === 'string' ? `${request.baseUrl}${route}` : UNMATCHED_ROUTE,
        response.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
