/**
 * The inspector's form for an operator's params, read from the catalogue's zod schemas so a kind
 * is described in one place (packages/model) and a new param appears in the editor by itself.
 */
import { CATALOGUE, paramsSchemas, type OperatorKind } from '@sluice/model';

export type ParamField = { name: string; optional: boolean } & (
  | { widget: 'function' }
  | { widget: 'number' }
  | { widget: 'text' }
  | { widget: 'enum'; options: string[] }
  | { widget: 'boolean' }
  | { widget: 'json' }
);

/** The slice of zod 4's public schema surface this module reads. */
interface SchemaLike {
  def: { type: string; values?: unknown[] };
  options?: unknown[];
  unwrap?: () => SchemaLike;
}

export function paramFields(kind: OperatorKind): ParamField[] {
  const shape = (paramsSchemas[kind] as unknown as { shape: Record<string, SchemaLike> }).shape;
  // Params holding JavaScript function source get a code textarea instead of a one-line input.
  const functionParams = new Set(CATALOGUE[kind].functionParams);
  return Object.entries(shape).map(([name, schema]) => {
    const optional = schema.def.type === 'optional';
    const inner = optional && schema.unwrap ? schema.unwrap() : schema;
    switch (inner.def.type) {
      case 'string':
        return { name, optional, widget: functionParams.has(name) ? 'function' : 'text' };
      case 'number':
        return { name, optional, widget: 'number' };
      case 'boolean':
        return { name, optional, widget: 'boolean' };
      case 'enum':
        return { name, optional, widget: 'enum', options: (inner.options ?? []).map(String) };
      case 'literal':
        return { name, optional, widget: 'enum', options: (inner.def.values ?? []).map(String) };
      default:
        return { name, optional, widget: 'json' };
    }
  });
}
