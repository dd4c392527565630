// `node --import ./test/support/child/swc-register.mjs file.ts`: runs the TypeScript sources in a child
// process the way Vitest does (SWC, with the decorator metadata Nest's dependency injection needs).
import { register } from 'node:module';

register('./swc-loader.mjs', import.meta.url);
