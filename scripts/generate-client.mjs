// Generates client/src/schema.d.ts from openapi.json with openapi-typescript; `--check` fails when the
// committed file is not what openapi.json produces (CI runs it after the openapi.json check).
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const SOURCE = new URL('../openapi.json', import.meta.url);
const OUTPUT = new URL('../client/src/schema.d.ts', import.meta.url);
const HEADER =
  '// Generated from openapi.json by `npm run client:generate` (openapi-typescript). Do not edit.\n\n';

const document = JSON.parse(await readFile(SOURCE, 'utf8'));
const rendered = HEADER + astToString(await openapiTS(document, { alphabetize: false }));

if (process.argv.includes('--check')) {
  const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
  if (committed !== rendered) {
    console.error(
      'client/src/schema.d.ts is out of date with openapi.json: run `npm run client:generate` and commit it.',
    );
    process.exit(1);
  }
  console.log('client/src/schema.d.ts is up to date');
} else {
  await writeFile(OUTPUT, rendered);
  console.log('client/src/schema.d.ts written');
}
