/**
 * Plans compared in the shape `sluice plan` prints (design.md Contract 2): the chains (§1 Chaining rules), their
 * parallelism, the edges between them and the slots required (§2 Required slots). Order within the lists is not
 * part of the comparison: Flink's JobGraph lists its vertices in its own order. Nor are the vertices' names: Flink
 * names a chain after its operators' Flink names ("Source: src -> map", "sink: Writer"), Sluice after the names
 * drawn on the canvas (docs/semantics-differences.md).
 */
import type { CliPlan } from '@sluice/planner';
import { canonicalJson } from './compare-outputs.js';

function normalized(plan: CliPlan): { slotsRequired: number; vertices: string[]; edges: string[] } {
  return {
    slotsRequired: plan.slotsRequired,
    vertices: plan.vertices
      .map(({ id, operators, parallelism }) => canonicalJson({ id, operators: [...operators].sort(), parallelism }))
      .sort(),
    edges: plan.edges.map(({ source, target, partitioner }) => canonicalJson({ source, target, partitioner })).sort(),
  };
}

export function planDifferences(sluice: CliPlan, flink: CliPlan): string[] {
  const ours = normalized(sluice);
  const theirs = normalized(flink);
  const differences: string[] = [];
  if (ours.slotsRequired !== theirs.slotsRequired)
    differences.push(`slots required: ${ours.slotsRequired} on Sluice, ${theirs.slotsRequired} on Flink`);
  for (const part of ['vertices', 'edges'] as const) {
    const onlySluice = ours[part].filter((item) => !theirs[part].includes(item));
    const onlyFlink = theirs[part].filter((item) => !ours[part].includes(item));
    if (onlySluice.length > 0 || onlyFlink.length > 0)
      differences.push(
        `plan ${part}: only on Sluice [${onlySluice.join(', ')}]; only on Flink [${onlyFlink.join(', ')}]`,
      );
  }
  return differences;
}
