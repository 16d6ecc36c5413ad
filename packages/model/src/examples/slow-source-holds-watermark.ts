/**
 * Two sources meet in a union: the task's watermark is the minimum over its input channels (§5 Per-channel
 * valve), so the source whose event time advances slowly (half as fast as processing time here) holds back every
 * window downstream, the fast source's windows included.
 */
import type { ExampleJob } from './example-job.js';

/** Windows [0,1000) and [1000,2000) of each source: 20 fast records (every 50 ms), 2 slow ones (every 500 ms). */
const counts = (source: string, perWindow: number) =>
  [0, 1000].map((start) => ({ key: source, start, end: start + 1000, value: perWindow }));

export const slowSourceHoldsWatermark: ExampleJob = {
  id: 'slow-source-holds-watermark',
  title: { en: 'A slow source holds back the watermark', zh: '慢数据源拖住水位线' },
  description: {
    en: "A fast source (40 events, one per 50 ms of event time, 20 per second) and a slow one (4 events, one per 500 ms of event time but only 1 per second) are unioned and counted per source in 1 s tumbling windows. Each source has its own watermarks, but the union's watermark is the minimum of its two inputs: watch the fast source's watermark run ahead while the union's stays with the slow source, so even the fast source's windows fire only when the slow source catches up.",
    zh: '一个快数据源（40 个事件，事件时间每 50 毫秒一个，每秒 20 个）和一个慢数据源（4 个事件，事件时间每 500 毫秒一个，但每秒只有 1 个）经 union 合并，再按来源在 1 秒的滚动窗口中计数。每个数据源各有自己的水位线，但 union 的水位线是两个输入的最小值：可以看到快数据源的水位线一路领先，而 union 的水位线跟着慢数据源走，所以连快数据源的窗口也要等慢数据源追上来才触发。',
  },
  jobGraph: {
    version: 1,
    name: 'slow source holds the watermark',
    operators: [
      {
        id: 'fast',
        kind: 'source.sequence',
        name: 'Fast source',
        parallelism: 1,
        params: { from: 0, to: 39, ratePerSecond: 20 },
        position: { x: 0, y: 40 },
      },
      {
        id: 'tag-fast',
        kind: 'map',
        name: 'Tag fast',
        parallelism: 1,
        params: { fn: "(n, ctx) => ({ source: 'fast', n })" },
        position: { x: 240, y: 40 },
      },
      {
        id: 'wm-fast',
        kind: 'watermarks',
        name: 'Watermarks (fast)',
        parallelism: 1,
        params: { strategy: 'monotonous', timestamp: '(r, previous) => r.n * 50', emit: 'perRecord' },
        position: { x: 480, y: 40 },
      },
      {
        id: 'slow',
        kind: 'source.sequence',
        name: 'Slow source',
        parallelism: 1,
        params: { from: 0, to: 3, ratePerSecond: 1 },
        position: { x: 0, y: 240 },
      },
      {
        id: 'tag-slow',
        kind: 'map',
        name: 'Tag slow',
        parallelism: 1,
        params: { fn: "(n, ctx) => ({ source: 'slow', n })" },
        position: { x: 240, y: 240 },
      },
      {
        id: 'wm-slow',
        kind: 'watermarks',
        name: 'Watermarks (slow)',
        parallelism: 1,
        params: { strategy: 'monotonous', timestamp: '(r, previous) => r.n * 500', emit: 'perRecord' },
        position: { x: 480, y: 240 },
      },
      { id: 'union', kind: 'union', name: 'Union', parallelism: 1, position: { x: 720, y: 140 } },
      {
        id: 'window',
        kind: 'window',
        name: 'Tumbling 1 s, count',
        parallelism: 2,
        params: { assigner: { type: 'tumbling', sizeMs: 1000, time: 'event' }, aggregate: { count: true } },
        position: { x: 960, y: 140 },
      },
      { id: 'counts', kind: 'sink.collect', name: 'Counts', parallelism: 1, position: { x: 1200, y: 140 } },
    ],
    edges: [
      { source: 'fast', target: 'tag-fast', partitioner: 'forward' },
      { source: 'tag-fast', target: 'wm-fast', partitioner: 'forward' },
      { source: 'slow', target: 'tag-slow', partitioner: 'forward' },
      { source: 'tag-slow', target: 'wm-slow', partitioner: 'forward' },
      { source: 'wm-fast', target: 'union', partitioner: 'forward' },
      { source: 'wm-slow', target: 'union', partitioner: 'forward' },
      { source: 'union', target: 'window', partitioner: 'hash', key: 'r => r.source' },
      { source: 'window', target: 'counts', partitioner: 'rebalance' },
    ],
  },
  expectedSinkRecords: { counts: [...counts('fast', 20), ...counts('slow', 2)] },
};
