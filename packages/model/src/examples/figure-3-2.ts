/**
 * The seed's figure 3-2: D reads B and C through a union input gate (Flink's union is virtual: the consumer of
 * `b.union(c)` reads both, §1 rule 1 keeps it out of their chains). Its largest parallelism is 4,
 * so it needs 4 slots (§2 Slot sharing), and its rate-limited sources keep it running about 3 seconds, long
 * enough to watch the 4 slots taken in the cluster panel.
 */
import type { ExampleJob } from './example-job.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const figure32: ExampleJob = {
  id: 'figure-3-2',
  title: { en: 'Figure 3-2: one operator reads two streams', zh: '图 3-2：一个算子读取两条流' },
  description: {
    en: 'A (sequence 1..120, p4) → B (map ×2, p4) and C (sequence 1001..1060, p2) both feed D (map, p4), which reads them through one union input gate and feeds the sink E (p2). Sources emit 40 and 20 records per second, so the job runs about 3 seconds on 4 slots.',
    zh: 'A（序列 1..120，并行度 4）→ B（乘 2 的 map，并行度 4），与 C（序列 1001..1060，并行度 2）都流入 D（map，并行度 4），D 经一个 union 输入门读取两者，再写入 sink E（并行度 2）。数据源每秒分别发出 40 和 20 条记录，作业在 4 个 slot 上运行约 3 秒。',
  },
  jobGraph: {
    version: 1,
    name: 'figure 3-2',
    operators: [
      {
        id: 'A',
        kind: 'source.sequence',
        parallelism: 4,
        params: { from: 1, to: 120, ratePerSecond: 40 },
        position: { x: 0, y: 0 },
      },
      { id: 'B', kind: 'map', parallelism: 4, params: { fn: '(value, ctx) => value * 2' }, position: { x: 260, y: 0 } },
      {
        id: 'C',
        kind: 'source.sequence',
        parallelism: 2,
        params: { from: 1001, to: 1060, ratePerSecond: 20 },
        position: { x: 260, y: 200 },
      },
      { id: 'D', kind: 'map', parallelism: 4, params: { fn: '(value, ctx) => value' }, position: { x: 520, y: 100 } },
      { id: 'E', kind: 'sink.collect', parallelism: 2, position: { x: 780, y: 100 } },
    ],
    edges: [
      { source: 'A', target: 'B' },
      { source: 'B', target: 'D' },
      { source: 'C', target: 'D' },
      { source: 'D', target: 'E' },
    ],
  },
  expectedSinkRecords: {
    E: [...range(1, 120).map((n) => n * 2), ...range(1001, 1060)],
  },
};
