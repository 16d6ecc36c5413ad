/** Savepoints and rescaling (§7): stop with a savepoint, change the parallelism, resume; key groups move between subtasks. */
import type { ExampleJob } from './example-job.js';
import { keyedRunningSumJob, keyedRunningSums } from './keyed-running-sum.js';

const TO = 600;

export const savepointRescaling: ExampleJob = {
  id: 'savepoint-rescaling',
  title: { en: 'Savepoints and rescaling', zh: '保存点与扩缩容' },
  description: {
    en: "A keyed running sum at parallelism 2 that runs for 12 seconds. Stop it with a savepoint: a checkpoint the user triggers and owns. Then set the sum's parallelism to 3 and start the job from the savepoint. Keyed state is stored by key group (128 of them here), not by subtask, so the new subtasks each take a contiguous range of key groups and the sums continue where they stopped.",
    zh: '并行度为 2 的按键滚动求和，运行 12 秒。用保存点停止它：保存点是用户触发并由用户管理的检查点。然后把求和算子的并行度改为 3，从保存点启动作业。键控状态按键组（这里有 128 个）而不是按子任务存储，所以新的子任务各自接管一段连续的键组，求和从停下的地方继续。',
  },
  jobGraph: keyedRunningSumJob({
    name: 'savepoints and rescaling',
    to: TO,
    ratePerSecond: 50,
    sumParallelism: 2,
    config: { checkpointing: { intervalMs: 1000, mode: 'EXACTLY_ONCE' } },
  }),
  expectedSinkRecords: { sums: keyedRunningSums(TO) },
};
