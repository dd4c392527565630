// Lets plain `node` run the TypeScript sources as Vitest does (SWC, with the decorator metadata Nest's
// dependency injection needs): `node --import ./test/support/child/swc-register.mjs file.ts`.
// Used to run the service as a child process that a test can kill -9 (see test/support/service-child.ts).
import { register } from 'node:module';

register('./swc-hooks.mjs', import.meta.url);
