import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_AUTH, BEARER_AUTH } from '../common/http/openapi.js';

/**
 * `billing_createCheckoutSession`: the controller's name without its `Controller` suffix, then the
 * method. Stable as long as the method keeps its name, readable in a generated client, and unique
 * because controllers and their methods are.
 */
function operationId(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}_${methodKey}`;
}

/**
 * The one OpenAPI document: served at /docs and /docs-json by bootstrap, and written to openapi.json
 * by `npm run openapi`, so the committed file is exactly what the running service describes.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Forge Credits')
      .setDescription(
        'Prepaid usage credits: buy packs through Stripe or Dodo Payments, spend them on routes marked with @RequiresCredits. ' +
          'Every error body is {statusCode, code, message, ...}.',
      )
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
      .build(),
    { operationIdFactory: operationId },
  );
  return integersOnly(document);
}

/**
 * The API has no fractional numbers: credits are whole, money is in minor units, counts and days are
 * counts (docs/api.md, "Conventions"). Swagger reflects a TypeScript `number` as `type: number`, so a DTO
 * that forgot `type: 'integer'` would tell clients to expect floats; here every number becomes an integer
 * in one place, for every DTO and query parameter, present and future.
 */
function integersOnly(document: OpenAPIObject): OpenAPIObject {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'number') record.type = 'integer';
    Object.values(record).forEach(visit);
  };
  visit(document);
  return document;
}
