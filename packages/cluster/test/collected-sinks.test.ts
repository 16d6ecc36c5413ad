/** The collect sinks' output across restarts (§7 Recovery): exactly what the restored checkpoint covers stays. */
import { describe, expect, it } from 'vitest';
import { CollectedSinks, MAX_RECORDS_PER_SINK } from '../src/jobmaster/collected-sinks.js';

const sinksOfVertex = new Map([
  ['src', []],
  ['sink-vertex', ['out']],
]);

describe('CollectedSinks', () => {
  it('a restart from checkpoint n keeps, per subtask, the values delivered before it acknowledged n', () => {
    const sinks = new CollectedSinks(sinksOfVertex);
    sinks.append('out', 0, ['a0', 'a1']);
    sinks.append('out', 1, ['b0']);
    sinks.acknowledged(1, 'sink-vertex', 0);
    sinks.append('out', 0, ['a2']);
    sinks.acknowledged(1, 'sink-vertex', 1);
    sinks.append('out', 1, ['b1']);
    sinks.completed(1, [], [1]);
    sinks.append('out', 0, ['a3']);
    sinks.acknowledged(2, 'sink-vertex', 0);
    expect(sinks.values()).toEqual({ out: ['a0', 'a1', 'b0', 'a2', 'b1', 'a3'] });

    // Checkpoint 2 never completed: the restart restores 1.
    sinks.rewindTo(1);
    expect(sinks.values()).toEqual({ out: ['a0', 'a1', 'b0'] });
    sinks.append('out', 0, ['a2']);
    sinks.append('out', 1, ['b1']);
    expect(sinks.values()).toEqual({ out: ['a0', 'a1', 'b0', 'a2', 'b1'] });
  });

  it('without a completed checkpoint a restart starts from nothing, and a later checkpoint counts from there', () => {
    const sinks = new CollectedSinks(sinksOfVertex);
    sinks.append('out', 0, ['x', 'y']);
    sinks.acknowledged(1, 'sink-vertex', 0);
    sinks.rewindTo(null);
    expect(sinks.values()).toEqual({ out: [] });
    sinks.append('out', 0, ['x']);
    sinks.acknowledged(3, 'sink-vertex', 0);
    sinks.completed(3, [], [3]);
    sinks.append('out', 0, ['y']);
    sinks.rewindTo(3);
    expect(sinks.values()).toEqual({ out: ['x'] });
  });

  it('a sink subtask that finished before the checkpoint is covered with all it delivered', () => {
    const sinks = new CollectedSinks(sinksOfVertex);
    sinks.append('out', 0, ['done']);
    sinks.append('out', 1, ['p']);
    sinks.acknowledged(4, 'sink-vertex', 1);
    sinks.append('out', 1, ['q']);
    sinks.completed(4, [{ vertexId: 'sink-vertex', subtaskIndex: 0 }], [4]);
    sinks.rewindTo(4);
    expect(sinks.values()).toEqual({ out: ['done', 'p'] });
  });

  it('falls back to an older retained checkpoint, and forgets the marks of checkpoints no longer retained', () => {
    const sinks = new CollectedSinks(sinksOfVertex);
    for (const id of [1, 2, 3]) {
      sinks.append('out', 0, [`v${id}`]);
      sinks.acknowledged(id, 'sink-vertex', 0);
      sinks.completed(id, [], id === 3 ? [2, 3] : [id]);
    }
    sinks.append('out', 0, ['v4']);
    sinks.rewindTo(2);
    expect(sinks.values()).toEqual({ out: ['v1', 'v2'] });
    // Checkpoint 1 was not retained after 3 completed: nothing to fall back to but the beginning.
    sinks.rewindTo(1);
    expect(sinks.values()).toEqual({ out: [] });
  });

  it('keeps the first 10,000 values of a sink and marks it truncated; checkpoints still count every value', () => {
    const sinks = new CollectedSinks(sinksOfVertex);
    const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
    expect(sinks.append('out', 0, numbers(0, MAX_RECORDS_PER_SINK - 1))).toHaveLength(MAX_RECORDS_PER_SINK - 1);
    expect(sinks.truncated()).toEqual([]);
    expect(sinks.append('out', 0, numbers(MAX_RECORDS_PER_SINK - 1, 3))).toEqual([MAX_RECORDS_PER_SINK - 1]);
    expect(sinks.truncated()).toEqual(['out']);
    sinks.acknowledged(1, 'sink-vertex', 0);
    sinks.completed(1, [], [1]);
    expect(sinks.append('out', 0, ['later'])).toEqual([]);
    // A restart from checkpoint 1 keeps all 10,000 kept values: the checkpoint covers 10,002 delivered ones.
    sinks.rewindTo(1);
    expect(sinks.values().out).toEqual(numbers(0, MAX_RECORDS_PER_SINK));
    expect(sinks.truncated()).toEqual(['out']);
  });
});
