import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobGraphJsonSchema } from '../src/index.js';

describe('jobgraph.schema.json', () => {
  it('is what `pnpm gen:schema` generates from the zod schema today (run it after changing the schema)', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../jobgraph.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(jobGraphJsonSchema());
  });

  it("spells out each kind's params", () => {
    const schema = jobGraphJsonSchema() as {
      properties: {
        operators: { items: { oneOf: { properties: { kind: { const: string }; params: { required?: string[] } } }[] } };
      };
    };
    const map = schema.properties.operators.items.oneOf.find((o) => o.properties.kind.const === 'map');
    expect(map?.properties.params.required).toEqual(['fn']);
  });
});
