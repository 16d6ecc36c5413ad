/** Rules about one edge: its endpoints exist and may be connected, and its partitioner, key and side output fit. */
import { CATALOGUE } from '../catalogue.js';
import type { EdgeSpec, OperatorSpec, Partitioner } from '../jobgraph.js';
import { defaultPartitioner } from '../partitioning.js';
import type { DocumentParts, Indexed } from './document-parts.js';
import { functionSourceProblem } from './function-source.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';

export function edgeProblems(parts: DocumentParts): Problem[] {
  return parts.edges.flatMap((edge) => {
    const problems: Problem[] = [];
    const report = (field: keyof EdgeSpec, message: string): void => {
      problems.push({ path: jsonPath(['edges', edge.index, field]), message });
    };
    const { source, target } = edge.spec;
    if (!parts.firstIndexOfId.has(source)) report('source', `no operator has id "${source}"`);
    if (!parts.firstIndexOfId.has(target)) report('target', `no operator has id "${target}"`);
    const from = parts.operatorsById.get(source)?.spec;
    const to = parts.operatorsById.get(target)?.spec;

    if (from !== undefined && CATALOGUE[from.kind].role === 'sink')
      report('source', `"${from.id}" is a sink (${from.kind}); a sink has no output`);
    if (to !== undefined && CATALOGUE[to.kind].role === 'source')
      report('target', `"${to.id}" is a source (${to.kind}); a source takes no input`);
    if (edge.spec.sideOutput !== undefined && from !== undefined)
      sideOutputProblems(edge.spec.sideOutput, from, report);
    partitionerProblems(edge, from, to, report);
    if (to !== undefined) inputProblems(edge.spec.input, to, report);
    return problems;
  });
}

/** A window has one side output, its late records; a process function emits under any tag it names. */
function sideOutputProblems(
  tag: string,
  from: OperatorSpec,
  report: (field: keyof EdgeSpec, message: string) => void,
): void {
  if (from.kind === 'process' || from.kind === 'coProcess') return;
  if (from.kind !== 'window')
    report(
      'sideOutput',
      `only a window, a process or a coProcess function has side outputs; "${from.id}" is a ${from.kind}`,
    );
  else if (tag !== 'late')
    report('sideOutput', `a window's only side output is "late" (its late records), not ${JSON.stringify(tag)}`);
}

/** An edge into a two-input operator names the input it feeds (Flink's connect: first or second stream); no other does. */
function inputProblems(
  input: EdgeSpec['input'],
  to: OperatorSpec,
  report: (field: keyof EdgeSpec, message: string) => void,
): void {
  const twoInput = CATALOGUE[to.kind].twoInput;
  if (twoInput && input === undefined)
    report('input', `"${to.id}" (${to.kind}) has two inputs; say which one this edge feeds: "input": 1 or "input": 2`);
  else if (!twoInput && input !== undefined)
    report(
      'input',
      `"${to.id}" (${to.kind}) has one input; only an edge into coMap, coFlatMap or coProcess takes "input"`,
    );
}

function partitionerProblems(
  { spec }: Indexed<EdgeSpec>,
  from: OperatorSpec | undefined,
  to: OperatorSpec | undefined,
  report: (field: keyof EdgeSpec, message: string) => void,
): void {
  const partitioner = edgePartitioner(spec, from, to);
  if (partitioner === 'hash') {
    if (spec.key === undefined) report('key', 'a hash edge needs a key selector, e.g. "r => r.user"');
    else {
      const problem = functionSourceProblem(spec.key);
      if (problem !== undefined) report('key', problem);
    }
  } else if (spec.key !== undefined) {
    const actually =
      partitioner === undefined
        ? ''
        : spec.partitioner === undefined
          ? ` (without a partitioner this edge is ${partitioner})`
          : ` (this edge is ${partitioner})`;
    report('key', `only a hash edge takes a key; set "partitioner": "hash"${actually}`);
  }
  // StreamGraph.addEdgeInternal throws on this (§1): forward connects subtask i to subtask i only. A union has no
  // parallelism in Flink, so a forward edge into or out of one is checked between the real operators (input-rules).
  if (
    spec.partitioner === 'forward' &&
    from !== undefined &&
    to !== undefined &&
    from.kind !== 'union' &&
    to.kind !== 'union' &&
    from.parallelism >= 1 &&
    to.parallelism >= 1 &&
    from.parallelism !== to.parallelism
  ) {
    report(
      'partitioner',
      `forward needs equal parallelism on both sides, but "${from.id}" has ${from.parallelism} and "${to.id}" has ${to.parallelism}; use rebalance or rescale`,
    );
  }
}

/** The partitioner the edge gets (§1), or undefined when it depends on an operator that is missing or malformed. */
export function edgePartitioner(
  spec: EdgeSpec,
  from: OperatorSpec | undefined,
  to: OperatorSpec | undefined,
): Partitioner | undefined {
  if (spec.partitioner !== undefined) return spec.partitioner;
  return from !== undefined && to !== undefined ? defaultPartitioner(from.parallelism, to.parallelism) : undefined;
}
