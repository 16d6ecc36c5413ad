/**
 * sink.collect at a checkpoint (§7 Checkpoints): the values before the barrier leave with the snapshot, ahead of
 * the task's acknowledgement, so the JobMaster can tell the values a restart from checkpoint n keeps from those
 * it replays.
 */
import { describe, expect, it } from 'vitest';
import { record } from '../../src/elements/stream-element.js';
import { CollectSink } from '../../src/operators/sinks/collect-sink.js';
import type { TaskHost } from '../../src/task/host.js';

function sinkWithHost() {
  const emitted: unknown[][] = [];
  const timers: (() => void)[] = [];
  const host = {
    time: {
      now: () => 0,
      schedule: (_ms: number, fn: () => void) => (timers.push(fn), () => timers.splice(timers.indexOf(fn), 1)),
    },
    emitSinkRecords: (_operatorId: string, values: unknown[]) => emitted.push([...values]),
  } as unknown as TaskHost;
  return { sink: new CollectSink('out', host), emitted, timers };
}

describe('sink.collect', () => {
  it('flushes the batch at the snapshot and keeps no state of its own', () => {
    const { sink, emitted, timers } = sinkWithHost();
    for (const v of ['a', 'b', 'c']) sink.processElement(record(v));
    expect(emitted).toEqual([]);
    expect(sink.snapshotState()).toEqual({ keyedState: [], operatorState: [] });
    expect(emitted).toEqual([['a', 'b', 'c']]);
    // The batch's flush timer went with it: nothing is sent twice.
    expect(timers).toEqual([]);
    sink.processElement(record('d'));
    sink.finish();
    expect(emitted).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('a snapshot with nothing batched sends nothing', () => {
    const { sink, emitted } = sinkWithHost();
    sink.snapshotState();
    expect(emitted).toEqual([]);
  });
});
