/** Rules about the inputs of each operator: how many it takes, and whether they are keyed. */
import { CATALOGUE } from '../catalogue.js';
import type { EdgeSpec } from '../jobgraph.js';
import type { DocumentParts, Indexed } from './document-parts.js';
import { edgePartitioner } from './edge-rules.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';

export function inputProblems(parts: DocumentParts): Problem[] {
  const inputsOf = new Map<string, Indexed<EdgeSpec>[]>();
  for (const edge of parts.edges) inputsOf.set(edge.spec.target, [...(inputsOf.get(edge.spec.target) ?? []), edge]);

  const problems: Problem[] = [];
  for (const { index, spec } of parts.operatorsById.values()) {
    const info = CATALOGUE[spec.kind];
    // A source's inputs are each reported on their edge (edge-rules); an unsupported operator is reported as such.
    if (info.role === 'source' || info.role === 'unsupported') continue;
    const inputs = inputsOf.get(spec.id) ?? [];
    const at = jsonPath(['operators', index]);
    if (!parts.rawEdgeTargets.has(spec.id))
      problems.push({ path: at, message: `"${spec.id}" (${spec.kind}) has no input; connect an edge into it` });
    if (!info.multipleInputs && inputs.length > 1) {
      const edges = inputs.map((e) => jsonPath(['edges', e.index])).join(', ');
      problems.push({
        path: at,
        message: `"${spec.id}" (${spec.kind}) takes one input but has ${inputs.length} (${edges}); merge the streams with a union first`,
      });
    }
    if (!info.keyed) continue;
    for (const input of inputs) {
      const partitioner = edgePartitioner(input.spec, parts.operatorsById.get(input.spec.source)?.spec, spec);
      if (partitioner !== 'hash') {
        problems.push({
          path: jsonPath(['edges', input.index, 'partitioner']),
          message: `"${spec.id}" (${spec.kind}) works on a keyed stream, so its input must be a hash edge with a key (keyBy)`,
        });
      }
    }
  }
  return problems;
}
