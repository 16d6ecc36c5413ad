/**
 * An idle partition holds back the watermark (§5 Per-channel valve): one subtask of the source has no data, so
 * its watermark never advances and the window downstream, taking the minimum over its channels, cannot fire
 * until the end of input. `idlenessMs` on the watermarks operator ([GW] withIdleness) marks that subtask idle,
 * and an idle channel leaves the minimum.
 */
import type { ExampleJob } from './example-job.js';

export const idlePartition: ExampleJob = {
  id: 'idle-partition',
  title: { en: 'An idle partition holds back the watermark', zh: '空闲分区拖住水位线' },
  description: {
    en: 'A source with two subtasks emits 1..30, 5 records per second each: subtask 0 emits 1..15, subtask 1 emits 16..30, but the filter keeps only 1..15, so partition 1 carries no records at all, like a Kafka partition nobody writes to. Its watermark never advances, and the window (count per 500 ms of event time, timestamp = value × 100) sees the minimum of both partitions: nothing fires until the source ends after 3 seconds. To fix it, select the operator "watermarks" and set idlenessMs to 500: after 500 ms without records, partition 1 is marked idle, leaves the minimum, and each window fires as soon as partition 0\'s watermark passes its end. The results are the same either way; only when they come changes.',
    zh: '一个有两个子任务的数据源发出 1..30，每个子任务每秒 5 条：子任务 0 发出 1..15，子任务 1 发出 16..30，但过滤器只保留 1..15，所以分区 1 完全没有记录，就像没人写入的 Kafka 分区。它的水位线永远不前进，而窗口（按事件时间每 500 毫秒计数，时间戳 = 值 × 100）看到的是两个分区的最小值：直到 3 秒后数据源结束，什么都不会触发。修复方法：选中算子 "watermarks"，把 idlenessMs 设为 500：500 毫秒没有记录后，分区 1 被标记为空闲，退出最小值计算，每个窗口在分区 0 的水位线越过其结束时间时立即触发。两种情况下结果相同，只是产生的时间不同。',
  },
  jobGraph: {
    version: 1,
    name: 'idle partition',
    operators: [
      {
        id: 'source',
        kind: 'source.sequence',
        name: 'Source (2 partitions)',
        parallelism: 2,
        params: { from: 1, to: 30, ratePerSecond: 10 },
        position: { x: 0, y: 120 },
      },
      {
        id: 'only-partition-0',
        kind: 'filter',
        name: 'Keep 1..15',
        parallelism: 2,
        params: { fn: '(v, ctx) => v <= 15' },
        position: { x: 260, y: 120 },
      },
      {
        id: 'watermarks',
        kind: 'watermarks',
        name: 'Watermarks',
        parallelism: 2,
        params: { strategy: 'monotonous', timestamp: '(v, previous) => v * 100', emit: 'perRecord' },
        position: { x: 520, y: 120 },
      },
      {
        id: 'window',
        kind: 'window',
        name: 'Tumbling 500 ms, count',
        parallelism: 1,
        params: { assigner: { type: 'tumbling', sizeMs: 500, time: 'event' }, aggregate: { count: true } },
        position: { x: 780, y: 120 },
      },
      { id: 'counts', kind: 'sink.collect', name: 'Counts', parallelism: 1, position: { x: 1040, y: 120 } },
    ],
    edges: [
      { source: 'source', target: 'only-partition-0', partitioner: 'forward' },
      { source: 'only-partition-0', target: 'watermarks', partitioner: 'forward' },
      { source: 'watermarks', target: 'window', partitioner: 'hash', key: "v => 'all'" },
      { source: 'window', target: 'counts', partitioner: 'forward' },
    ],
  },
  expectedSinkRecords: {
    counts: [
      { key: 'all', start: 0, end: 500, value: 4 },
      { key: 'all', start: 500, end: 1000, value: 5 },
      { key: 'all', start: 1000, end: 1500, value: 5 },
      { key: 'all', start: 1500, end: 2000, value: 1 },
    ],
  },
};
