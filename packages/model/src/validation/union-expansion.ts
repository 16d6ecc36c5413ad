/**
 * Unions are planned away (virtual-union.ts): every path through unions becomes one edge, so unions that each
 * take the previous one twice resolve to 2^n edges from a few hundred bytes of JSON. Counted here in linear time
 * before anything resolves them; beyond the edge limit the document is refused.
 */
import { CATALOGUE } from '../catalogue.js';
import type { DocumentParts } from './document-parts.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';
import { JOB_GRAPH_LIMITS } from './size-limits.js';

export function unionExpansionProblems(parts: DocumentParts): Problem[] {
  const limit = JOB_GRAPH_LIMITS.edges;
  const isUnion = (id: string) => {
    const operator = parts.operatorsById.get(id)?.spec;
    return operator !== undefined && CATALOGUE[operator.kind].virtual;
  };
  const sourcesInto = new Map<string, string[]>();
  for (const { spec } of parts.edges) {
    if (!isUnion(spec.target)) continue;
    const sources = sourcesInto.get(spec.target);
    if (sources) sources.push(spec.source);
    else sourcesInto.set(spec.target, [spec.source]);
  }
  /** The edges each union resolves to, capped just above the limit; a union on a cycle counts what it has so far. */
  const resolved = new Map<string, number>();
  const inputsOf = (source: string) => (isUnion(source) ? (resolved.get(source) ?? 0) : 1);
  for (const union of sourcesInto.keys()) {
    // Post-order without recursion: a union is summed once all the unions it reads are.
    const pending: { id: string; expanded: boolean }[] = [{ id: union, expanded: false }];
    const entered = new Set<string>();
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const { id, expanded } = next;
      if (expanded) {
        const total = (sourcesInto.get(id) ?? []).reduce((sum, source) => sum + inputsOf(source), 0);
        resolved.set(id, Math.min(total, limit + 1));
        continue;
      }
      if (resolved.has(id) || entered.has(id)) continue;
      entered.add(id);
      pending.push({ id, expanded: true });
      for (const source of sourcesInto.get(id) ?? [])
        if (isUnion(source) && !resolved.has(source)) pending.push({ id: source, expanded: false });
    }
  }
  let total = 0;
  for (const { spec } of parts.edges) if (!isUnion(spec.target)) total += inputsOf(spec.source);
  if (total <= limit) return [];
  return [
    {
      path: jsonPath(['edges']),
      message: `its unions resolve to more than ${limit} edges between operators (each path through unions is one); a JobGraph may have at most ${limit}`,
    },
  ];
}
