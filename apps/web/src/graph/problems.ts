/**
 * Validation problems carry JSONPaths ("$.operators[2].params.fn", "$.edges[0].target"); the canvas
 * needs them per operator and per edge, so the red outline lands on the element the path names.
 */
import type { JobGraph } from '@sluice/model';
import type { Problem } from '@sluice/protocol';

export interface LocatedProblems {
  /** Problems about the job as a whole (name, config, or an index that no longer exists). */
  graph: Problem[];
  operators: Record<string, Problem[]>;
  edges: Record<number, Problem[]>;
}

const OPERATOR_PATH = /^\$\.operators\[(\d+)\]/;
const EDGE_PATH = /^\$\.edges\[(\d+)\]/;

export function locateProblems(graph: JobGraph, problems: readonly Problem[]): LocatedProblems {
  const located: LocatedProblems = { graph: [], operators: {}, edges: {} };
  for (const problem of problems) {
    const operatorIndex = OPERATOR_PATH.exec(problem.path)?.[1];
    const edgeIndex = EDGE_PATH.exec(problem.path)?.[1];
    const operator = operatorIndex === undefined ? undefined : graph.operators[Number(operatorIndex)];
    if (operator) {
      (located.operators[operator.id] ??= []).push(problem);
    } else if (edgeIndex !== undefined && Number(edgeIndex) < graph.edges.length) {
      (located.edges[Number(edgeIndex)] ??= []).push(problem);
    } else {
      located.graph.push(problem);
    }
  }
  return located;
}

export type ProblemSubject = { type: 'operator'; id: string } | { type: 'edge'; source: string; target: string };

/** The operator or edge a problem's path points into, so a message can open with its name rather than an index. */
export function problemSubject(graph: JobGraph, path: string): ProblemSubject | null {
  const operatorIndex = OPERATOR_PATH.exec(path)?.[1];
  const operator = operatorIndex === undefined ? undefined : graph.operators[Number(operatorIndex)];
  if (operator) return { type: 'operator', id: operator.id };
  const edgeIndex = EDGE_PATH.exec(path)?.[1];
  const edge = edgeIndex === undefined ? undefined : graph.edges[Number(edgeIndex)];
  return edge ? { type: 'edge', source: edge.source, target: edge.target } : null;
}
