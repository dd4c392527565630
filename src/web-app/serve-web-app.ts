import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** `npm run build:web` writes the React app here (web/dist), two levels above both src/web-app and dist/web-app. */
export const DEFAULT_WEB_APP_DIRECTORY = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths the app's index.html never answers: the API, Swagger UI and its JSON, and the metrics endpoint. */
const SERVICE_PATHS = ['/api', '/docs', '/docs-json', '/metrics'];

function isServicePath(path: string): boolean {
  return SERVICE_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the built web app at `/`: its hashed assets as files (cached for good: a new build renames
 * them), and index.html for every other GET or HEAD outside the service's own paths, so that the app's
 * router handles `/orders/…` on a reload. A path with a file extension that is not a file stays a 404
 * (a missing asset must not answer HTML). Mounted after the API routes and Swagger, before the 404
 * handler. Without a build (an API-only checkout, the e2e tests) nothing is mounted and `/` is a 404.
 */
export function serveWebApp(app: NestExpressApplication, directory: string | null): boolean {
  if (!directory || !existsSync(join(directory, 'index.html'))) return false;
  const index = join(directory, 'index.html');

  app.useStaticAssets(join(directory, 'assets'), {
    prefix: '/assets/',
    index: false,
    fallthrough: true,
    immutable: true,
    maxAge: '365d',
  });
  app.useStaticAssets(directory, { index: false, fallthrough: true, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (isServicePath(request.path) || /\.[^/]*$/.test(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
