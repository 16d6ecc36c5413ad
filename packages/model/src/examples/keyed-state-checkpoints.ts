/** Keyed state and checkpoints (§7): a running sum per key whose accumulators are snapshotted every 500 ms. */
import type { ExampleJob } from './example-job.js';
import { keyedRunningSumJob, keyedRunningSums } from './keyed-running-sum.js';

const TO = 200;

export const keyedStateCheckpoints: ExampleJob = {
  id: 'keyed-state-checkpoints',
  title: { en: 'Keyed state and checkpoints', zh: '键控状态与检查点' },
  description: {
    en: "Numbers 1..200 (50 per second) are keyed by n mod 4 into a running sum. Each key's sum is keyed state: it lives in the subtask that owns the key's key group. With checkpointing every 500 ms, the JobManager injects barrier n into the sources; each operator snapshots its state when the barrier has arrived on all its inputs (aligned, exactly-once), and checkpoint n completes when every subtask acknowledged it. Watch the Checkpoints panel and the plots: a checkpoint every half second, its size growing a little as keys appear.",
    zh: '数字 1..200（每秒 50 个）按 n mod 4 分键，做滚动求和。每个键的和就是键控状态：它保存在拥有该键所属键组的子任务里。检查点每 500 毫秒一次：JobManager 向数据源注入屏障 n；每个算子在所有输入上都收到屏障后（对齐，精确一次）为状态做快照；所有子任务确认后检查点 n 完成。观察检查点面板和图表：每半秒一个检查点，随着键的出现，大小略有增长。',
  },
  jobGraph: keyedRunningSumJob({
    name: 'keyed state and checkpoints',
    to: TO,
    ratePerSecond: 50,
    sumParallelism: 2,
    config: { checkpointing: { intervalMs: 500, mode: 'EXACTLY_ONCE' } },
  }),
  expectedSinkRecords: { sums: keyedRunningSums(TO) },
};
