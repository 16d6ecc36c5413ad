/**
 * Out-of-order events into a 5 ms tumbling event-time window, with the data of §8 Ex 1: a watermark trailing
 * the largest timestamp by 2 ms (boundedOutOfOrderness, emitted after every record), so (4@5) and (2@7) arrive
 * after their window [0, 5) fired and was cleaned up, and go to the "late" side output unchanged.
 */
import type { ExampleJob } from './example-job.js';

/** §8 Ex 1 input, (timestamp, v). */
const EVENTS: [number, number][] = [
  [1, 1],
  [5, 2],
  [3, 3],
  [8, 4],
  [4, 5],
  [12, 6],
  [2, 7],
  [15, 8],
  [10, 9],
  [20, 10],
];

const reading = (v: number) => ({ sensor: 's1', v });

export const outOfOrderTumbling: ExampleJob = {
  id: 'out-of-order-tumbling',
  title: { en: 'Out-of-order events, tumbling window', zh: '乱序事件与滚动窗口' },
  description: {
    en: 'Ten readings arrive out of timestamp order. The watermark trails the largest timestamp seen by 2 ms (maximum timestamp − 2 − 1, after every record), and a 5 ms tumbling window sums v per sensor, firing when the watermark reaches its end − 1. Step through it: [0,5) fires at watermark 5 with 1+3 = 4; the readings at 4 ms (v=5) and 2 ms (v=7) come after their window is gone and leave through the late side output. Set allowedLatenessMs on the window to 3 and [0,5) fires a second time with 9 instead.',
    zh: '十条读数没有按时间戳顺序到达。水位线落后于已见到的最大时间戳 2 毫秒（每条记录之后发出：最大时间戳 − 2 − 1），5 毫秒的滚动窗口按传感器对 v 求和，当水位线到达窗口结束时间 − 1 时触发。单步执行即可看到：[0,5) 在水位线 5 时以 1+3 = 4 触发；时间戳 4 毫秒（v=5）和 2 毫秒（v=7）的读数在窗口清理之后才到，经迟到数据侧输出流出。把窗口的 allowedLatenessMs 设为 3，[0,5) 会再触发一次，结果为 9。',
  },
  jobGraph: {
    version: 1,
    name: 'out-of-order tumbling',
    operators: [
      {
        id: 'readings',
        kind: 'source.collection',
        name: 'Readings',
        parallelism: 1,
        params: { elements: EVENTS.map(([timestamp, v]) => ({ value: reading(v), timestamp })) },
        position: { x: 0, y: 120 },
      },
      {
        id: 'watermarks',
        kind: 'watermarks',
        name: 'Watermarks (delay 2)',
        parallelism: 1,
        params: { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2, emit: 'perRecord' },
        position: { x: 260, y: 120 },
      },
      {
        id: 'window',
        kind: 'window',
        name: 'Tumbling 5 ms, sum v',
        parallelism: 1,
        params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { sum: 'v' } },
        position: { x: 520, y: 120 },
      },
      { id: 'results', kind: 'sink.collect', name: 'Window results', parallelism: 1, position: { x: 780, y: 40 } },
      { id: 'late', kind: 'sink.collect', name: 'Late records', parallelism: 1, position: { x: 780, y: 220 } },
    ],
    edges: [
      { source: 'readings', target: 'watermarks', partitioner: 'forward' },
      { source: 'watermarks', target: 'window', partitioner: 'hash', key: 'r => r.sensor' },
      { source: 'window', target: 'results', partitioner: 'forward' },
      { source: 'window', target: 'late', partitioner: 'forward', sideOutput: 'late' },
    ],
  },
  expectedSinkRecords: {
    results: [
      { key: 's1', start: 0, end: 5, value: 4 },
      { key: 's1', start: 5, end: 10, value: 6 },
      { key: 's1', start: 10, end: 15, value: 15 },
      { key: 's1', start: 15, end: 20, value: 8 },
      { key: 's1', start: 20, end: 25, value: 10 },
    ],
    late: [reading(5), reading(7)],
  },
};
