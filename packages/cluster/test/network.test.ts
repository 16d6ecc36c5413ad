/**
 * The network stack on a real cluster (2 TaskManager processes × 3 slots, tasks on worker threads, TCP between
 * the TaskManagers): credit-based flow control checked message by message (§4 Credit-based flow control),
 * backpressure from a slow sink (§4 Backpressure), every partitioner keeping every record exactly once with random
 * parallelism (§3 Partitioners), and the buffer timeout.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTITIONERS, type JobGraph, type Partitioner } from '@sluice/model';
import type { TaskManagerInfo } from '@sluice/protocol';
import { LocalCluster } from '../src/index.js';
import {
  edge,
  EventRecorder,
  jobGraph,
  multiset,
  operator,
  runToCompletion,
  submitStuckJob,
  until,
} from './harness.js';

const traceDirectory = mkdtempSync(join(tmpdir(), 'sluice-network-trace-'));
let cluster: LocalCluster;
let recorder: EventRecorder;
beforeAll(async () => {
  cluster = await LocalCluster.start({
    taskManagers: 2,
    slotsPerTaskManager: 3,
    networkTraceDirectory: traceDirectory,
  });
  recorder = new EventRecorder(cluster);
});
afterAll(() => cluster?.shutdown());

const withConfig = (graph: JobGraph, config: JobGraph['config']): JobGraph => ({ ...graph, config });

interface TraceEntry {
  dir: 'out' | 'in';
  jobId: string;
  channel: string;
  type: 'buffer' | 'credit';
  credit?: number;
  event?: boolean;
}

/** Every TaskManager's network trace for one job, per TaskManager, in the order its main thread saw them. */
function traceOf(jobId: string): Map<string, TraceEntry[]> {
  const traces = new Map<string, TraceEntry[]>();
  for (const file of readdirSync(traceDirectory)) {
    const entries = readFileSync(join(traceDirectory, file), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as TraceEntry)
      .filter((entry) => entry.jobId === jobId);
    traces.set(file.replace('.ndjson', ''), entries);
  }
  return traces;
}

/**
 * Replays one side's view of each channel: credit granted minus data buffers. `creditDir` is the direction
 * credit takes on that side ('out' at the consumer, 'in' at the producer). Returns per channel the lowest and
 * highest balance seen and the number of data buffers.
 */
function creditBalances(
  entries: TraceEntry[],
  creditDir: 'out' | 'in',
): Map<string, { min: number; max: number; buffers: number }> {
  const balances = new Map<string, { balance: number; min: number; max: number; buffers: number }>();
  for (const entry of entries) {
    const isCredit = entry.type === 'credit' && entry.dir === creditDir;
    const isData = entry.type === 'buffer' && entry.dir !== creditDir && !entry.event;
    if (!isCredit && !isData) continue;
    const b = balances.get(entry.channel) ?? { balance: 0, min: 0, max: 0, buffers: 0 };
    if (isCredit) b.balance += entry.credit!;
    else {
      b.balance -= 1;
      b.buffers++;
    }
    b.min = Math.min(b.min, b.balance);
    b.max = Math.max(b.max, b.balance);
    balances.set(entry.channel, b);
  }
  return new Map([...balances].map(([channel, { min, max, buffers }]) => [channel, { min, max, buffers }]));
}

const totalReserved = (taskManagers: TaskManagerInfo[]): number =>
  taskManagers.reduce((n, tm) => n + (tm.metrics?.bufferPool.reservedBytes ?? 0), 0);

describe('the network stack on a real cluster', () => {
  it("credit is never negative and never more than the receiver's buffers, on every channel across TaskManagers (§4)", async () => {
    const buffersPerChannel = 2;
    const floatingBuffersPerGate = 3;
    const job = cluster.submitJob(
      withConfig(
        jobGraph(
          'credit trace',
          [
            operator('src', 'source.sequence', 2, { from: 1, to: 30_000 }),
            operator('slow', 'map', 2, { fn: 'v => v' }, { slowdownMs: 0.02 }),
            operator('drop', 'sink.discard', 2),
          ],
          [edge('src', 'slow', 'hash', 'v => v % 97'), edge('slow', 'drop')],
        ),
        { bufferSizeBytes: 256, buffersPerChannel, floatingBuffersPerGate },
      ),
    );
    const details = await job.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expect(details.subtasks.filter((s) => s.vertexId === 'slow').reduce((n, s) => n + s.recordsIn, 0)).toBe(30_000);

    const traces = traceOf(job.jobId);
    let crossChannels = 0;
    for (const entries of traces.values()) {
      // At the consumer: a buffer never arrives without a credit the consumer sent before it, and the credit
      // outstanding never exceeds the buffers it owns (exclusive + at most the gate's floating buffers).
      for (const [channel, { min, max, buffers }] of creditBalances(entries, 'out')) {
        expect(min, channel).toBeGreaterThanOrEqual(0);
        expect(max, channel).toBeLessThanOrEqual(buffersPerChannel + floatingBuffersPerGate);
        if (buffers > 0) crossChannels++;
      }
      // At the producer: it never has sent more data buffers than the credit that reached it.
      for (const [channel, { min }] of creditBalances(entries, 'in')) expect(min, channel).toBeGreaterThanOrEqual(0);
    }
    // Subtask 0 runs on one TaskManager and subtask 1 on the other: channels 0>1 and 1>0 crossed TCP, each
    // carrying many more buffers than its initial credit, so credit was granted again and again.
    expect(crossChannels).toBe(2);
    const consumerSide = [...traces.values()].flatMap((entries) => [...creditBalances(entries, 'out').values()]);
    expect(
      consumerSide.every(({ buffers }) => buffers === 0 || buffers > 10 * (buffersPerChannel + floatingBuffersPerGate)),
    ).toBe(true);
    // The producers' own view of credit, in every metrics report, stayed within the same bounds.
    const channels = recorder.of('metrics', job.jobId).flatMap((event) => event.channels);
    expect(channels.length).toBeGreaterThan(0);
    for (const channel of channels) {
      expect(channel.credit).toBeGreaterThanOrEqual(0);
      expect(channel.credit).toBeLessThanOrEqual(buffersPerChannel + floatingBuffersPerGate);
    }
  });

  it("a sink 100× slower than its source: the source emits at the sink's rate, is HIGH, and memory stays within the buffer pools (§4 Backpressure)", async () => {
    const bufferSizeBytes = 1024;
    const job = cluster.submitJob(
      withConfig(
        jobGraph(
          'slow sink',
          [
            operator('gen', 'source.datagen', 1, { ratePerSecond: 100_000, keys: 10, maxOutOfOrdernessMs: 0, seed: 1 }),
            operator('sink', 'sink.discard', 1, undefined, { slowdownMs: 1 }),
          ],
          [edge('gen', 'sink', 'rebalance')],
        ),
        { bufferSizeBytes },
      ),
    );
    const latest = () => {
      const events = recorder.of('metrics', job.jobId);
      const subtasks = events.flatMap((event) => event.subtasks);
      const last = (vertexId: string) => subtasks.filter((s) => s.vertexId === vertexId).at(-1);
      return { gen: last('gen'), sink: last('sink'), channel: events.at(-1)?.channels.at(-1) };
    };
    await until(
      () => (latest().gen?.backPressuredMsPerSecond ?? 0) > 500 && (latest().sink?.recordsIn ?? 0) > 1500,
      15_000,
    );
    const taskManagers = cluster.taskManagers();
    const { gen, sink, channel } = latest();
    const backPressure = job.backPressure('gen')!;
    await cluster.cancelJob(job.jobId);

    // Upstream is backpressured most of the time (HIGH, §4 Backpressure), the sink busy with its 1 ms per record.
    expect(backPressure.backpressureLevel).toBe('high');
    expect(backPressure.subtasks[0]!.ratio).toBeGreaterThan(0.5);
    expect(sink!.busyMsPerSecond).toBeGreaterThan(800);
    // The channel is full: the producer's queue holds a backlog, and the buffers in flight (sent, not yet read)
    // are the sink's buffers, 2 exclusive + 8 floating, give or take what the two snapshots' 50 ms apart moved.
    expect(channel).toMatchObject({ sourceVertexId: 'gen', targetVertexId: 'sink' });
    expect(channel!.backlog).toBeGreaterThan(0);
    expect(channel!.buffersInFlight).toBeGreaterThanOrEqual(5);
    expect(channel!.buffersInFlight).toBeLessThanOrEqual(2 + 8 + 3);
    // At 100,000 records/s the source would have emitted hundreds of thousands of records by now; it emitted
    // only what the sink took plus what the buffers between them hold.
    const inFlight = gen!.recordsOut - sink!.recordsIn;
    const buffersBetween = 1 * 2 + 8 + 1 + (2 + 8); // output pool (+1 overdraft) + the sink's exclusive and floating buffers
    expect(inFlight).toBeLessThanOrEqual(buffersBetween * (bufferSizeBytes / 20));
    expect(gen!.recordsOut).toBeLessThan(sink!.recordsIn + buffersBetween * (bufferSizeBytes / 20));
    // Memory: the TaskManagers hold exactly the two tasks' reservations, and no more buffers than that hold data.
    expect(totalReserved(taskManagers)).toBe((1 * 2 + 8 + (2 + 8)) * bufferSizeBytes);
    // The one excess allowed is the overdraft of a source batch already being written when the pool ran out
    // (JS cannot block mid-batch): 64 datagen records of under 64 bytes each, plus the buffer they started in.
    const overdraftBytes = (Math.ceil((64 * 64) / bufferSizeBytes) + 1) * bufferSizeBytes;
    for (const tm of taskManagers)
      expect(tm.metrics!.bufferPool.bytesInUse).toBeLessThanOrEqual(
        tm.metrics!.bufferPool.reservedBytes + overdraftBytes,
      );
    // Canceled, the tasks give their network memory back.
    await until(() => totalReserved(cluster.taskManagers()) === 0, 5_000);
  });

  it('a task whose thread had to be stopped still gives its network memory back', async () => {
    const job = await submitStuckJob(cluster, recorder);
    await until(() => totalReserved(cluster.taskManagers()) > 0);
    await cluster.cancelJob(job.jobId);
    await until(
      () =>
        totalReserved(cluster.taskManagers()) === 0 &&
        cluster.taskManagers().every((tm) => tm.metrics!.bufferPool.bytesInUse === 0),
    );
  });

  it('every partitioner keeps every record exactly once across TaskManagers, with random parallelism (§3 Partitioners)', async () => {
    const records = 300;
    const values = Array.from({ length: records }, (_, i) => i + 1);
    const job = fc
      .record({
        source: fc.integer({ min: 1, max: 3 }),
        target: fc.integer({ min: 1, max: 3 }),
        partitioner: fc.constantFrom(...PARTITIONERS),
      })
      .filter(({ source, target, partitioner }) => partitioner !== 'forward' || source === target);
    await fc.assert(
      fc.asyncProperty(
        job,
        async ({ source, target, partitioner }: { source: number; target: number; partitioner: Partitioner }) => {
          const details = await runToCompletion(
            cluster,
            jobGraph(
              `${partitioner} ${source}→${target}`,
              [
                operator('src', 'source.sequence', source, { from: 1, to: records }),
                operator(
                  'tag',
                  'map',
                  target,
                  { fn: '(v, ctx) => ({ v, dst: ctx.subtaskIndex })' },
                  { chaining: 'HEAD' },
                ),
                operator('out', 'sink.collect', 1),
              ],
              [
                edge('src', 'tag', partitioner, partitioner === 'hash' ? 'v => v' : undefined),
                edge('tag', 'out', 'rebalance'),
              ],
            ),
          );
          const out = details.sinks.out as { v: number; dst: number }[];
          if (partitioner === 'broadcast') {
            for (let dst = 0; dst < target; dst++)
              expect(multiset(out.filter((r) => r.dst === dst).map((r) => r.v))).toEqual(multiset(values));
            expect(out).toHaveLength(records * target);
          } else {
            expect(multiset(out.map((r) => r.v))).toEqual(multiset(values));
          }
        },
      ),
      { numRuns: 8, seed: 20261125 },
    );
  }, 120_000);

  it('the buffer timeout sends a lone record after the timeout, and at once with timeout 0', async () => {
    const latencyWith = async (bufferTimeoutMs: number): Promise<number> => {
      const job = cluster.submitJob(
        withConfig(
          jobGraph(
            `buffer timeout ${bufferTimeoutMs}`,
            [
              // A record every 2 s: the second one finds every task running, and only the buffer timeout sends its buffer.
              operator('src', 'source.sequence', 1, { from: 1, ratePerSecond: 0.5 }),
              operator('stamp', 'map', 1, { fn: 'v => ({ v, sentAt: Date.now() })' }),
              operator('receive', 'map', 1, { fn: 'r => ({ ...r, receivedAt: Date.now() })' }),
              operator('out', 'sink.collect', 1),
            ],
            [edge('src', 'stamp'), edge('stamp', 'receive', 'rebalance'), edge('receive', 'out')],
          ),
          { bufferTimeoutMs },
        ),
      );
      const received = () =>
        recorder.of('sink.records', job.jobId).flatMap((event) => event.values) as {
          v: number;
          sentAt: number;
          receivedAt: number;
        }[];
      await until(() => received().length >= 2, 15_000);
      await cluster.cancelJob(job.jobId);
      const second = received()[1]!;
      expect(second.v).toBe(2);
      return second.receivedAt - second.sentAt;
    };
    const timed = await latencyWith(400);
    // The timer is armed when the record is written and flushes its buffer when it fires.
    expect(timed).toBeGreaterThanOrEqual(395);
    expect(timed).toBeLessThan(400 + 250);
    expect(await latencyWith(0)).toBeLessThan(100);
  });
});
