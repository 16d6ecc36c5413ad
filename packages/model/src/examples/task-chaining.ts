/** Task chaining (§1): forward edges between operators of equal parallelism fuse them into one task; a rebalance edge or disableChaining breaks the chain. */
import type { ExampleJob } from './example-job.js';

export const taskChaining: ExampleJob = {
  id: 'task-chaining',
  title: { en: 'Task chaining', zh: '算子链' },
  description: {
    en: "Source → Square → Keep even → Sink, all at parallelism 2 and joined by forward edges: Flink chains them into one JobVertex, so each subtask runs all four operators in one thread and records pass as method calls, not through network buffers. Open the physical view to see one vertex with 2 subtasks. Then break the chain: set the edge Square → Keep even to rebalance (or Keep even's chaining to NEVER). Two vertices appear, joined by a network exchange.",
    zh: 'Source → Square → Keep even → Sink，并行度都是 2，由 forward 边相连：Flink 把它们链成一个 JobVertex，每个子任务在一个线程里运行全部四个算子，记录以方法调用传递，不经过网络缓冲区。打开物理视图，可以看到一个有 2 个子任务的顶点。然后打断算子链：把 Square → Keep even 的边改为 rebalance（或把 Keep even 的 chaining 设为 NEVER）。会出现两个顶点，中间是网络交换。',
  },
  jobGraph: {
    version: 1,
    name: 'task chaining',
    operators: [
      {
        id: 'numbers',
        kind: 'source.sequence',
        name: 'Numbers',
        parallelism: 2,
        params: { from: 1, to: 20, ratePerSecond: 10 },
        position: { x: 0, y: 120 },
      },
      {
        id: 'square',
        kind: 'map',
        name: 'Square',
        parallelism: 2,
        params: { fn: '(n, ctx) => n * n' },
        position: { x: 260, y: 120 },
      },
      {
        id: 'even',
        kind: 'filter',
        name: 'Keep even',
        parallelism: 2,
        params: { fn: '(n, ctx) => n % 2 === 0' },
        position: { x: 520, y: 120 },
      },
      { id: 'squares', kind: 'sink.collect', name: 'Even squares', parallelism: 2, position: { x: 780, y: 120 } },
    ],
    edges: [
      { source: 'numbers', target: 'square', partitioner: 'forward' },
      { source: 'square', target: 'even', partitioner: 'forward' },
      { source: 'even', target: 'squares', partitioner: 'forward' },
    ],
  },
  expectedSinkRecords: { squares: [4, 16, 36, 64, 100, 144, 196, 256, 324, 400] },
};
