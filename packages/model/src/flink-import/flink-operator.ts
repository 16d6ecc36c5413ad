/**
 * Flink operator names → Sluice operators. A Flink plan names each operator but carries none of its user code,
 * so a mapping is made only where the kind is certain; the function, key or data behind it becomes a placeholder
 * with a note saying so. Sources are never guessed: a stand-in source would invent the job's input, whereas a
 * stand-in function or sink at least keeps the shape of the stream.
 */
import { CATALOGUE } from '../catalogue.js';
import type { OperatorKind } from '../jobgraph.js';

export interface MappedOperator {
  kind: OperatorKind;
  params: Record<string, unknown>;
  /** Why the operator is not exactly Flink's; absent when it is. */
  note?: string;
}

interface Mapping {
  /** Flink's operator name as the DataStream API gives it (StreamNode#getOperatorName). */
  name: RegExp;
  kind: OperatorKind;
  note: (flinkName: string) => string;
}

const placeholderFunction = (flinkName: string) =>
  `Flink's plan does not carry the function of "${flinkName}"; it is a placeholder that passes records through: write the real one`;

const MAPPINGS: readonly Mapping[] = [
  {
    name: /^Source: Sequence Source$/,
    kind: 'source.sequence',
    note: () => "the sequence's bounds are not in Flink's plan; set from and to",
  },
  {
    name: /^Source: Collection Source$/,
    kind: 'source.collection',
    note: () => "the collection's elements are not in Flink's plan; set the elements",
  },
  { name: /^Map$/, kind: 'map', note: placeholderFunction },
  { name: /^Filter$/, kind: 'filter', note: placeholderFunction },
  { name: /^Flat ?Map$/, kind: 'flatMap', note: placeholderFunction },
  { name: /^Keyed Reduce$/, kind: 'reduce', note: placeholderFunction },
  {
    // DataStream#sum/min/max/minBy/maxBy all become a "Keyed Aggregation" (StreamGroupedReduceOperator with an AggregationFunction).
    name: /^Keyed Aggregation$/,
    kind: 'sum',
    note: () =>
      'Flink\'s "Keyed Aggregation" is one of sum, min, max, minBy or maxBy and the plan does not say which: imported as sum over the whole record; pick the aggregation and its field',
  },
  {
    name: /^Sink: Print to Std\. (Out|Err)$/,
    kind: 'sink.print',
    note: () => "prints to the TaskManager's standard output, as Flink's print()",
  },
  {
    name: /^Sink: /,
    kind: 'sink.collect',
    note: (flinkName) =>
      `the destination of "${flinkName}" is not in Flink's plan; its records are collected into the results instead`,
  },
];

/** The Sluice operator for the Flink operator named `flinkName`; `flink.unsupported` when nothing fits. */
export function mapFlinkOperator(flinkName: string): MappedOperator {
  const mapping = MAPPINGS.find((m) => m.name.test(flinkName));
  if (mapping === undefined) return { kind: 'flink.unsupported', params: { flinkName } };
  const params = structuredClone(CATALOGUE[mapping.kind].defaultParams);
  // Print is Flink's own sink, and runs as it does: nothing about it is a placeholder.
  if (mapping.kind === 'sink.print') return { kind: mapping.kind, params };
  return { kind: mapping.kind, params, note: mapping.note(flinkName) };
}
