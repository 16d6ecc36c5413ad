/**
 * WordCount, the first Flink program everyone runs: lines → words → keyBy(word) → rolling sum.
 * The default job of the editor.
 */
import type { ExampleJob } from './example-job.js';

const LINES = ['to be or not to be', 'that is the question', 'whether tis nobler in the mind to suffer'];

/** Each word's total in LINES. */
const WORD_TOTALS: Record<string, number> = {
  to: 3,
  be: 2,
  or: 1,
  not: 1,
  that: 1,
  is: 1,
  the: 2,
  question: 1,
  whether: 1,
  tis: 1,
  nobler: 1,
  in: 1,
  mind: 1,
  suffer: 1,
};

export const wordcount: ExampleJob = {
  id: 'wordcount',
  title: { en: 'Word count', zh: '单词计数' },
  description: {
    en: 'Splits lines into words, routes each word to one subtask with a hash edge (keyBy), and keeps a running count per word. sum is a rolling aggregate: every word emits its count so far, so "to" arrives as 1, 2 and 3.',
    zh: '把句子拆成单词，经哈希边（keyBy）把同一个单词发往同一个子任务，并按单词累计计数。sum 是滚动聚合：每来一个单词就输出当前计数，所以 "to" 依次输出 1、2、3。',
  },
  jobGraph: {
    version: 1,
    name: 'wordcount',
    operators: [
      {
        id: 'lines',
        kind: 'source.collection',
        name: 'Lines',
        parallelism: 1,
        params: { elements: LINES.map((value) => ({ value })) },
        position: { x: 0, y: 120 },
      },
      {
        id: 'tokenize',
        kind: 'flatMap',
        name: 'Tokenize',
        parallelism: 2,
        params: {
          fn: "(line, ctx) => line.split(' ').filter((word) => word !== '').map((word) => ({ word, count: 1 }))",
        },
        position: { x: 260, y: 120 },
      },
      {
        id: 'count',
        kind: 'sum',
        name: 'Count per word',
        parallelism: 2,
        params: { field: 'count' },
        position: { x: 520, y: 120 },
      },
      { id: 'counts', kind: 'sink.collect', name: 'Counts', parallelism: 1, position: { x: 780, y: 120 } },
    ],
    edges: [
      { source: 'lines', target: 'tokenize', partitioner: 'rebalance' },
      { source: 'tokenize', target: 'count', partitioner: 'hash', key: 'r => r.word' },
      { source: 'count', target: 'counts', partitioner: 'rebalance' },
    ],
  },
  expectedSinkRecords: {
    counts: Object.entries(WORD_TOTALS).flatMap(([word, total]) =>
      Array.from({ length: total }, (_, i) => ({ word, count: i + 1 })),
    ),
  },
};
