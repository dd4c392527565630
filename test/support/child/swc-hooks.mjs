import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

/** `./x.js` written in a .ts source names `./x.ts`, as TypeScript's NodeNext resolution has it. */
export async function resolve(specifier, context, next) {
  if (
    specifier.endsWith('.js') &&
    /^(\.|\/|file:)/.test(specifier) &&
    context.parentURL?.startsWith('file:')
  ) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      const typescript = url.href.replace(/\.js$/, '.ts');
      if (existsSync(fileURLToPath(typescript)))
        return { url: typescript, format: 'module', shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts') || url.includes('/node_modules/')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = await transform(await readFile(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
