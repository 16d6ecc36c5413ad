/**
 * Whether two JobGraphs describe the same pipeline, apart from where the operators sit on the canvas. A layout or
 * a drag changes no operator, edge or parallelism, so validation, the plan and a step session of the one hold for
 * the other; keeping them spares the step mode a reload back to step 0.
 */
import type { JobGraph } from '@sluice/model';

function withoutPositions(graph: JobGraph): string {
  return JSON.stringify({ ...graph, operators: graph.operators.map((op) => ({ ...op, position: undefined })) });
}

export function samePipeline(a: JobGraph, b: JobGraph): boolean {
  return a === b || withoutPositions(a) === withoutPositions(b);
}
