/**
 * Key skew: 70% of the generated records carry the hot key "key-0", so the hash edge (keyBy) sends most of the
 * stream to the one subtask that owns key-0's key group (§3 Key groups). That subtask is slowed by 1 ms per
 * record: it is busy, its input channels run out of credit, and the generator turns HIGH, while the other
 * subtasks of the same operator sit idle.
 */
import { datagenRecord, type DatagenRecord } from '../datagen.js';
import type { ExampleJob } from './example-job.js';

const GENERATOR = { count: 3000, keys: 8, keySkew: 0.7, maxOutOfOrdernessMs: 0, seed: 11 };

/** sum("value") per key is rolling: one record per input, the key's first record with the value summed so far. */
function runningSums(): DatagenRecord[] {
  const sums = new Map<string, DatagenRecord>();
  return Array.from({ length: GENERATOR.count }, (_, n) => {
    const r = datagenRecord(GENERATOR, n);
    const previous = sums.get(r.key);
    const next = previous ? { ...previous, value: previous.value + r.value } : r;
    sums.set(r.key, next);
    return next;
  });
}

export const keySkew: ExampleJob = {
  id: 'key-skew',
  title: { en: 'Key skew', zh: '键倾斜' },
  description: {
    en: 'A data generator (3000 records, 8 keys, 70% of them on key-0) is keyed by key into a running sum per key (parallelism 4, 1 ms per record). One subtask gets most of the records: compare the records in and the busy time of the four subtasks, and see the generator backpressured. The job ends after about 3 seconds.',
    zh: '数据生成器（3000 条记录，8 个键，其中 70% 是 key-0）按键分区后做逐键累加（并行度 4，每条记录 1 毫秒）。一个子任务拿到大部分记录：比较四个子任务的输入记录数和繁忙时间，并观察数据生成器受到反压。作业约 3 秒后结束。',
  },
  jobGraph: {
    version: 1,
    name: 'key skew',
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
        id: 'sum-per-key',
        kind: 'sum',
        name: 'Sum per key',
        parallelism: 4,
        slowdownMs: 1,
        params: { field: 'value' },
        position: { x: 260, y: 120 },
      },
      { id: 'sums', kind: 'sink.collect', name: 'Sums', parallelism: 4, position: { x: 520, y: 120 } },
    ],
    edges: [
      { source: 'generator', target: 'sum-per-key', partitioner: 'hash', key: 'r => r.key' },
      { source: 'sum-per-key', target: 'sums', partitioner: 'forward' },
    ],
  },
  expectedSinkRecords: { sums: runningSums() },
};
