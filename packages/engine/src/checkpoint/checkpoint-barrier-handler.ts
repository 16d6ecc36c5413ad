/**
 * Flink's CheckpointBarrierHandler for a task with input channels (§7 Checkpoints and recovery):
 * - aligned (EXACTLY_ONCE): a channel that delivered barrier n is blocked until every channel has; then the task
 *   snapshots, forwards barrier n and acknowledges (SingleCheckpointBarrierHandler with aligned barriers);
 * - AT_LEAST_ONCE: nothing is blocked; the snapshot is taken when the last channel delivers barrier n
 *   (CheckpointBarrierTracker), so records after an early barrier are in snapshot n and replayed as well;
 * - unaligned: barrier n is handled when it arrives, ahead of the data queued before it in its channel: the task
 *   snapshots and forwards it at once, and every element still ahead of barrier n in any channel (overtaken) is
 *   recorded as channel state until that channel's barrier n is reached in order; then the task acknowledges.
 * A barrier of a newer checkpoint while one is pending aborts the pending one (the task declines it). A finished
 * channel (EndOfPartition) delivers no more barriers and counts as aligned.
 */
import type { CheckpointBarrier, StreamElement } from '../elements/stream-element.js';
import type { CheckpointingMode } from './checkpoint-options.js';
import type { OperatorSubtaskState, TaskStateSnapshot } from './task-state-snapshot.js';

/** What the handler asks of its StreamTask. */
export interface BarrierHandlerTask {
  now(): number;
  /** Snapshots every chained operator and sends the barrier on downstream, in one step. */
  snapshotAndForward(barrier: CheckpointBarrier): Record<string, OperatorSubtaskState>;
  acknowledge(checkpointId: number, state: TaskStateSnapshot, alignmentDurationMs: number): void;
  decline(checkpointId: number, reason: string): void;
}

interface PendingCheckpoint {
  barrier: CheckpointBarrier;
  /** Channels (by index) that delivered the barrier in order. */
  arrived: Set<number>;
  startedAt: number;
  /** Unaligned only: the snapshot taken at the first barrier, and the elements overtaken per channel. */
  operators?: Record<string, OperatorSubtaskState>;
  overtaken?: Map<number, StreamElement[]>;
}

export class CheckpointBarrierHandler {
  private pending: PendingCheckpoint | undefined;
  /** The newest checkpoint this task completed, declined or saw aborted: its late barriers are ignored. */
  private latestHandled = 0;
  private readonly finished = new Set<number>();

  constructor(
    /** channelKeys[i] is the key of the channel with index i. */
    private readonly channelKeys: readonly string[],
    private readonly mode: CheckpointingMode,
    private readonly task: BarrierHandlerTask,
  ) {}

  /** Aligned checkpoints only: a channel that delivered the pending barrier is not read until alignment ends. */
  isBlocked(channelIndex: number): boolean {
    const pending = this.pending;
    return (
      pending !== undefined &&
      this.mode === 'EXACTLY_ONCE' &&
      !pending.barrier.unaligned &&
      pending.arrived.has(channelIndex)
    );
  }

  /** Unaligned barriers act when their buffer arrives, before the data queued ahead of them is read. */
  onBarrierArrived(barrier: CheckpointBarrier): void {
    if (!barrier.unaligned || !this.startOrJoin(barrier)) return;
    const pending = this.pending!;
    if (pending.operators) return;
    pending.overtaken = new Map(this.channelKeys.flatMap((_, i) => (this.finished.has(i) ? [] : [[i, []]])));
    pending.operators = this.task.snapshotAndForward(barrier);
  }

  /** Every element read in order (records, watermarks, statuses): recorded while an unaligned barrier overtook it. */
  onElement(element: StreamElement, channelIndex: number): void {
    const overtaken = this.pending?.overtaken?.get(channelIndex);
    if (overtaken && !this.pending!.arrived.has(channelIndex)) overtaken.push(structuredClone(element));
  }

  /** A barrier read in order from its channel. */
  onBarrier(barrier: CheckpointBarrier, channelIndex: number): void {
    if (!this.startOrJoin(barrier)) return;
    this.pending!.arrived.add(channelIndex);
    this.completeIfAligned();
  }

  onEndOfPartition(channelIndex: number): void {
    this.finished.add(channelIndex);
    if (this.pending) this.completeIfAligned();
  }

  /** The coordinator gave up on checkpoint n (expired, or declined elsewhere): stop aligning for it. */
  abort(checkpointId: number): void {
    if (this.pending?.barrier.checkpointId === checkpointId) this.pending = undefined;
    this.latestHandled = Math.max(this.latestHandled, checkpointId);
  }

  /** Starts the barrier's checkpoint or finds it pending; false for a barrier of a checkpoint already over. */
  private startOrJoin(barrier: CheckpointBarrier): boolean {
    const id = barrier.checkpointId;
    if (id <= this.latestHandled) return false;
    if (this.pending && this.pending.barrier.checkpointId === id) return true;
    if (this.pending) {
      const older = this.pending.barrier.checkpointId;
      this.pending = undefined;
      this.latestHandled = older;
      this.task.decline(older, `barrier of checkpoint ${id} arrived before checkpoint ${older} was aligned`);
    }
    this.pending = { barrier, arrived: new Set(), startedAt: this.task.now() };
    return true;
  }

  private completeIfAligned(): void {
    const pending = this.pending!;
    for (let i = 0; i < this.channelKeys.length; i++) if (!pending.arrived.has(i) && !this.finished.has(i)) return;
    this.pending = undefined;
    this.latestHandled = pending.barrier.checkpointId;
    const alignmentDurationMs = this.task.now() - pending.startedAt;
    if (pending.operators) {
      const inputChannelState = [...pending.overtaken!]
        .filter(([, elements]) => elements.length > 0)
        .map(([i, elements]) => ({ channel: this.channelKeys[i]!, elements }));
      this.task.acknowledge(
        pending.barrier.checkpointId,
        { operators: pending.operators, inputChannelState },
        alignmentDurationMs,
      );
    } else {
      this.task.acknowledge(
        pending.barrier.checkpointId,
        { operators: this.task.snapshotAndForward(pending.barrier), inputChannelState: [] },
        alignmentDurationMs,
      );
    }
  }
}
