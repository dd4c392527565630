import { readFile, writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { API_PREFIX } from '../bootstrap.js';
import { loadAppConfig } from '../config/app-config.js';
import { createOpenApiDocument } from './openapi-document.js';

/**
 * `npm run openapi` writes openapi.json; `npm run openapi:check` fails when the committed file is not
 * what the code describes. The app is created in Nest's preview mode: the module graph and the route
 * metadata are read, but no provider is instantiated, so no database is needed (or started). The
 * configuration is fixed, not read from the environment, so the output never depends on the machine.
 */
const OUTPUT = new URL('../../openapi.json', import.meta.url);

async function render(): Promise<string> {
  const app = await NestFactory.create(
    AppModule.forRoot({ config: loadAppConfig({ NODE_ENV: 'development' }) }),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  app.setGlobalPrefix(API_PREFIX);
  const document = createOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const rendered = await render();
  if (!process.argv.includes('--check')) {
    await writeFile(OUTPUT, rendered);
    console.log('openapi.json written');
    return;
  }
  const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
  if (committed !== rendered) {
    console.error('openapi.json is out of date with the code: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
