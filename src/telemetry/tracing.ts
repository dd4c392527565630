/**
 * Optional OpenTelemetry tracing (HTTP, Express and pg spans over OTLP/HTTP). Off unless
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and then free: nothing of
 * OpenTelemetry is imported, no hook is registered, no span is made. The SDK and the exporter read the
 * other standard OTEL_* variables themselves (service name, headers, sampler, resource attributes).
 *
 * It has to start before the traced modules are imported (instrumentations patch them on load), so
 * main.ts calls it first and imports the application afterwards.
 *
 * Nest's own instrumentation (@opentelemetry/instrumentation-nestjs-core) supports NestJS below 12 only;
 * Express's spans already name each route and the middleware (Nest's guards and pipes run inside them).
 */
import { register } from 'node:module';

type Env = Record<string, string | undefined>;

export interface TracingSettings {
  /** Where spans go; the exporter reads it (and OTEL_EXPORTER_OTLP_HEADERS etc.) from the environment. */
  endpoint: string;
  serviceName: string;
}

/** The variables this service reads itself; undefined when tracing is off. */
export function tracingSettings(env: Env = process.env): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim() === 'true') return undefined;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  return { endpoint, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'forge-credits' };
}

/** Starts tracing when configured; resolves to the function that flushes and stops it (or undefined). */
export async function startTracing(env: Env = process.env): Promise<(() => Promise<void>) | undefined> {
  const settings = tracingSettings(env);
  if (!settings) return undefined;
  // ESM modules (NestJS 12 is one) are patched through import-in-the-middle's loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [api, core, contextHooks, sdk, exporter, resources, instrumentation, http, express, pg] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/core'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/instrumentation'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-express'),
      import('@opentelemetry/instrumentation-pg'),
    ]);
  api.context.setGlobalContextManager(new contextHooks.AsyncLocalStorageContextManager());
  api.propagation.setGlobalPropagator(
    new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
  );
  const provider = new sdk.TracerProvider({
    resource: resources
      .resourceFromAttributes({ 'service.name': settings.serviceName })
      .merge(resources.detectResources({ detectors: [resources.envDetector, resources.processDetector] })),
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: new exporter.OTLPTraceExporter() })],
  });
  api.trace.setGlobalTracerProvider(provider);
  instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new http.HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the traces that matter.
        ignoreIncomingRequestHook: (request) => /^\/(api\/health|metrics)(\/|\?|$)/.test(request.url ?? ''),
      }),
      new express.ExpressInstrumentation(),
      new pg.PgInstrumentation(),
    ],
  });
  return () => provider.shutdown();
}
