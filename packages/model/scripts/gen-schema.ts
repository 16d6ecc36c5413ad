/** Writes jobgraph.schema.json from the zod schema; test/json-schema.test.ts fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jobGraphJsonSchema } from '../src/json-schema.js';

writeFileSync(
  fileURLToPath(new URL('../jobgraph.schema.json', import.meta.url)),
  `${JSON.stringify(jobGraphJsonSchema(), null, 2)}\n`,
);
