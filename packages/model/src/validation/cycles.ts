/** A JobGraph is a DAG: Flink's StreamGraph cannot express a cycle outside its iterations, which Sluice does not have. */
import type { DocumentParts } from './document-parts.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';

/** A cycle longer than this is named by its ends: a message stays one readable line. */
const NAMED_OPERATORS = 8;

/**
 * One problem per edge that closes a cycle found by a depth-first search, naming the operators on it. The search
 * keeps its own stack (a chain of thousands of operators must not overflow the call stack) and visits each
 * operator and edge once.
 */
export function cycleProblems(parts: DocumentParts): Problem[] {
  const outgoing = new Map<string, { target: string; index: number }[]>();
  for (const { index, spec } of parts.edges) {
    if (!parts.firstIndexOfId.has(spec.source) || !parts.firstIndexOfId.has(spec.target)) continue;
    const edges = outgoing.get(spec.source);
    if (edges) edges.push({ target: spec.target, index });
    else outgoing.set(spec.source, [{ target: spec.target, index }]);
  }

  const problems: Problem[] = [];
  const finished = new Set<string>();
  /** The operators on the current path and their position on it. */
  const onPath: string[] = [];
  const positionOnPath = new Map<string, number>();
  /** Per operator on the path, the next of its outgoing edges to follow. */
  const nextEdge: number[] = [];
  const enter = (id: string) => {
    positionOnPath.set(id, onPath.length);
    onPath.push(id);
    nextEdge.push(0);
  };
  for (const start of parts.firstIndexOfId.keys()) {
    if (finished.has(start)) continue;
    enter(start);
    while (onPath.length > 0) {
      const top = onPath.length - 1;
      const id = onPath[top]!;
      const edge = outgoing.get(id)?.[nextEdge[top]!];
      if (edge === undefined) {
        onPath.pop();
        nextEdge.pop();
        positionOnPath.delete(id);
        finished.add(id);
        continue;
      }
      nextEdge[top]!++;
      const position = positionOnPath.get(edge.target);
      if (position !== undefined) {
        problems.push({
          path: jsonPath(['edges', edge.index]),
          message: `closes the cycle ${describeCycle(onPath, position)}; a JobGraph must be acyclic`,
        });
      } else if (!finished.has(edge.target)) enter(edge.target);
    }
  }
  return problems;
}

/** The cycle from `onPath[start]` to the path's end and back, built from its ends only: many cycles stay cheap. */
function describeCycle(onPath: readonly string[], start: number): string {
  const quoted = (ids: readonly string[]) => ids.map((op) => `"${op}"`).join(' -> ');
  const length = onPath.length - start;
  const back = onPath[start]!;
  if (length < NAMED_OPERATORS) return quoted([...onPath.slice(start), back]);
  const half = NAMED_OPERATORS / 2;
  const head = onPath.slice(start, start + half);
  const tail = [...onPath.slice(onPath.length - half + 1), back];
  return `${quoted(head)} -> … (${length - NAMED_OPERATORS + 1} more) -> ${quoted(tail)}`;
}
