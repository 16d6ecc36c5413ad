/** The CheckpointBarrierHandler's alignment rules, channel by channel (§7 Aligned, AT_LEAST_ONCE, Unaligned). */
import { describe, expect, it } from 'vitest';
import { CheckpointBarrierHandler } from '../../src/checkpoint/checkpoint-barrier-handler.js';
import type { CheckpointingMode } from '../../src/checkpoint/checkpoint-options.js';
import type { CheckpointBarrier, StreamElement } from '../../src/elements/stream-element.js';

const barrier = (checkpointId: number, unaligned = false): CheckpointBarrier => ({
  kind: 'barrier',
  checkpointId,
  timestamp: 0,
  unaligned,
});
const rec = (value: unknown): StreamElement => ({ kind: 'record', value });

function handler(mode: CheckpointingMode, channels = 3) {
  const log: string[] = [];
  let now = 0;
  const acks: { checkpointId: number; channelState: unknown; alignment: number }[] = [];
  const h = new CheckpointBarrierHandler(
    Array.from({ length: channels }, (_, i) => `e0:${i}>0`),
    mode,
    {
      now: () => now,
      snapshotAndForward: (b) => {
        log.push(`snapshot ${b.checkpointId}`);
        return { op: { keyedState: [], operatorState: [b.checkpointId] } };
      },
      acknowledge: (checkpointId, state, alignment) => {
        acks.push({ checkpointId, channelState: state.inputChannelState, alignment });
      },
      decline: (checkpointId, reason) => log.push(`decline ${checkpointId}: ${reason}`),
    },
  );
  return { h, log, acks, advance: (ms: number) => (now += ms) };
}

describe('aligned EXACTLY_ONCE (§7 Aligned)', () => {
  it('blocks exactly the channels that delivered barrier n, snapshots once all did, then unblocks', () => {
    const { h, log, acks, advance } = handler('EXACTLY_ONCE');
    h.onBarrier(barrier(1), 1);
    expect([0, 1, 2].map((i) => h.isBlocked(i))).toEqual([false, true, false]);
    advance(7);
    h.onBarrier(barrier(1), 0);
    expect([0, 1, 2].map((i) => h.isBlocked(i))).toEqual([true, true, false]);
    expect(log).toEqual([]);
    advance(5);
    h.onBarrier(barrier(1), 2);
    expect(log).toEqual(['snapshot 1']);
    expect(acks).toEqual([{ checkpointId: 1, channelState: [], alignment: 12 }]);
    expect([0, 1, 2].map((i) => h.isBlocked(i))).toEqual([false, false, false]);
  });

  it('a finished channel counts as aligned; barrier n+1 while n aligns declines n; late barriers of n are ignored', () => {
    const { h, log, acks } = handler('EXACTLY_ONCE');
    h.onEndOfPartition(2);
    h.onBarrier(barrier(1), 0);
    h.onBarrier(barrier(2), 1);
    expect(log).toEqual(['decline 1: barrier of checkpoint 2 arrived before checkpoint 1 was aligned']);
    h.onBarrier(barrier(1), 0);
    expect(h.isBlocked(0)).toBe(false);
    h.onBarrier(barrier(2), 0);
    expect(acks.map((a) => a.checkpointId)).toEqual([2]);
  });
});

describe('AT_LEAST_ONCE (§7)', () => {
  it('never blocks, and snapshots when the last channel delivers the barrier', () => {
    const { h, log } = handler('AT_LEAST_ONCE', 2);
    h.onBarrier(barrier(1), 0);
    expect(h.isBlocked(0)).toBe(false);
    expect(log).toEqual([]);
    h.onBarrier(barrier(1), 1);
    expect(log).toEqual(['snapshot 1']);
  });
});

describe('unaligned (§7 Unaligned)', () => {
  it("snapshots at the first barrier's arrival; the channel state is exactly the elements each channel had ahead of its barrier", () => {
    const { h, log, acks } = handler('EXACTLY_ONCE', 2);
    h.onElement(rec('before'), 0);
    h.onBarrierArrived(barrier(1, true));
    expect(log).toEqual(['snapshot 1']);
    h.onBarrierArrived(barrier(1, true));
    expect(log).toEqual(['snapshot 1']);
    expect(h.isBlocked(0)).toBe(false);
    // Read in order: channel 0 had a, b ahead of its barrier; channel 1 had c, then its barrier, then d.
    h.onElement(rec('a'), 0);
    h.onElement(rec('c'), 1);
    h.onBarrier(barrier(1, true), 1);
    h.onElement(rec('d'), 1);
    h.onElement(rec('b'), 0);
    expect(acks).toEqual([]);
    h.onBarrier(barrier(1, true), 0);
    expect(acks).toEqual([
      {
        checkpointId: 1,
        channelState: [
          { channel: 'e0:0>0', elements: [rec('a'), rec('b')] },
          { channel: 'e0:1>0', elements: [rec('c')] },
        ],
        alignment: 0,
      },
    ]);
  });
});
