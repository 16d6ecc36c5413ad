/** A JobGraph is a DAG: Flink's StreamGraph cannot express a cycle outside its iterations, which Sluice does not have. */
import type { DocumentParts } from './document-parts.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';

/** One problem per edge that closes a cycle found by a depth-first search, naming the operators on it. */
export function cycleProblems(parts: DocumentParts): Problem[] {
  const outgoing = new Map<string, { target: string; index: number }[]>();
  for (const { index, spec } of parts.edges) {
    if (!parts.firstIndexOfId.has(spec.source) || !parts.firstIndexOfId.has(spec.target)) continue;
    outgoing.set(spec.source, [...(outgoing.get(spec.source) ?? []), { target: spec.target, index }]);
  }

  const problems: Problem[] = [];
  const finished = new Set<string>();
  const onPath: string[] = [];
  const visit = (id: string): void => {
    onPath.push(id);
    for (const { target, index } of outgoing.get(id) ?? []) {
      const start = onPath.indexOf(target);
      if (start !== -1) {
        const cycle = [...onPath.slice(start), target].map((op) => `"${op}"`).join(' -> ');
        problems.push({
          path: jsonPath(['edges', index]),
          message: `closes the cycle ${cycle}; a JobGraph must be acyclic`,
        });
      } else if (!finished.has(target)) visit(target);
    }
    onPath.pop();
    finished.add(id);
  };
  for (const id of parts.firstIndexOfId.keys()) if (!finished.has(id)) visit(id);
  return problems;
}
