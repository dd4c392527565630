import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { Request, Response } from 'express';
import { RequestMethod } from '@nestjs/common';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { routePath } from './common/errors/all-exceptions.filter.js';
import { ErrorCode } from './common/errors/error-code.js';
import { applyHttpPolicies } from './common/http/http-policies.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.module.js';
import { MetricsService } from './metrics/metrics.service.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';
import { DEFAULT_WEB_APP_DIRECTORY, serveWebApp } from './web-app/serve-web-app.js';

export const API_PREFIX = 'api';
const BODY_LIMIT = '1mb';

/**
 * Builds the whole application exactly as production runs it; main.ts, the e2e tests and the benchmarks
 * all start here, so they exercise the same pipes, filters, body limits and raw-body capture.
 */
export interface ApplicationOptions extends AppModuleOptions {
  /** The built web app served at `/` (default web/dist, when built); null serves none. */
  webAppDirectory?: string | null;
}

export async function createApplication(options: ApplicationOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    // Webhook signatures are verified over the exact bytes received (req.rawBody).
    rawBody: true,
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // First, so that what the body parsers reject is timed and gets the security headers too.
  applyHttpPolicies(app, app.get<AppConfig>(APP_CONFIG), app.get(MetricsService));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.disable('x-powered-by');
  // Prometheus scrapes /metrics, outside the API's prefix.
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setUpSwagger(app);
  await app.init();
  serveWebApp(
    app,
    options.webAppDirectory === undefined ? DEFAULT_WEB_APP_DIRECTORY : options.webAppDirectory,
  );
  answerUnknownRoutesOutsideThePrefix(app);
  return app;
}

/**
 * Nest's own 404 handler is mounted under the global prefix only, so `GET /nowhere` would get Express's
 * HTML page. This last middleware gives every other path the contract's error body. It has to be added
 * after `init()`, which mounts the routes, Swagger's included, before it.
 */
function answerUnknownRoutesOutsideThePrefix(app: NestExpressApplication): void {
  app.use((request: Request, response: Response) => {
    response.status(404).json({
      statusCode: 404,
      code: ErrorCode.NOT_FOUND,
      message: `Route ${request.method} ${routePath(request)} not found`,
    });
  });
}

function setUpSwagger(app: NestExpressApplication): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
