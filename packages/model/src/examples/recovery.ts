/** Recovery after a TaskManager failure (§7): restart from the latest completed checkpoint with a fixed-delay restart strategy. */
import type { ExampleJob } from './example-job.js';
import { keyedRunningSumJob, keyedRunningSums } from './keyed-running-sum.js';

const TO = 400;

export const recovery: ExampleJob = {
  id: 'recovery',
  title: { en: 'Recovery after a TaskManager failure', zh: 'TaskManager 故障后的恢复' },
  description: {
    en: 'The keyed running sum again, 400 numbers at 50 per second (8 seconds), checkpointed every 500 ms, with a fixed-delay restart strategy (3 attempts, 500 ms apart). Kill a TaskManager while it runs: its tasks fail, the job restarts, every subtask gets its state from the latest completed checkpoint and the source rewinds to the position stored in it. The sums carry on from the checkpoint, not from zero. The last sum per key is the same as without the failure.',
    zh: '还是按键滚动求和，400 个数字，每秒 50 个（8 秒），每 500 毫秒一个检查点，重启策略为固定延迟（3 次，间隔 500 毫秒）。在运行时杀掉一个 TaskManager：它上面的任务失败，作业重启，每个子任务从最近完成的检查点取回状态，数据源回到检查点里记录的位置。求和从检查点继续，而不是从零开始。每个键最后的和与没有故障时相同。',
  },
  jobGraph: keyedRunningSumJob({
    name: 'recovery',
    to: TO,
    ratePerSecond: 50,
    sumParallelism: 2,
    config: {
      checkpointing: { intervalMs: 500, mode: 'EXACTLY_ONCE' },
      restartStrategy: { type: 'fixed-delay', attempts: 3, delayMs: 500 },
    },
  }),
  expectedSinkRecords: { sums: keyedRunningSums(TO) },
};
