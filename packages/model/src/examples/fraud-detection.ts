/**
 * Fraud detection with a keyed process function and a timer, after Flink's tutorial "Fraud Detection with the
 * DataStream API": per account, a transaction under 1.00 followed by one over 500.00 raises an alert, unless the
 * small one is older than the timer allows. State (a flag and the timer's time) is keyed by account; the timer is
 * a processing-time timer that clears the flag. The tutorial waits one minute; this lesson waits 5 s, so the step
 * view's "advance processing time" reaches it in a few clicks.
 */
import type { ExampleJob } from './example-job.js';

/** (account, amount) in arrival order. */
const TRANSACTIONS: [number, number][] = [
  [1, 188.23],
  [2, 0.42],
  [3, 12.5],
  [2, 725.1],
  [1, 0.5],
  [1, 34],
  [3, 0.77],
  [3, 0.31],
  [3, 989],
  [1, 520],
];

/** The timer: how long after a small transaction a large one still counts as fraud. */
const WINDOW_MS = 5000;

export const fraudDetection: ExampleJob = {
  id: 'fraud-detection',
  title: { en: 'Fraud detection: state and a timer', zh: '欺诈检测：状态与定时器' },
  description: {
    en: `A keyed process function, as in Flink's fraud detection tutorial. Per account it keeps a flag in value state: a transaction under 1.00 sets it and registers a processing-time timer ${WINDOW_MS / 1000} s ahead; a transaction over 500.00 while the flag is set raises an alert. Any later transaction clears the flag and deletes the timer, and the timer clears it when it fires. Account 2 (0.42 then 725.10) and account 3 (0.31 then 989.00) raise alerts; account 1's 0.50 is followed by 34.00, which clears the flag, so its 520.00 is fine. In step mode processing time stands still until you advance it: the detector shows its pending timers, and once processing time passed one, the timer fires and that account's flag is gone; a large transaction the detector takes after that raises no alert.`,
    zh: `一个按键处理函数，与 Flink 的欺诈检测教程相同。每个账户在值状态中保存一个标记：低于 1.00 的交易设置标记，并注册一个 ${WINDOW_MS / 1000} 秒后的处理时间定时器；标记存在时出现高于 500.00 的交易即发出警报。之后的任何交易都会清除标记并删除定时器，定时器触发时也会清除标记。账户 2（0.42 后 725.10）和账户 3（0.31 后 989.00）发出警报；账户 1 的 0.50 之后是 34.00，标记被清除，因此它的 520.00 没有问题。在单步模式中，处理时间在你推进之前静止不动：检测器显示待触发的定时器；处理时间越过某个定时器后，定时器触发，该账户的标记随之清除；检测器此后处理的大额交易不再发出警报。`,
  },
  jobGraph: {
    version: 1,
    name: 'fraud detection',
    operators: [
      {
        id: 'transactions',
        kind: 'source.collection',
        name: 'Transactions',
        parallelism: 1,
        params: { elements: TRANSACTIONS.map(([account, amount]) => ({ value: { account, amount } })) },
        position: { x: 0, y: 120 },
      },
      {
        id: 'detector',
        kind: 'process',
        name: 'Fraud detector',
        parallelism: 2,
        params: {
          fn: `(tx, ctx, out) => {
  const flag = ctx.state.value('smallSeen');
  const timer = ctx.state.value('timer');
  if (flag.value() !== null) {
    if (tx.amount > 500) out.collect({ account: tx.account, amount: tx.amount });
    ctx.timerService().deleteProcessingTimeTimer(timer.value());
    flag.clear();
    timer.clear();
  }
  if (tx.amount < 1) {
    const at = ctx.timerService().currentProcessingTime() + ${WINDOW_MS};
    ctx.timerService().registerProcessingTimeTimer(at);
    flag.update(true);
    timer.update(at);
  }
}`,
          onTimer: `(timestamp, ctx, out) => {
  ctx.state.value('smallSeen').clear();
  ctx.state.value('timer').clear();
}`,
        },
        position: { x: 260, y: 120 },
      },
      { id: 'alerts', kind: 'sink.collect', name: 'Alerts', parallelism: 1, position: { x: 520, y: 120 } },
    ],
    edges: [
      { source: 'transactions', target: 'detector', partitioner: 'hash', key: 'tx => tx.account' },
      { source: 'detector', target: 'alerts', partitioner: 'rebalance' },
    ],
  },
  expectedSinkRecords: {
    alerts: [
      { account: 2, amount: 725.1 },
      { account: 3, amount: 989 },
    ],
  },
};
