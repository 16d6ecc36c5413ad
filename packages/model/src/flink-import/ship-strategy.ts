/**
 * Flink's ship strategies (the partitioner's toString() in both plan formats, §3 Partitioners) → Sluice partitioners.
 */
import type { Partitioner } from '../jobgraph.js';

export interface MappedExchange {
  /** Undefined: Flink's default for the edge (forward between equal parallelisms, else rebalance). */
  partitioner: Partitioner | undefined;
  key?: string;
  note?: string;
}

/** Keys by the whole record: a key selector that always works, standing in for the one the plan does not carry. */
export const PLACEHOLDER_KEY_SELECTOR = '(value) => value';

const DIRECT: Readonly<Record<string, Partitioner>> = {
  FORWARD: 'forward',
  REBALANCE: 'rebalance',
  RESCALE: 'rescale',
  SHUFFLE: 'shuffle',
  BROADCAST: 'broadcast',
};

export function mapShipStrategy(strategy: string, targetParallelism: number): MappedExchange {
  const direct = DIRECT[strategy];
  if (direct !== undefined) return { partitioner: direct };
  if (strategy === 'HASH') {
    return {
      partitioner: 'hash',
      key: PLACEHOLDER_KEY_SELECTOR,
      note: `Flink's plan does not carry the key selector of this keyBy; keyed by the whole record (${PLACEHOLDER_KEY_SELECTOR}): set the edge's key`,
    };
  }
  if (strategy === 'GLOBAL') {
    // GlobalPartitioner sends every record to subtask 0; with one target subtask, rebalance does exactly that.
    const same =
      targetParallelism === 1
        ? 'with one target subtask rebalance sends every record there too'
        : "set the target's parallelism to 1 to get the same routing";
    return {
      partitioner: 'rebalance',
      note: `Sluice has no GLOBAL partitioner (every record to subtask 0); imported as rebalance: ${same}`,
    };
  }
  return {
    partitioner: undefined,
    note: `unknown ship strategy "${strategy}"; the edge gets Flink's default partitioner`,
  };
}
