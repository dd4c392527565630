// Lets plain `node` run the TypeScript sources as vitest does (SWC, with decorator metadata, which
// Nest's dependency injection needs): `node --import ./test/support/swc-register.mjs file.ts`.
// Used to run the service as a child process that a test can kill -9.
import { register } from 'node:module';

register('./swc-hooks.mjs', import.meta.url);
