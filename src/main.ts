import { Logger } from '@nestjs/common';
import { createApplication } from './bootstrap.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.module.js';
import { loadEnvironmentFile } from './config/environment-file.js';

async function main(): Promise<void> {
  loadEnvironmentFile();
  const app = await createApplication();
  const { port, publicUrl, jwt } = app.get<AppConfig>(APP_CONFIG);
  if (jwt.usingDevelopmentSecret) {
    Logger.warn(
      'JWT_SECRET is unset: using the development secret. Set JWT_SECRET before deploying.',
      'Bootstrap',
    );
  }
  await app.listen(port);
  Logger.log(`Forge Credits listening: API ${publicUrl}/api, docs ${publicUrl}/docs`, 'Bootstrap');
}

main().catch((error: unknown) => {
  // Configuration and migration errors name the variable or migration and never carry a secret's value.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
