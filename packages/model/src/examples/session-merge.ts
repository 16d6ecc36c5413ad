/**
 * Session windows with a 4 ms gap merging (§6 Session): a late-arriving click bridges two sessions of user "a",
 * and because touching windows merge, [1,5), [5,9) and [8,12) become one session [1,12).
 */
import type { ExampleJob } from './example-job.js';

/** (user, timestamp) in arrival order. */
const CLICKS: [string, number][] = [
  ['a', 1],
  ['b', 2],
  ['a', 8],
  ['b', 3],
  ['a', 5],
  ['a', 20],
];

export const sessionMerge: ExampleJob = {
  id: 'session-merge',
  title: { en: 'Session windows merging', zh: '会话窗口合并' },
  description: {
    en: "Clicks of two users go into session windows with a 4 ms gap: each click opens [t, t+4), and windows that overlap or touch merge. User a clicks at 1 and 8: two sessions [1,5) and [8,12). The click at 5 arrives late but within the watermark delay of 5 ms; its window [5,9) touches [1,5) and overlaps [8,12), so all three merge into [1,12) with 3 clicks. User b's clicks at 2 and 3 overlap into [2,7). The click at 20 moves the watermark to 14, firing both sessions; [20,24) fires at the end of input.",
    zh: '两个用户的点击进入间隔为 4 毫秒的会话窗口：每次点击打开 [t, t+4)，重叠或相接的窗口会合并。用户 a 在 1 和 8 点击：两个会话 [1,5) 和 [8,12)。时间戳为 5 的点击来得晚，但仍在 5 毫秒的水位线延迟之内；它的窗口 [5,9) 与 [1,5) 相接、与 [8,12) 重叠，于是三者合并为 [1,12)，共 3 次点击。用户 b 在 2 和 3 的点击重叠为 [2,7)。时间戳为 20 的点击把水位线推到 14，两个会话随之触发；[20,24) 在输入结束时触发。',
  },
  jobGraph: {
    version: 1,
    name: 'session merge',
    operators: [
      {
        id: 'clicks',
        kind: 'source.collection',
        name: 'Clicks',
        parallelism: 1,
        params: { elements: CLICKS.map(([user, timestamp]) => ({ value: { user, at: timestamp }, timestamp })) },
        position: { x: 0, y: 120 },
      },
      {
        id: 'watermarks',
        kind: 'watermarks',
        name: 'Watermarks (delay 5)',
        parallelism: 1,
        params: { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 5, emit: 'perRecord' },
        position: { x: 260, y: 120 },
      },
      {
        id: 'sessions',
        kind: 'window',
        name: 'Sessions, gap 4 ms',
        parallelism: 2,
        params: { assigner: { type: 'session', gapMs: 4, time: 'event' }, aggregate: { count: true } },
        position: { x: 520, y: 120 },
      },
      { id: 'results', kind: 'sink.collect', name: 'Sessions', parallelism: 1, position: { x: 780, y: 120 } },
    ],
    edges: [
      { source: 'clicks', target: 'watermarks', partitioner: 'forward' },
      { source: 'watermarks', target: 'sessions', partitioner: 'hash', key: 'click => click.user' },
      { source: 'sessions', target: 'results', partitioner: 'rebalance' },
    ],
  },
  expectedSinkRecords: {
    results: [
      { key: 'a', start: 1, end: 12, value: 3 },
      { key: 'b', start: 2, end: 7, value: 2 },
      { key: 'a', start: 20, end: 24, value: 1 },
    ],
  },
};
