/** Quick add's search: the operator kinds a typed text names, best match first. */
import { CATALOGUE, OPERATOR_KINDS, type OperatorKind } from '@sluice/model';

/** Kinds a user can add: an unsupported Flink operator only ever comes from an import. */
const ADDABLE = OPERATOR_KINDS.filter((kind) => CATALOGUE[kind].role !== 'unsupported');

/**
 * 0: the kind's own name ("collect" for sink.collect), 1: its start, 2: part of the kind, 3: part of its label in the
 * UI's language; so typing "collect" offers the sink before source.collection.
 */
function matchRank(kind: OperatorKind, label: string, needle: string): number | undefined {
  const name = kind.replace(/^(source|sink)\./, '').toLowerCase();
  if (name === needle) return 0;
  if (name.startsWith(needle)) return 1;
  if (kind.toLowerCase().includes(needle)) return 2;
  return label.toLowerCase().includes(needle) ? 3 : undefined;
}

export function matchingKinds(query: string, labelOf: (kind: OperatorKind) => string): OperatorKind[] {
  const needle = query.trim().toLowerCase();
  return ADDABLE.flatMap((kind) => {
    const rank = matchRank(kind, labelOf(kind), needle);
    return rank === undefined ? [] : [{ kind, rank }];
  })
    .sort((a, b) => a.rank - b.rank)
    .map((m) => m.kind);
}
