import { loadEnvironmentFile } from './config/environment-file.js';
import { startTracing } from './telemetry/tracing.js';

// `.env` first (it may set OTEL_*), then tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set): its instrumentations patch HTTP, Express, Nest
// and pg as they are imported, so the application is imported only after it has started.
loadEnvironmentFile();
const stopTracing = await startTracing();
const [{ Logger }, { createApplication }, { APP_CONFIG }] = await Promise.all([
  import('@nestjs/common'),
  import('./bootstrap.js'),
  import('./config/config.module.js'),
]);
type AppConfig = import('./config/app-config.js').AppConfig;

async function main(): Promise<void> {
  const app = await createApplication();
  const { port, publicUrl, jwt } = app.get<AppConfig>(APP_CONFIG);
  if (jwt.usingDevelopmentSecret) {
    Logger.warn(
      'JWT_SECRET is unset: using the development secret. Set JWT_SECRET before deploying.',
      'Bootstrap',
    );
  }
  // Spans still buffered are sent when the process ends normally; on SIGTERM the last batch (<5 s) may be lost.
  if (stopTracing) process.once('beforeExit', () => void stopTracing());
  await app.listen(port);
  Logger.log(`Forge Credits listening: API ${publicUrl}/api, docs ${publicUrl}/docs`, 'Bootstrap');
}

main().catch((error: unknown) => {
  // Configuration and migration errors name the variable or migration and never carry a secret's value.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
