/** Rescaling keyed state by key groups (§3 Key groups) and operator state round-robin. */
import { assignToKeyGroup, keyGroupRange } from '@sluice/planner';
import { describe, expect, it } from 'vitest';
import { repartitionVertexState, type TaskStateSnapshot } from '../../src/checkpoint/index.js';

const MAX_P = 128;
const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);

/** Old subtask i holds exactly the keys its key-group range gives it, one state per key group. */
function snapshotsAt(parallelism: number): TaskStateSnapshot[] {
  return Array.from({ length: parallelism }, (_, subtask) => {
    const { start, end } = keyGroupRange(MAX_P, parallelism, subtask);
    const byGroup = new Map<number, Record<string, number>>();
    for (const key of keys) {
      const group = assignToKeyGroup(key, MAX_P);
      if (group < start || group > end) continue;
      byGroup.set(group, { ...byGroup.get(group), [key]: key.length });
    }
    return {
      operators: {
        sum: { keyedState: [...byGroup].map(([keyGroup, state]) => ({ keyGroup, state })), operatorState: [] },
        src: { keyedState: [], operatorState: [`part-${subtask}-a`, `part-${subtask}-b`] },
      },
      inputChannelState: [{ channel: `e0:0>${subtask}`, elements: [subtask] }],
    };
  });
}

function keysOf(snapshot: TaskStateSnapshot): string[] {
  return snapshot.operators.sum!.keyedState.flatMap((entry) => Object.keys(entry.state as object)).sort();
}

describe('repartitionVertexState', () => {
  for (const [from, to] of [
    [2, 3],
    [3, 2],
  ] as const) {
    it(`${from} → ${to}: every key's state lands on the subtask whose key-group range holds its key group`, () => {
      const result = repartitionVertexState(snapshotsAt(from), to, MAX_P);
      expect(result).toHaveLength(to);
      result.forEach((snapshot, subtask) => {
        const { start, end } = keyGroupRange(MAX_P, to, subtask);
        const expected = keys.filter((key) => {
          const group = assignToKeyGroup(key, MAX_P);
          return group >= start && group <= end;
        });
        expect(keysOf(snapshot)).toEqual(expected.sort());
        const groups = snapshot.operators.sum!.keyedState.map((entry) => entry.keyGroup);
        expect(groups).toEqual([...groups].sort((a, b) => a - b));
      });
      // Channels of the old parallelism do not exist any more.
      expect(result.every((snapshot) => snapshot.inputChannelState.length === 0)).toBe(true);
    });
  }

  it('deals operator state parts round-robin over the new subtasks', () => {
    const result = repartitionVertexState(snapshotsAt(2), 3, MAX_P);
    expect(result.map((s) => s.operators.src!.operatorState)).toEqual([
      ['part-0-a', 'part-1-b'],
      ['part-0-b'],
      ['part-1-a'],
    ]);
  });

  it('keeps channel state when the parallelism is unchanged', () => {
    const old = snapshotsAt(2);
    expect(repartitionVertexState(old, 2, MAX_P).map((s) => s.inputChannelState)).toEqual(
      old.map((s) => s.inputChannelState),
    );
  });

  it('refuses a parallelism above maxParallelism', () => {
    expect(() => repartitionVertexState(snapshotsAt(2), 129, MAX_P)).toThrow(
      'newParallelism 129 exceeds maxParallelism 128',
    );
  });
});
