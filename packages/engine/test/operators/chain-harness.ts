/**
 * Test doubles for unit tests of operator chains: a TaskHost with manual processing time, and Outputs that
 * record what a RecordWriter would have been given. Nothing of our own is mocked beyond the task's side of the seam.
 */
import type { OperatorSpec, Partitioner } from '@sluice/model';
import type { StreamRecord, Watermark, WatermarkStatus } from '../../src/elements/stream-element.js';
import type { RuntimeContext } from '../../src/functions/user-function.js';
import { createOperatorChain, type OperatorChain } from '../../src/operators/operator-chain.js';
import type { InputStatus, Output } from '../../src/operators/stream-operator.js';
import type { ResultPartitionDescriptor, TaskDeploymentDescriptor } from '../../src/task/deployment.js';
import type { ProcessingTimeService, TaskHost } from '../../src/task/host.js';
import { runtimeContextOf } from '../../src/task/stream-task.js';

export type Emitted = StreamRecord | Watermark | WatermarkStatus | { kind: 'side'; tag: string; record: StreamRecord };

/**
 * What a RecordWriter would have received, in order. A RecordWriter serializes a record the moment it gets it,
 * and the chain may then reuse the record object (a map carries its result on in it), so this keeps a copy.
 */
export class RecordingOutput implements Output {
  readonly emitted: Emitted[] = [];
  collect(record: StreamRecord): void {
    this.emitted.push(structuredClone(record));
  }
  collectSideOutput(tag: string, record: StreamRecord): void {
    this.emitted.push({ kind: 'side', tag, record: structuredClone(record) });
  }
  emitWatermark(watermark: Watermark): void {
    this.emitted.push(watermark);
  }
  emitWatermarkStatus(status: WatermarkStatus): void {
    this.emitted.push(status);
  }
  get values(): unknown[] {
    return this.records.map((r) => r.value);
  }
  get records(): StreamRecord[] {
    return this.emitted.filter((e): e is StreamRecord => e.kind === 'record');
  }
}

/** Processing time that moves only when the test says so. */
export class ManualTime implements ProcessingTimeService {
  private current = 0;
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  now(): number {
    return this.current;
  }
  schedule(delayMs: number, fn: () => void): () => void {
    const timer = { at: this.current + delayMs, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
  advance(ms: number): void {
    this.current += ms;
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.current).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => !due.includes(t) && !t.cancelled);
    for (const timer of due) timer.fn();
  }
}

export class TestHost implements TaskHost {
  readonly time = new ManualTime();
  readonly printed: string[] = [];
  /** Each emitSinkRecords call, in order. */
  readonly sinkBatches: { operatorId: string; values: unknown[] }[] = [];
  readonly network = {
    send: () => {
      throw new Error('operators never touch the network');
    },
    onMessage: () => {},
  };
  reportState(): void {}
  emitSinkRecords(operatorId: string, values: unknown[]): void {
    this.sinkBatches.push({ operatorId, values: [...values] });
  }
  print(line: string): void {
    this.printed.push(line);
  }
  sinkValues(operatorId: string): unknown[] {
    return this.sinkBatches.filter((b) => b.operatorId === operatorId).flatMap((b) => b.values);
  }
}

export interface ChainSpec {
  operators: (Pick<OperatorSpec, 'id' | 'kind'> & { params?: Record<string, unknown> })[];
  chainedEdges?: { source: string; target: string; sideOutput?: string }[];
  /** Partitions leaving the chain: from which operator, optionally as a side output. */
  partitions?: { sourceOperator: string; sideOutput?: string; partitioner?: Partitioner }[];
  /** The key selector of a hash edge into the chain's head. */
  key?: string;
  subtaskIndex?: number;
  parallelism?: number;
  maxParallelism?: number;
  autoWatermarkIntervalMs?: number;
}

export interface TestChain {
  chain: OperatorChain;
  host: TestHost;
  /** One recording Output per partition, in the order of ChainSpec.partitions. */
  partitions: RecordingOutput[];
  context: RuntimeContext;
}

export function chainTdd(spec: ChainSpec): TaskDeploymentDescriptor {
  const parallelism = spec.parallelism ?? 1;
  const subtaskIndex = spec.subtaskIndex ?? 0;
  const maxParallelism = spec.maxParallelism ?? 128;
  const location = { taskManagerId: 'tm-1', slotIndex: 0 };
  const resultPartitions: ResultPartitionDescriptor[] = (spec.partitions ?? []).map((p, edgeIndex) => ({
    edgeIndex,
    sourceOperator: p.sourceOperator,
    targetVertexId: `downstream-${edgeIndex}`,
    partitioner: p.partitioner ?? 'forward',
    ...(p.sideOutput === undefined ? {} : { sideOutput: p.sideOutput }),
    consumerParallelism: 1,
    consumerMaxParallelism: 128,
    consumers: [{ subtaskIndex: 0, location }],
  }));
  return {
    jobId: 'job-1',
    attemptNumber: 0,
    vertexId: 'v1',
    taskName: spec.operators.map((o) => o.id).join(' -> '),
    subtaskIndex,
    parallelism,
    maxParallelism,
    location,
    operators: spec.operators.map((o) => ({ ...o, parallelism, params: o.params ?? {} })),
    chainedEdges: spec.chainedEdges ?? [],
    inputGates:
      spec.key === undefined
        ? []
        : [
            {
              edgeIndex: 99,
              sourceVertexId: 'upstream',
              partitioner: 'hash',
              key: spec.key,
              producers: [{ subtaskIndex: 0, location }],
            },
          ],
    resultPartitions,
    jobConfig:
      spec.autoWatermarkIntervalMs === undefined ? {} : { autoWatermarkIntervalMs: spec.autoWatermarkIntervalMs },
    network: { bufferSizeBytes: 32 * 1024, bufferTimeoutMs: 100, buffersPerChannel: 2, floatingBuffersPerGate: 8 },
  };
}

export function testChain(spec: ChainSpec): TestChain {
  const tdd = chainTdd(spec);
  const host = new TestHost();
  const partitions = tdd.resultPartitions.map(() => new RecordingOutput());
  const context = runtimeContextOf(tdd);
  const partitionOutputs = new Map(tdd.resultPartitions.map((p, i) => [p.edgeIndex, partitions[i] as Output]));
  const chain = createOperatorChain(tdd, { host, runtimeContext: context, partitionOutputs });
  return { chain, host, partitions, context };
}

/** Drives a source chain to its end as the StreamTask would; returns every status emitNext returned. */
export function runSource(chain: OperatorChain): InputStatus[] {
  const source = chain.source;
  if (!source) throw new Error('not a source chain');
  const statuses: InputStatus[] = [];
  chain.open();
  for (let calls = 0; calls < 100_000; calls++) {
    const status = source.emitNext();
    statuses.push(status);
    if (status.status === 'END_OF_INPUT') {
      chain.finish();
      chain.close();
      return statuses;
    }
  }
  throw new Error('the source never ended');
}

/** Pushes values through a non-source chain, then ends its input as the StreamTask would. */
export function runInput(chain: OperatorChain, records: StreamRecord[], endOfEventTime = true): void {
  const input = chain.input;
  if (!input) throw new Error('not an input chain');
  chain.open();
  for (const r of records) input.processElement(r);
  if (endOfEventTime) input.processWatermark({ kind: 'watermark', timestamp: Number.POSITIVE_INFINITY });
  chain.finish();
  chain.close();
}
