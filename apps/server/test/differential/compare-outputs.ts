/**
 * How two engines' results are compared: each collect sink as a multiset of JSON values, and where the generator
 * says so, per key in order. Values go through JSON first on both sides (what `--output` files hold), so -0 and 0,
 * or a missing and an undefined field, are the same value.
 */
import type { SinkCheck } from './job-generator.js';

export type SinkRecords = Record<string, unknown[]>;

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}

const asJson = (values: unknown[]): unknown[] => values.map((value) => JSON.parse(JSON.stringify(value) ?? 'null'));

/** Every way the two results differ, one line each; empty when they agree. */
export function sinkDifferences(checks: SinkCheck[], sluice: SinkRecords, flink: SinkRecords): string[] {
  const differences: string[] = [];
  for (const { sinkId, perKey } of checks) {
    const ours = asJson(sluice[sinkId] ?? []);
    const theirs = asJson(flink[sinkId] ?? []);
    differences.push(...multisetDifferences(sinkId, ours, theirs));
    if (perKey !== undefined) differences.push(...perKeyOrderDifferences(sinkId, perKey, ours, theirs));
  }
  return differences;
}

function multisetDifferences(sinkId: string, ours: unknown[], theirs: unknown[]): string[] {
  const counts = new Map<string, number>();
  for (const value of ours) counts.set(canonicalJson(value), (counts.get(canonicalJson(value)) ?? 0) + 1);
  for (const value of theirs) counts.set(canonicalJson(value), (counts.get(canonicalJson(value)) ?? 0) - 1);
  const onlySluice = [...counts].filter(([, n]) => n > 0).map(([text, n]) => (n > 1 ? `${text} ×${n}` : text));
  const onlyFlink = [...counts].filter(([, n]) => n < 0).map(([text, n]) => (n < -1 ? `${text} ×${-n}` : text));
  if (onlySluice.length === 0 && onlyFlink.length === 0) return [];
  const few = (texts: string[]) => texts.slice(0, 8).join(', ') + (texts.length > 8 ? `, … (${texts.length})` : '');
  return [
    `sink ${sinkId}: ${ours.length} records on Sluice, ${theirs.length} on Flink; only on Sluice: [${few(onlySluice)}]; only on Flink: [${few(onlyFlink)}]`,
  ];
}

function perKeyOrderDifferences(sinkId: string, keySelector: string, ours: unknown[], theirs: unknown[]): string[] {
  const select = new Function(`return (${keySelector})`)() as (value: unknown) => unknown;
  const byKey = (values: unknown[]): Map<string, string[]> => {
    const groups = new Map<string, string[]>();
    for (const value of values) {
      const key = canonicalJson(select(value));
      groups.set(key, [...(groups.get(key) ?? []), canonicalJson(value)]);
    }
    return groups;
  };
  const flinkGroups = byKey(theirs);
  return [...byKey(ours)].flatMap(([key, sequence]) => {
    const other = flinkGroups.get(key) ?? [];
    return sequence.join('\n') === other.join('\n')
      ? []
      : [`sink ${sinkId}, key ${key}: in order on Sluice [${sequence.join(', ')}], on Flink [${other.join(', ')}]`];
  });
}
