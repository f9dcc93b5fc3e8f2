import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { previewOpenApiDocument } from './openapi-preview.js';

/** `node dist/src/openapi/write-openapi.js FILE`: writes the API's OpenAPI document (JSON) for the linter. */
const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: write-openapi.js FILE\n');
  process.exit(2);
}
await writeFile(file, `${JSON.stringify(await previewOpenApiDocument(), null, 2)}\n`);
