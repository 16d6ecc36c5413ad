/**
 * Flink's StreamTask: runs one subtask's operator chain in a mailbox. Every piece of work is a mailbox turn
 * scheduled through the host's ProcessingTimeService (`schedule(0, …)`), so network messages (buffers,
 * credits) and cancel get through between turns, on a worker thread as under the deterministic scheduler.
 *
 * A turn either polls the chain's source for a few batches, or reads elements from the InputGates into the
 * chain's head (watermarks and statuses through the StatusWatermarkValve). Output goes through a RecordWriter
 * per ResultPartition into credit-based subpartitions; when the task's output BufferPool is exhausted the task
 * takes no more input (backpressure, §4) until credit returns and buffers leave.
 */
import { CheckpointBarrierHandler } from '../checkpoint/checkpoint-barrier-handler.js';
import type { CheckpointOptions } from '../checkpoint/checkpoint-options.js';
import { encodeTaskState } from '../checkpoint/task-state-codec.js';
import type { OperatorSubtaskState, TaskStateSnapshot } from '../checkpoint/task-state-snapshot.js';
import type { CheckpointBarrier, StreamElement, StreamRecord } from '../elements/stream-element.js';
import type { RuntimeContext } from '../functions/user-function.js';
import type { NetworkMessage } from '../network/messages.js';
import { BufferPool } from '../network/buffer-pool.js';
import type { InputChannel } from '../network/input-channel.js';
import { InputGate } from '../network/input-gate.js';
import { NetworkBufferPool, NetworkMemoryReservation } from '../network/network-buffer-pool.js';
import { createChannelSelector } from '../network/partitioners.js';
import { RecordWriter } from '../network/record-writer.js';
import { ResultPartition } from '../network/result-partition.js';
import type { ResultSubpartition } from '../network/result-subpartition.js';
import {
  createOperatorChain,
  type ChainedOperatorInspection,
  type OperatorChain,
} from '../operators/operator-chain.js';
import type { OneInputStreamOperator, Output } from '../operators/stream-operator.js';
import { StatusWatermarkValve } from '../time/status-watermark-valve.js';
import { MIN_TIMESTAMP } from '../time/timestamps.js';
import { hashString, mix32, SeededRandom } from '../util/seeded-random.js';
import type { TaskDeploymentDescriptor } from './deployment.js';
import {
  isTerminalTaskState,
  type CheckpointResponder,
  type ProcessingTimeService,
  type TaskExecutionState,
  type TaskFailure,
  type TaskHost,
  type TaskMetrics,
} from './host.js';
import { taskFailureOf } from './task-failure.js';
import { TaskTimeMeter } from './task-time-meter.js';

/** What the TaskManager holds of a started task. */
export interface RunningTask {
  cancel(): void;
  snapshotMetrics(): TaskMetrics;
  /** Timers and open windows of the chain's operators, head first (what the step view draws). */
  inspectOperators(): ChainedOperatorInspection[];
  /**
   * Source tasks only (no input gates): snapshot the chain, then inject barrier n into every output channel behind
   * the records already written (§7 Trigger and ack). A task that cannot take it declines.
   */
  triggerCheckpoint(options: CheckpointOptions): void;
  /** Checkpoint n is complete job-wide: every chained operator hears it (a two-phase-commit sink commits). */
  notifyCheckpointComplete(checkpointId: number): void;
  notifyCheckpointAborted(checkpointId: number): void;
}

/**
 * Source batches per mailbox turn: enough to amortize a turn (a chain inlined into its source's loop moves a
 * record in a few nanoseconds, a turn costs about a microsecond), few enough that credits and cancel get through.
 */
const SOURCE_BATCHES_PER_TURN = 16;
/** Input elements per mailbox turn, for the same reason. */
const INPUT_ELEMENTS_PER_TURN = 512;
/** A turn also ends after this long, however few elements it took (a slowed operator): credits, metrics requests and cancel wait no longer. */
const MAX_TURN_MS = 50;
/** The input turn reads the clock once per this many elements, to keep it off the per-record path. */
const CLOCK_CHECK_EVERY = 16;

/** How much one mailbox turn does: a step-mode host wants one element per turn (src/step), anything else throughput. */
interface TurnSize {
  sourceBatches: number;
  /** Records per source batch; undefined leaves the batch size to the source. */
  sourceRecordsPerBatch: number | undefined;
  inputElements: number;
}

const THROUGHPUT_TURN: TurnSize = {
  sourceBatches: SOURCE_BATCHES_PER_TURN,
  sourceRecordsPerBatch: undefined,
  inputElements: INPUT_ELEMENTS_PER_TURN,
};
const STEP_TURN: TurnSize = { sourceBatches: 1, sourceRecordsPerBatch: 1, inputElements: 1 };

/**
 * Deploys a subtask: builds its StreamTask whole (output partitions, input gates, operator chain, what feeds the
 * chain's head), then runs it. A task that cannot be built (user code that does not compile, a chain that does not
 * fit its inputs) reports FAILED, and its host holds a FailedDeployment.
 */
export function startStreamTask(tdd: TaskDeploymentDescriptor, host: TaskHost): RunningTask {
  host.reportState('DEPLOYING');
  let task: StreamTask;
  try {
    task = new StreamTask(tdd, host);
  } catch (error) {
    host.reportState('FAILED', taskFailureOf(error));
    return new FailedDeployment(tdd);
  }
  task.start();
  return task;
}

/** What a host holds of a task that failed while it was built: terminal, it measures nothing and ignores checkpoints. */
class FailedDeployment implements RunningTask {
  constructor(private readonly tdd: TaskDeploymentDescriptor) {}

  cancel(): void {}

  snapshotMetrics(): TaskMetrics {
    return {
      vertexId: this.tdd.vertexId,
      subtaskIndex: this.tdd.subtaskIndex,
      recordsIn: 0,
      recordsOut: 0,
      busyMsPerSecond: 0,
      idleMsPerSecond: 0,
      backPressuredMsPerSecond: 0,
      inPoolUsage: 0,
      outPoolUsage: 0,
      currentInputWatermark: null,
      channels: [],
      inputChannels: [],
    };
  }

  inspectOperators(): ChainedOperatorInspection[] {
    return [];
  }

  triggerCheckpoint(): void {}

  notifyCheckpointComplete(): void {}

  notifyCheckpointAborted(): void {}
}

/** A job checkpoints only on a host that takes checkpoints: found out as the task is built, not at its first barrier. */
function checkpointResponderOf(tdd: TaskDeploymentDescriptor, host: TaskHost): CheckpointResponder | undefined {
  if (tdd.jobConfig.checkpointing && !host.checkpointResponder)
    throw new Error(
      `task ${tdd.taskName}#${tdd.subtaskIndex}: the job has checkpointing, but the task's host takes no checkpoints`,
    );
  return host.checkpointResponder;
}

type ChainSource = NonNullable<OperatorChain['source']>;

/** One logical input of the chain's head: its records' destination and the valve over its channels. */
interface TaskInput {
  processElement(record: StreamRecord): void;
  valve: StatusWatermarkValve;
}

/**
 * What feeds the chain's head: a source task polls its source in turns (Flink's SourceStreamTask); any other task
 * reads its input gates into the head operator, watermarks through a StatusWatermarkValve per input and barriers
 * through one CheckpointBarrierHandler over every channel, so a two-input task aligns barriers across both inputs
 * (Flink's OneInputStreamTask and TwoInputStreamTask with their StreamInputProcessors). `channelInputs[i]` is the
 * input channel i feeds and its index in that input's valve.
 */
type TaskHead =
  | { kind: 'source'; source: ChainSource }
  | {
      kind: 'input';
      channelInputs: { input: TaskInput; valveIndex: number }[];
      barrierHandler: CheckpointBarrierHandler;
    };
type InputHead = Extract<TaskHead, { kind: 'input' }>;

export function runtimeContextOf(tdd: TaskDeploymentDescriptor): RuntimeContext {
  return {
    subtaskIndex: tdd.subtaskIndex,
    parallelism: tdd.parallelism,
    maxParallelism: tdd.maxParallelism,
    attemptNumber: tdd.attemptNumber,
    taskName: tdd.taskName,
  };
}

/** The output pool of Flink's ResultPartition: `buffers-per-channel` per subpartition plus the floating share. */
function outputPoolCapacity(tdd: TaskDeploymentDescriptor): number {
  const subpartitions = tdd.resultPartitions.reduce((n, p) => n + p.consumers.length, 0);
  return subpartitions === 0 ? 0 : subpartitions * tdd.network.buffersPerChannel + tdd.network.floatingBuffersPerGate;
}

/** All the network memory the task may use: its input channels' exclusive buffers, its gates' floating ones, its output pool. */
function networkMemoryBytes(tdd: TaskDeploymentDescriptor): number {
  const { buffersPerChannel, floatingBuffersPerGate, bufferSizeBytes } = tdd.network;
  const input = tdd.inputGates.reduce(
    (n, gate) => n + gate.producers.length * buffersPerChannel + floatingBuffersPerGate,
    0,
  );
  return (input + outputPoolCapacity(tdd)) * bufferSizeBytes;
}

class StreamTask implements RunningTask {
  private state: TaskExecutionState = 'DEPLOYING';
  private readonly meter: TaskTimeMeter;
  private readonly pool: BufferPool;
  private readonly networkMemory: NetworkMemoryReservation;
  private readonly turnSize: TurnSize;
  private readonly partitions: ResultPartition[] = [];
  /** Output channel key → its subpartition, for credit. */
  private readonly subpartitionByKey = new Map<string, ResultSubpartition>();
  private readonly gates: InputGate[] = [];
  private readonly channels: InputChannel[] = [];
  private readonly channelByKey = new Map<string, InputChannel>();
  /** The input (1 or 2) of a two-input head each channel feeds, by channel index; undefined for a one-input head. */
  private readonly channelInputIndex: (1 | 2 | undefined)[] = [];
  private readonly checkpoints: CheckpointResponder | undefined;
  private readonly chain: OperatorChain;
  private readonly head: TaskHead;
  /** Round-robin position over input channels; reading stays on one channel until its buffer is consumed. */
  private currentChannel = 0;
  private recordsIn = 0;
  private currentInputWatermark: number | null = null;
  /** The StatusWatermarkValve of each input of the head: one, or two for a two-input head. */
  private readonly inputValves: StatusWatermarkValve[] = [];
  private cancelTurn: (() => void) | undefined;
  private cancelFlush: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  /** chain.finish() ran and EndOfPartition is queued on every channel: waiting for the last buffers to leave. */
  private endOfInput = false;
  /** Unaligned recovery: the restored in-flight elements, processed before any new input (§7 Recovery). */
  private restoredInput: { element: StreamElement; channel: InputChannel }[] = [];
  /**
   * With checkpointing, a bounded source that reached its end sends EndOfPartition only once a checkpoint whose
   * barrier it emitted after its end has completed (Flink's final checkpoint, FLIP-147): every record is then
   * covered by a completed checkpoint before the job finishes. Undefined until the source's end.
   */
  private finalCheckpoint: { barrierAfterEnd: number | undefined } | undefined;
  /** The newest checkpoint acknowledged, and the newest completed or aborted one: a task finishes only once they agree. */
  private lastAcknowledged = 0;
  private lastResolved = 0;

  constructor(
    private readonly tdd: TaskDeploymentDescriptor,
    private readonly host: TaskHost,
  ) {
    this.meter = new TaskTimeMeter(() => host.time.now());
    this.turnSize = host.stepObserver ? STEP_TURN : THROUGHPUT_TURN;
    // Without a TaskManager's pool (one job in one thread), the task's own needs are the bound.
    const { pool, ledger } = host.networkMemory ?? {
      pool: new NetworkBufferPool(NetworkBufferPool.allocateMemory(), Math.max(1, networkMemoryBytes(tdd))),
      ledger: NetworkBufferPool.allocateMemory(),
    };
    this.networkMemory = new NetworkMemoryReservation(
      pool,
      networkMemoryBytes(tdd),
      tdd.network.bufferSizeBytes,
      ledger,
    );
    this.pool = new BufferPool(outputPoolCapacity(tdd), tdd.network.bufferSizeBytes, this.networkMemory);
    this.checkpoints = checkpointResponderOf(tdd, host);
    const runtimeContext = runtimeContextOf(tdd);
    const partitionOutputs = new Map<number, Output>();
    for (const descriptor of tdd.resultPartitions) {
      const random = new SeededRandom(mix32(hashString(`${tdd.vertexId}#e${descriptor.edgeIndex}`), tdd.subtaskIndex));
      const partition = new ResultPartition(
        descriptor,
        tdd.subtaskIndex,
        this.pool,
        host.network,
        createChannelSelector(descriptor, runtimeContext, random),
        tdd.network.bufferTimeoutMs === 0,
        () => this.armBufferTimeout(),
        host.stepObserver,
      );
      this.partitions.push(partition);
      for (const s of partition.subpartitions) this.subpartitionByKey.set(s.channel, s);
      partitionOutputs.set(descriptor.edgeIndex, new RecordWriter(partition));
    }
    for (const descriptor of tdd.inputGates) {
      const gate = new InputGate(
        descriptor,
        tdd.subtaskIndex,
        this.channels.length,
        tdd.network.buffersPerChannel,
        tdd.network.floatingBuffersPerGate,
        host.network,
        this.networkMemory,
      );
      this.gates.push(gate);
      for (const channel of gate.channels) {
        this.channels.push(channel);
        this.channelInputIndex.push(descriptor.input);
        this.channelByKey.set(channel.channel, channel);
      }
    }
    // Operators' processing-time callbacks (periodic watermarks, processing-time windows and timers) run as
    // mailbox work: an error in them fails this task like an error while processing an element.
    const guarded = (time: ProcessingTimeService): ProcessingTimeService => ({
      now: () => time.now(),
      schedule: (delayMs, fn) => time.schedule(delayMs, () => this.guarded(fn)),
    });
    const { operatorTime } = host;
    this.chain = createOperatorChain(tdd, {
      host: {
        ...host,
        time: guarded(host.time),
        ...(operatorTime && { operatorTime: guarded(operatorTime) }),
      },
      runtimeContext,
      partitionOutputs,
    });
    this.head = this.headOf(this.chain);
  }

  /** Reserves the task's network memory, restores its state, opens the chain and runs its first turn. */
  start(): void {
    try {
      this.networkMemory.acquire();
      if (this.tdd.restoredState) this.restore(this.tdd.restoredState);
      this.transition('INITIALIZING');
      this.pool.onAvailable(() => this.scheduleTurn());
      this.host.network.onMessage((message) => this.onMessage(message));
      this.chain.open();
      for (const channel of this.channels) channel.announceInitialCredit();
      this.transition('RUNNING');
      this.scheduleTurn();
    } catch (error) {
      this.fail(error);
    }
  }

  cancel(): void {
    if (this.isTerminal()) return;
    this.stopScheduledWork();
    this.closeChainAfterAbort();
    this.transition('CANCELED');
  }

  snapshotMetrics(): TaskMetrics {
    let inUsed = 0;
    let inTotal = 0;
    for (const gate of this.gates) {
      const { used, total } = gate.usage();
      inUsed += used;
      inTotal += total;
    }
    return {
      vertexId: this.tdd.vertexId,
      subtaskIndex: this.tdd.subtaskIndex,
      recordsIn: this.recordsIn,
      recordsOut: this.chain.numRecordsOut,
      ...this.meter.perSecond(),
      inPoolUsage: inTotal === 0 ? 0 : inUsed / inTotal,
      outPoolUsage: this.pool.usage(),
      currentInputWatermark: this.currentInputWatermark,
      channels: this.partitions.flatMap((p) => p.subpartitions.map((s) => s.metrics())),
      inputChannels: this.channels.map((c) => ({ channel: c.channel, buffersConsumed: c.buffersConsumed })),
    };
  }

  inspectOperators(): ChainedOperatorInspection[] {
    return this.chain.inspect();
  }

  triggerCheckpoint(options: CheckpointOptions): void {
    this.guarded(() => {
      const id = options.checkpointId;
      if (this.head.kind !== 'source')
        throw new Error(
          `task ${this.tdd.taskName}#${this.tdd.subtaskIndex} has inputs: only source tasks are triggered, the others follow barriers`,
        );
      if (this.state !== 'RUNNING' || (this.endOfInput && !this.finalCheckpoint)) {
        return this.decline(id, `task is ${this.endOfInput ? 'finishing' : this.state}`);
      }
      const barrier: CheckpointBarrier = {
        kind: 'barrier',
        checkpointId: id,
        timestamp: options.timestamp,
        unaligned: options.unaligned && !options.savepoint,
      };
      const operators = this.snapshotAndForward(barrier);
      if (this.finalCheckpoint) this.finalCheckpoint.barrierAfterEnd ??= id;
      this.acknowledge(id, { operators, inputChannelState: [] }, 0);
    });
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.guarded(() => {
      this.chain.notifyCheckpointComplete(checkpointId);
      this.lastResolved = Math.max(this.lastResolved, checkpointId);
      const final = this.finalCheckpoint;
      if (final?.barrierAfterEnd !== undefined && checkpointId >= final.barrierAfterEnd) {
        this.finalCheckpoint = undefined;
        for (const p of this.partitions) p.finish();
      }
      if (this.endOfInput) this.completeWhenReleased();
    });
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.guarded(() => {
      if (this.head.kind === 'input') this.head.barrierHandler.abort(checkpointId);
      this.chain.notifyCheckpointAborted(checkpointId);
      if (checkpointId >= this.lastAcknowledged) this.lastResolved = Math.max(this.lastResolved, checkpointId);
      if (this.endOfInput) this.completeWhenReleased();
    });
  }

  private restore(state: TaskStateSnapshot): void {
    this.chain.initializeState(state.operators);
    for (const { channel: key, elements } of state.inputChannelState) {
      const channel = this.channelByKey.get(key);
      if (!channel)
        throw new Error(
          `restored channel state for ${key}, which is not an input channel of ${this.tdd.taskName}#${this.tdd.subtaskIndex}`,
        );
      for (const element of elements) this.restoredInput.push({ element: element as StreamElement, channel });
    }
  }

  private snapshotAndForward(barrier: CheckpointBarrier): Record<string, OperatorSubtaskState> {
    const operators = this.chain.snapshotState(barrier.checkpointId);
    for (const p of this.partitions) p.broadcastBarrier(barrier);
    return operators;
  }

  private acknowledge(checkpointId: number, state: TaskStateSnapshot, alignmentDurationMs: number): void {
    // Only a host that triggers a checkpoint it cannot take (a savepoint on a bench's host) gets here without one.
    if (!this.checkpoints) throw new Error(`checkpoint ${checkpointId}: the task's host takes no checkpoints`);
    this.lastAcknowledged = checkpointId;
    this.checkpoints.acknowledgeCheckpoint({
      checkpointId,
      state,
      alignmentDurationMs,
      stateSizeBytes: encodeTaskState(state).length,
    });
  }

  private decline(checkpointId: number, reason: string): void {
    this.checkpoints?.declineCheckpoint(checkpointId, reason);
  }

  /** Checks the chain's head against the task's inputs and builds what feeds it. */
  private headOf(chain: OperatorChain): TaskHead {
    const name = this.tdd.taskName;
    if (chain.source) {
      if (this.channels.length > 0) throw new Error(`task ${name} is headed by a source but has input gates`);
      return { kind: 'source', source: chain.source };
    }
    if (this.channels.length === 0) throw new Error(`task ${name} has no input gates and no source`);
    const channelInputs = this.channelInputsOf(chain);
    const barrierHandler = new CheckpointBarrierHandler(
      this.channels.map((c) => c.channel),
      this.tdd.jobConfig.checkpointing?.mode ?? 'EXACTLY_ONCE',
      {
        now: () => this.host.time.now(),
        snapshotAndForward: (barrier) => this.snapshotAndForward(barrier),
        acknowledge: (checkpointId, state, alignmentDurationMs) =>
          this.acknowledge(checkpointId, state, alignmentDurationMs),
        decline: (checkpointId, reason) => this.decline(checkpointId, reason),
      },
    );
    return { kind: 'input', channelInputs, barrierHandler };
  }

  /** Every channel feeds the one input of a one-input head; a two-input head's channels feed the input of their gate. */
  private channelInputsOf(chain: OperatorChain): InputHead['channelInputs'] {
    const name = this.tdd.taskName;
    if (chain.input) {
      const head = chain.input;
      const input = this.taskInput(this.channels.length, {
        processElement: (record) => head.processElement(record),
        processWatermark: (w) => head.processWatermark(w),
        processWatermarkStatus: (s) => head.processWatermarkStatus(s),
      });
      return this.channels.map((_, valveIndex) => ({ input, valveIndex }));
    }
    const head = chain.twoInput;
    if (!head) throw new Error(`task ${name} has neither a source nor an input`);
    const channelsOf = (side: 1 | 2) => this.channelInputIndex.filter((input) => input === side).length;
    const input = (side: 1 | 2): TaskInput => {
      const channels = channelsOf(side);
      if (channels === 0)
        throw new Error(`task ${name} is headed by a two-input operator but has no gate into input ${side}`);
      return side === 1
        ? this.taskInput(channels, {
            processElement: (record) => head.processElement1(record),
            processWatermark: (w) => head.processWatermark1(w),
            processWatermarkStatus: (s) => head.processWatermarkStatus1(s),
          })
        : this.taskInput(channels, {
            processElement: (record) => head.processElement2(record),
            processWatermark: (w) => head.processWatermark2(w),
            processWatermarkStatus: (s) => head.processWatermarkStatus2(s),
          });
    };
    const inputs = { 1: input(1), 2: input(2) };
    const seen = { 1: 0, 2: 0 };
    return this.channelInputIndex.map((side) => {
      if (side === undefined)
        throw new Error(`task ${name} is headed by a two-input operator but a gate names no input`);
      return { input: inputs[side], valveIndex: seen[side]++ };
    });
  }

  private taskInput(
    channels: number,
    head: Pick<OneInputStreamOperator, 'processElement' | 'processWatermark' | 'processWatermarkStatus'>,
  ): TaskInput {
    const valve = new StatusWatermarkValve(channels, {
      emitWatermark: (w) => {
        this.currentInputWatermark = this.combinedInputWatermark();
        head.processWatermark(w);
      },
      emitWatermarkStatus: (s) => head.processWatermarkStatus(s),
    });
    this.inputValves.push(valve);
    return { processElement: (record) => head.processElement(record), valve };
  }

  /** For metrics: the minimum of the inputs' watermarks (a two-input head's event time), none until each has one. */
  private combinedInputWatermark(): number | null {
    const min = Math.min(...this.inputValves.map((valve) => valve.currentWatermark));
    return min === MIN_TIMESTAMP ? null : min;
  }

  private isTerminal(): boolean {
    return isTerminalTaskState(this.state);
  }

  private transition(state: TaskExecutionState, failure?: TaskFailure): void {
    this.state = state;
    if (isTerminalTaskState(state)) this.networkMemory.release();
    this.host.reportState(state, failure);
  }

  private scheduleTurn(): void {
    if (this.cancelTurn || this.isTerminal() || this.endOfInput) return;
    this.meter.enter('busy');
    this.cancelTurn = this.host.time.schedule(0, () => {
      this.cancelTurn = undefined;
      this.guarded(() => this.runTurn());
    });
  }

  /** Runs work that may throw (user code, corrupt input) outside of which the task cannot go on. */
  private guarded(work: () => void): void {
    if (this.isTerminal()) return;
    try {
      work();
    } catch (error) {
      this.fail(error);
    }
  }

  private runTurn(): void {
    this.meter.enter('busy');
    if (this.head.kind === 'source') this.runSourceTurn(this.head.source);
    else this.runInputTurn(this.head);
  }

  private runSourceTurn(source: ChainSource): void {
    const turnStart = this.host.time.now();
    for (
      let batch = 0;
      batch < this.turnSize.sourceBatches && this.host.time.now() - turnStart < MAX_TURN_MS;
      batch++
    ) {
      if (!this.pool.isAvailable()) return this.meter.enter('backPressured');
      const status = source.emitNext(this.turnSize.sourceRecordsPerBatch);
      if (status.status === 'END_OF_INPUT') return this.finishInput();
      if (status.status === 'NOTHING_AVAILABLE') {
        this.meter.enter('idle');
        this.cancelRetry = this.host.time.schedule(status.retryAfterMs, () => {
          this.cancelRetry = undefined;
          this.scheduleTurn();
        });
        return;
      }
    }
    this.scheduleTurn();
  }

  /** Ends input in the same turn as the last element, so a turn that took the last EndOfPartition also finishes the task. */
  private runInputTurn(head: InputHead): void {
    const turnStart = this.host.time.now();
    for (let processed = 0; ;) {
      if (!this.pool.isAvailable()) return this.meter.enter('backPressured');
      const restored = this.restoredInput[0];
      if (restored) {
        if (processed === this.turnSize.inputElements) break;
        this.restoredInput.shift();
        this.processElement(restored.element, restored.channel, head);
        processed++;
        continue;
      }
      const channel = this.nextChannelWithInput(head.barrierHandler);
      if (!channel) {
        if (this.channels.every((c) => c.isFinished())) return this.finishInput();
        // A buffer arriving on any channel schedules the next turn.
        return this.meter.enter('idle');
      }
      if (processed === this.turnSize.inputElements) break;
      if (processed % CLOCK_CHECK_EVERY === CLOCK_CHECK_EVERY - 1 && this.host.time.now() - turnStart >= MAX_TURN_MS)
        break;
      const element = channel.pollNext();
      if (element) {
        this.host.stepObserver?.elementTaken(channel.channel, element);
        head.barrierHandler.onElement(element, channel.index);
        this.processElement(element, channel, head);
        processed++;
      }
    }
    this.scheduleTurn();
  }

  /** Stays on the current channel until its buffer is consumed, then moves round robin to the next with input. */
  private nextChannelWithInput(barrierHandler: CheckpointBarrierHandler): InputChannel | undefined {
    const n = this.channels.length;
    const current = this.channels[this.currentChannel];
    if (current && !current.atBufferBoundary()) return current;
    for (let i = 1; i <= n; i++) {
      const index = (this.currentChannel + i) % n;
      const channel = this.channels[index];
      if (channel?.hasInput() && !barrierHandler.isBlocked(index)) {
        this.currentChannel = index;
        return channel;
      }
    }
    return undefined;
  }

  private processElement(element: StreamElement, channel: InputChannel, head: InputHead): void {
    const { input, valveIndex } = head.channelInputs[channel.index]!;
    switch (element.kind) {
      case 'record':
        this.recordsIn++;
        input.processElement(element);
        return;
      case 'watermark':
        input.valve.inputWatermark(element, valveIndex);
        return;
      case 'watermarkStatus':
        input.valve.inputWatermarkStatus(element, valveIndex);
        return;
      case 'barrier':
        head.barrierHandler.onBarrier(element, channel.index);
        return;
      case 'endOfPartition':
        // The channel marked itself finished; the task ends once every channel has.
        head.barrierHandler.onEndOfPartition(channel.index);
        return;
    }
  }

  private onMessage(message: NetworkMessage): void {
    this.guarded(() => {
      if (message.type === 'buffer') {
        const { head } = this;
        const channel = this.channelByKey.get(message.channel);
        // Only a task with inputs has input channels.
        if (!channel || head.kind !== 'input')
          throw new Error(
            `buffer for ${message.channel}, which is not an input channel of ${this.tdd.taskName}#${this.tdd.subtaskIndex}`,
          );
        const event = channel.onBuffer(message);
        if (event?.kind === 'barrier') head.barrierHandler.onBarrierArrived(event);
        this.scheduleTurn();
      } else {
        const subpartition = this.subpartitionByKey.get(message.channel);
        if (!subpartition)
          throw new Error(
            `credit for ${message.channel}, which is not an output channel of ${this.tdd.taskName}#${this.tdd.subtaskIndex}`,
          );
        subpartition.addCredit(message.credit);
        if (this.endOfInput) this.completeWhenReleased();
      }
    });
  }

  private armBufferTimeout(): void {
    if (this.cancelFlush) return;
    this.cancelFlush = this.host.time.schedule(this.tdd.network.bufferTimeoutMs, () => {
      this.cancelFlush = undefined;
      this.guarded(() => {
        for (const p of this.partitions) p.flush();
      });
    });
  }

  /**
   * End of all input: operators flush, every channel gets EndOfPartition after the last data; with checkpointing a
   * source first waits for its final checkpoint (see finalCheckpoint).
   */
  private finishInput(): void {
    this.chain.finish();
    this.endOfInput = true;
    // A turn scheduled while this one ran (an output buffer came free) would end the ended input a second time.
    this.cancelTurn?.();
    this.cancelTurn = undefined;
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    // With checkpointing the task's host takes checkpoints (checked when the task was built).
    const responder = this.tdd.jobConfig.checkpointing ? this.checkpoints : undefined;
    const awaitFinalCheckpoint = this.head.kind === 'source' && responder !== undefined;
    if (awaitFinalCheckpoint) {
      this.finalCheckpoint = { barrierAfterEnd: undefined };
      responder.awaitFinalCheckpoint();
    }
    for (const p of this.partitions) {
      p.flush();
      if (!awaitFinalCheckpoint) p.finish();
    }
    this.meter.enter('backPressured');
    this.completeWhenReleased();
  }

  /** FINISHED once every queued buffer has left under credit (Flink's task waits for its partitions too). */
  private completeWhenReleased(): void {
    if (this.finalCheckpoint || !this.partitions.every((p) => p.isReleased())) return;
    // What the last acknowledged checkpoint covers is committed only when it completes: a task ends after that.
    if (this.lastAcknowledged > this.lastResolved) return;
    this.chain.close();
    this.meter.enter('idle');
    this.transition('FINISHED');
  }

  private fail(error: unknown): void {
    if (this.isTerminal()) return;
    this.stopScheduledWork();
    this.closeChainAfterAbort();
    this.transition('FAILED', taskFailureOf(error));
  }

  private stopScheduledWork(): void {
    for (const cancel of [this.cancelTurn, this.cancelFlush, this.cancelRetry]) cancel?.();
    this.cancelTurn = this.cancelFlush = this.cancelRetry = undefined;
  }

  /** Releases operator resources after cancel or failure; the first error already decided the task's fate. */
  private closeChainAfterAbort(): void {
    try {
      this.chain.close();
    } catch {
      // close() after an abort only releases timers; a second error would hide the first.
    }
  }
}
