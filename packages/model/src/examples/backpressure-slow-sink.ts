/**
 * Backpressure from a slow sink (§4 Credit-based flow control): the sink takes 2 ms per record, the generator
 * could emit far faster. Small 1 KB buffers make the few buffers between them fill within a second; then the
 * sink's credit to the map drains to 0, the map's output pool fills, and the map, then the generator, turn
 * HIGH (backpressured more than half of the time) while the sink is busy.
 */
import { datagenRecord } from '../datagen.js';
import type { ExampleJob } from './example-job.js';

const GENERATOR = { count: 2500, keys: 10, maxOutOfOrdernessMs: 0, seed: 7 };

export const backpressureSlowSink: ExampleJob = {
  id: 'backpressure-slow-sink',
  title: { en: 'Backpressure from a slow sink', zh: '慢速 sink 引起的反压' },
  description: {
    en: 'A data generator (2500 records) feeds a map and a sink that takes 2 ms per record (slowdown). With 1 KB network buffers the channels fill at once: watch the sink go busy, the credit on its input edge reach 0, and the map and the generator turn HIGH. The job ends after about 5 seconds.',
    zh: '数据生成器（2500 条记录）经过 map 写入一个每条记录耗时 2 毫秒的 sink（slowdown）。网络缓冲区只有 1 KB，通道很快被填满：可以看到 sink 变得繁忙、其输入边上的 credit 降到 0，map 和数据生成器变为 HIGH。作业约 5 秒后结束。',
  },
  jobGraph: {
    version: 1,
    name: 'backpressure from a slow sink',
    config: { bufferSizeBytes: 1024 },
    operators: [
      {
        id: 'generator',
        kind: 'source.datagen',
        name: 'Generator',
        parallelism: 1,
        params: GENERATOR,
        position: { x: 0, y: 120 },
      },
      {
        id: 'enrich',
        kind: 'map',
        name: 'Enrich',
        parallelism: 2,
        params: { fn: '(r, ctx) => ({ ...r, doubled: r.value * 2 })' },
        position: { x: 260, y: 120 },
      },
      {
        id: 'slow-sink',
        kind: 'sink.collect',
        name: 'Slow sink',
        parallelism: 1,
        slowdownMs: 2,
        position: { x: 520, y: 120 },
      },
    ],
    edges: [
      { source: 'generator', target: 'enrich', partitioner: 'rebalance' },
      { source: 'enrich', target: 'slow-sink', partitioner: 'rebalance' },
    ],
  },
  expectedSinkRecords: {
    'slow-sink': Array.from({ length: GENERATOR.count }, (_, n) => {
      const r = datagenRecord(GENERATOR, n);
      return { ...r, doubled: r.value * 2 };
    }),
  },
};
