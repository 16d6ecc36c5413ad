/**
 * Flink's OperatorChain: the operators of one task, wired head to tail. Built from the TaskDeploymentDescriptor:
 * the chain's operators (head first), the forward edges between them, and one Output per result partition that
 * the StreamTask provides (its RecordWriters).
 */
import type { OperatorSubtaskState, TaskStateSnapshot } from '../checkpoint/task-state-snapshot.js';
import {
  keepRecordValuesGeneral,
  type StreamRecord,
  type Watermark,
  type WatermarkStatus,
} from '../elements/stream-element.js';
import type { RuntimeContext } from '../functions/user-function.js';
import type { TaskDeploymentDescriptor } from '../task/deployment.js';
import type { TaskHost } from '../task/host.js';
import { SimpleCounter } from '../metrics/simple-counter.js';
import { observedOutput } from '../task/step-observer.js';
import { giveOwnCode } from '../util/own-code.js';
import { chainOutputFor } from './chain-output.js';
import { createStreamOperator, type ChainedOperator } from './operator-factory.js';
import { withSlowdown } from './slowdown.js';
import type {
  InputStatus,
  OneInputStreamOperator,
  OperatorInspection,
  Output,
  StreamOperator,
  TwoInputStreamOperator,
} from './stream-operator.js';

export type { InputStatus, OperatorInspection, Output } from './stream-operator.js';

/** One operator of the chain as the step view sees it. */
export interface ChainedOperatorInspection extends OperatorInspection {
  operatorId: string;
}

export interface OperatorChainServices {
  /** For sinks (emitSinkRecords, print) and processing time. */
  host: TaskHost;
  runtimeContext: RuntimeContext;
  /** One Output per ResultPartitionDescriptor of the TDD, by edgeIndex, provided by the StreamTask (RecordWriter). */
  partitionOutputs: ReadonlyMap<number, Output>;
}

export interface OperatorChain {
  /** For a chain headed by a source: emits a small batch per call, then returns. */
  readonly source?: { emitNext(maxRecords?: number): InputStatus };
  /** For a chain headed by a one-input operator: where the task pushes every input element (all gates feed it). */
  readonly input?: {
    processElement(record: StreamRecord): void;
    processWatermark(watermark: Watermark): void;
    processWatermarkStatus(status: WatermarkStatus): void;
  };
  /** For a chain headed by a two-input operator: the gates of input 1 feed its first input, those of input 2 its second. */
  readonly twoInput?: TwoInputStreamOperator;
  /** Restored state, before open(): each operator gets its own (an operator without state refuses any). */
  initializeState(operators: TaskStateSnapshot['operators']): void;
  /** The state of every stateful operator of the chain at checkpoint n, by operator id. */
  snapshotState(checkpointId: number): Record<string, OperatorSubtaskState>;
  notifyCheckpointComplete(checkpointId: number): void;
  notifyCheckpointAborted(checkpointId: number): void;
  /** Opens operators tail-first, so no operator emits into one that is not open yet. */
  open(): void;
  /** End of input: head-first, each operator flushes what it holds back into its still-open successors. */
  finish(): void;
  /** Releases timers and resources; also called on cancel or failure. */
  close(): void;
  /** Records that left the chain: one per record per result partition it went into, or sink it reached. */
  readonly numRecordsOut: number;
  /** Timers and open windows of every operator, head first (empty for operators that hold none). */
  inspect(): ChainedOperatorInspection[];
}

export function createOperatorChain(tdd: TaskDeploymentDescriptor, services: OperatorChainServices): OperatorChain {
  keepRecordValuesGeneral();
  const head = tdd.operators[0];
  if (!head) throw new Error(`task "${tdd.taskName}": the chain has no operators`);
  const recordsOut = new SimpleCounter();

  // Tail first: an operator's Output needs its successors to exist.
  const built = new Map<string, ChainedOperator>();
  for (const spec of [...tdd.operators].reverse()) {
    const successors: OneInputStreamOperator[] = [];
    const sideOutputSuccessors = new Map<string, OneInputStreamOperator[]>();
    for (const edge of tdd.chainedEdges.filter((e) => e.source === spec.id)) {
      const successor = inputOperator(built.get(edge.target), edge.target, spec.id);
      if (edge.sideOutput === undefined) successors.push(successor);
      else sideOutputSuccessors.set(edge.sideOutput, [...(sideOutputSuccessors.get(edge.sideOutput) ?? []), successor]);
    }
    const chainOutput = chainOutputFor(
      { successors, sideOutputSuccessors, ...partitionsOf(spec.id, tdd, services.partitionOutputs) },
      recordsOut,
    );
    // The step mode sees every emission of every operator (a source's record, a window's firing), chained or not.
    const observer = services.host.stepObserver;
    const output = observer ? observedOutput(spec.id, chainOutput, observer) : chainOutput;
    const operator = withSlowdown(spec, output, (out) =>
      createStreamOperator(spec, out, { tdd, host: services.host, runtimeContext: services.runtimeContext }),
    );
    built.set(
      spec.id,
      operator.role === 'sink'
        ? { ...operator, operator: new CountingSinkInput(operator.operator, recordsOut) }
        : operator,
    );
  }

  const headOperator = built.get(head.id) as ChainedOperator;
  const operators: StreamOperator[] = tdd.operators.map((spec) => (built.get(spec.id) as ChainedOperator).operator);
  const chained = new Set(tdd.chainedEdges.map((edge) => edge.target));
  for (const spec of tdd.operators) {
    if (spec !== head && !chained.has(spec.id))
      throw new Error(`operator "${spec.id}": not connected to the chain's head "${head.id}"`);
  }
  if (chained.has(head.id)) throw new Error(`operator "${head.id}": the chain's head cannot have a chained input`);
  const checkpointed = tdd.operators.flatMap((spec) => {
    const state = built.get(spec.id)?.checkpointed;
    return state ? [{ id: spec.id, state }] : [];
  });

  return {
    ...chainHead(headOperator),
    initializeState: (restored) => {
      for (const [id, state] of Object.entries(restored)) {
        const operator = checkpointed.find((c) => c.id === id);
        if (operator) operator.state.initializeState(state);
        else if (state.keyedState.length > 0 || state.operatorState.length > 0) {
          throw new Error(
            `restored state for operator "${id}", which is not a stateful operator of this chain (${tdd.operators.map((o) => o.id).join(', ')})`,
          );
        }
      }
    },
    snapshotState: (checkpointId) =>
      Object.fromEntries(checkpointed.map(({ id, state }) => [id, state.snapshotState(checkpointId)])),
    notifyCheckpointComplete: (checkpointId) =>
      checkpointed.forEach(({ state }) => state.notifyCheckpointComplete?.(checkpointId)),
    notifyCheckpointAborted: (checkpointId) =>
      checkpointed.forEach(({ state }) => state.notifyCheckpointAborted?.(checkpointId)),
    open: () => [...operators].reverse().forEach((operator) => operator.open()),
    finish: () => operators.forEach((operator) => operator.finish()),
    close: () => closeAll(operators),
    get numRecordsOut() {
      return recordsOut.count;
    },
    inspect: () =>
      tdd.operators.map((spec, i) => ({
        operatorId: spec.id,
        ...(operators[i]?.inspect?.() ?? { timers: [], windows: [] }),
      })),
  };
}

function chainHead(head: ChainedOperator): Pick<OperatorChain, 'source' | 'input' | 'twoInput'> {
  if (head.role === 'source') return { source: head.operator };
  if (head.role === 'twoInput') return { twoInput: head.operator };
  return { input: head.operator };
}

function inputOperator(
  target: ChainedOperator | undefined,
  targetId: string,
  sourceId: string,
): OneInputStreamOperator {
  if (!target)
    throw new Error(`chained edge "${sourceId}" -> "${targetId}": "${targetId}" is not a later operator of this chain`);
  if (target.role === 'source') throw new Error(`chained edge "${sourceId}" -> "${targetId}": a source has no input`);
  // §1: a two-input operator reads two edges, so it heads its own chain.
  if (target.role === 'twoInput')
    throw new Error(`chained edge "${sourceId}" -> "${targetId}": a two-input operator heads its own chain`);
  return target.operator;
}

function partitionsOf(operatorId: string, tdd: TaskDeploymentDescriptor, outputs: ReadonlyMap<number, Output>) {
  const partitions: Output[] = [];
  const sideOutputs = new Map<string, Output[]>();
  for (const partition of tdd.resultPartitions.filter((p) => p.sourceOperator === operatorId)) {
    const output = outputs.get(partition.edgeIndex);
    if (!output) throw new Error(`result partition of edge ${partition.edgeIndex}: the task provided no Output for it`);
    if (partition.sideOutput === undefined) partitions.push(output);
    else sideOutputs.set(partition.sideOutput, [...(sideOutputs.get(partition.sideOutput) ?? []), output]);
  }
  return { partitions, sideOutputs };
}

/**
 * Records reaching a sink have left the chain as surely as those written to a partition. A class rather than an
 * object of closures: every record into a sink passes here, and its processElement is code of its own
 * (giveOwnCode), so V8 inlines the sink into it.
 */
class CountingSinkInput implements OneInputStreamOperator {
  /** `declare`d and set in the constructor, so V8 takes them for constants (see giveOwnCode). */
  declare private readonly sink: OneInputStreamOperator;
  declare private readonly recordsOut: SimpleCounter;

  constructor(sink: OneInputStreamOperator, recordsOut: SimpleCounter) {
    this.sink = sink;
    this.recordsOut = recordsOut;
    giveOwnCode(this, 'processElement');
  }

  processElement(record: StreamRecord): void {
    this.recordsOut.inc(1);
    this.sink.processElement(record);
  }

  processWatermark(watermark: Watermark): void {
    this.sink.processWatermark(watermark);
  }

  processWatermarkStatus(status: WatermarkStatus): void {
    this.sink.processWatermarkStatus(status);
  }

  open(): void {
    this.sink.open();
  }

  finish(): void {
    this.sink.finish();
  }

  close(): void {
    this.sink.close();
  }
}

/** Every operator gets its close(), even when one before it throws; the first error is rethrown. */
function closeAll(operators: readonly StreamOperator[]): void {
  const errors: unknown[] = [];
  for (const operator of operators) {
    try {
      operator.close();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
