import type { ValidationDetail } from './validation.pipe.js';

/** Deeper than any DTO of the API; far below what would overflow class-transformer's recursion. */
const MAX_INPUT_DEPTH = 32;

/**
 * Names that class-validator's whitelist finds on every object (it looks properties up in a plain object,
 * so `constructor` or `toString` count as declared) and that no DTO declares: always unknown properties.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

// oxlint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL text cannot hold.
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What the global pipe refuses before class-transformer and class-validator see a body, query or route
 * parameter, because they would throw (a 500) or let it through: nesting deeper than MAX_INPUT_DEPTH, text
 * PostgreSQL cannot store (U+0000, a lone UTF-16 surrogate, which also makes `isEmail` throw), and keys that
 * shadow Object.prototype. Iterative, so no input can overflow the stack here either.
 */
export function inputProblems(value: unknown, root: string): ValidationDetail[] {
  const problems: ValidationDetail[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && problems.length < 10) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE_TEXT.test(current))
        problems.push({ field: path, errors: [`${path} contains U+0000 or an unpaired surrogate`] });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: path, errors: [`${path} is nested more than ${MAX_INPUT_DEPTH} levels deep`] });
      continue;
    }
    for (const [key, inner] of Object.entries(current)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key) || UNSTORABLE_TEXT.test(key)) {
        problems.push({ field, errors: [`property ${key} should not exist`] });
        continue;
      }
      stack.push({ value: inner, path: field, depth: depth + 1 });
    }
  }
  return problems;
}
