import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark } from '../../src/elements/stream-element.js';
import { SimpleCounter } from '../../src/metrics/simple-counter.js';
import { ChainOutput } from '../../src/operators/chain-output.js';
import { FLUSH_INTERVAL_MS, MAX_BATCH_SIZE } from '../../src/operators/sinks/collect-sink.js';
import { RecordingOutput, runInput, runSource, testChain } from './chain-harness.js';

const END = watermark(MAX_WATERMARK_TIMESTAMP);

describe('OperatorChain routing', () => {
  it("a fork sends each record to every chained successor and to the operator's own partitions; each branch gets its own copy", () => {
    const { chain, partitions } = testChain({
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          params: { elements: [{ value: { n: 1 }, timestamp: 10 }, { value: { n: 2 } }] },
        },
        { id: 'mutate', kind: 'map', params: { fn: '(v) => { v.n = v.n * 100; return v; }' } },
        { id: 'same', kind: 'map', params: { fn: '(v) => v' } },
      ],
      chainedEdges: [
        { source: 'src', target: 'mutate' },
        { source: 'src', target: 'same' },
      ],
      partitions: [{ sourceOperator: 'src' }, { sourceOperator: 'mutate' }, { sourceOperator: 'same' }],
    });
    runSource(chain);
    const [fromSource, fromMutate, fromSame] = partitions;
    expect(fromSource?.emitted).toEqual([record({ n: 1 }, 10), record({ n: 2 }), END]);
    expect(fromMutate?.emitted).toEqual([record({ n: 100 }, 10), record({ n: 200 }), END]);
    expect(fromSame?.emitted).toEqual([record({ n: 1 }, 10), record({ n: 2 }), END]);
    // 2 records into each of 3 partitions
    expect(chain.numRecordsOut).toBe(6);
  });

  it('a map carries its result on in the record it got (StreamRecord.replace), yet what left earlier keeps the old value and every timestamp stays', () => {
    const { chain, partitions } = testChain({
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          params: { elements: [{ value: 1, timestamp: 10 }, { value: 2 }, { value: 3, timestamp: 30 }] },
        },
        { id: 'times10', kind: 'map', params: { fn: '(v) => v * 10' } },
        { id: 'plus1', kind: 'map', params: { fn: '(v) => v + 1' } },
      ],
      chainedEdges: [
        { source: 'src', target: 'times10' },
        { source: 'times10', target: 'plus1' },
      ],
      partitions: [{ sourceOperator: 'src' }, { sourceOperator: 'times10' }, { sourceOperator: 'plus1' }],
    });
    runSource(chain);
    const [fromSource, fromTimes10, fromPlus1] = partitions;
    expect(fromSource?.emitted).toEqual([record(1, 10), record(2), record(3, 30), END]);
    expect(fromTimes10?.emitted).toEqual([record(10, 10), record(20), record(30, 30), END]);
    expect(fromPlus1?.emitted).toEqual([record(11, 10), record(21), record(31, 30), END]);
  });

  it('source.sequence reuses one record object, yet a fork of maps and the partitions see every number with its own result', () => {
    const { chain, partitions, host } = testChain({
      operators: [
        { id: 'numbers', kind: 'source.sequence', params: { from: 1, to: 4 } },
        { id: 'times10', kind: 'map', params: { fn: '(v) => v * 10' } },
        { id: 'plus1', kind: 'map', params: { fn: '(v) => v + 1' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chainedEdges: [
        { source: 'numbers', target: 'times10' },
        { source: 'numbers', target: 'plus1' },
        { source: 'plus1', target: 'out' },
      ],
      partitions: [{ sourceOperator: 'numbers' }, { sourceOperator: 'times10' }],
    });
    runSource(chain);
    expect(partitions[0]?.values).toEqual([1, 2, 3, 4]);
    expect(partitions[1]?.values).toEqual([10, 20, 30, 40]);
    expect(host.sinkValues('out')).toEqual([2, 3, 4, 5]);
  });

  it('a map carries its result on in the very record it was given (StreamRecord.replace), keeping its timestamp', () => {
    const { chain } = testChain({
      operators: [
        { id: 'double', kind: 'map', params: { fn: '(v) => v * 2' } },
        { id: 'not-multiple-of-4', kind: 'filter', params: { fn: '(v) => v % 4 !== 0' } },
        { id: 'out', kind: 'sink.discard' },
      ],
      chainedEdges: [
        { source: 'double', target: 'not-multiple-of-4' },
        { source: 'not-multiple-of-4', target: 'out' },
      ],
    });
    const input = [record(1, 5), record(2), record(3, 7)];
    runInput(chain, input);
    expect(input).toEqual([record(2, 5), record(4), record(6, 7)]);
    expect(chain.numRecordsOut).toBe(2);
  });

  it("a side-output partition gets no main-output records, but the operator's event time", () => {
    const { chain, partitions } = testChain({
      operators: [{ id: 'm', kind: 'map', params: { fn: '(v) => v + 1' } }],
      partitions: [{ sourceOperator: 'm' }, { sourceOperator: 'm', sideOutput: 'late' }],
    });
    runInput(chain, [record(1, 1)]);
    expect(partitions[0]?.emitted).toEqual([record(2, 1), END]);
    expect(partitions[1]?.emitted).toEqual([END]);
  });

  it("a chained side-output edge (§1: chained like any forward edge, Flink's ChainingOutput with an OutputTag) gets exactly the late records, and the event time", () => {
    // §8 Ex 1 from a window whose results and late records both go to chained sinks.
    const { chain, host, partitions } = testChain({
      operators: [
        {
          id: 'wm',
          kind: 'watermarks',
          params: { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2, emit: 'perRecord' },
        },
        {
          id: 'win',
          kind: 'window',
          params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { sum: '' } },
        },
        { id: 'results', kind: 'sink.collect' },
        { id: 'late', kind: 'sink.collect' },
        { id: 'late-watermarks', kind: 'map', params: { fn: '(v) => v' } },
      ],
      chainedEdges: [
        { source: 'wm', target: 'win' },
        { source: 'win', target: 'results' },
        { source: 'win', target: 'late', sideOutput: 'late' },
        { source: 'win', target: 'late-watermarks', sideOutput: 'late' },
      ],
      partitions: [{ sourceOperator: 'late-watermarks' }],
    });
    const input = (
      [
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
      ] as const
    ).map(([ts, v]) => record(v, ts));
    runInput(chain, input);
    expect(host.sinkValues('results')).toEqual([
      { key: null, start: 0, end: 5, value: 4 },
      { key: null, start: 5, end: 10, value: 6 },
      { key: null, start: 10, end: 15, value: 15 },
      { key: null, start: 15, end: 20, value: 8 },
      { key: null, start: 20, end: 25, value: 10 },
    ]);
    expect(host.sinkValues('late')).toEqual([5, 7]);
    // A chained side-output successor sees the window's watermarks too, between the late records.
    expect(partitions[0]?.emitted).toEqual([
      watermark(-2),
      watermark(2),
      watermark(5),
      record(5, 4),
      watermark(9),
      record(7, 2),
      watermark(12),
      watermark(17),
      END,
    ]);
  });

  it('collectSideOutput(tag) reaches exactly the partitions of that tag', () => {
    const main = new RecordingOutput();
    const late = [new RecordingOutput(), new RecordingOutput()];
    const other = new RecordingOutput();
    const counted = new SimpleCounter();
    const output = new ChainOutput(
      {
        successors: [],
        partitions: [main],
        sideOutputs: new Map([
          ['late', late],
          ['other', [other]],
        ]),
        sideOutputSuccessors: new Map(),
      },
      counted,
    );
    output.collectSideOutput('late', record('x', 3));
    output.collectSideOutput('unknown', record('y', 4));
    expect(main.emitted).toEqual([]);
    const side = { kind: 'side', tag: 'late', record: record('x', 3) };
    expect(late.map((o) => o.emitted)).toEqual([[side], [side]]);
    expect(other.emitted).toEqual([]);
    expect(counted.count).toBe(2);
  });

  it('rejects a chained edge that does not point to a later operator of the chain', () => {
    expect(() =>
      testChain({
        operators: [
          { id: 'a', kind: 'map', params: { fn: '(v) => v' } },
          { id: 'b', kind: 'map', params: { fn: '(v) => v' } },
        ],
        chainedEdges: [{ source: 'b', target: 'a' }],
      }),
    ).toThrowError('chained edge "b" -> "a": "a" is not a later operator of this chain');
  });

  it('rejects params that do not match the catalogue, naming the field', () => {
    expect(() =>
      testChain({ operators: [{ id: 'src', kind: 'source.sequence', params: { from: 'one' } }] }),
    ).toThrowError(/^operator "src" \(source\.sequence\): params\.from: /);
  });
});

describe('sinks', () => {
  it('sink.collect batches values to the host: after FLUSH_INTERVAL_MS, when a batch is full, and at finish', () => {
    const { chain, host } = testChain({ operators: [{ id: 'out', kind: 'sink.collect' }] });
    const input = chain.input!;
    chain.open();
    input.processElement(record('a'));
    input.processElement(record('b'));
    expect(host.sinkBatches).toEqual([]);
    host.time.advance(FLUSH_INTERVAL_MS);
    expect(host.sinkBatches).toEqual([{ operatorId: 'out', values: ['a', 'b'] }]);

    for (let i = 0; i < MAX_BATCH_SIZE + 1; i++) input.processElement(record(i));
    expect(host.sinkBatches.map((b) => b.values.length)).toEqual([2, MAX_BATCH_SIZE]);
    chain.finish();
    chain.close();
    expect(host.sinkBatches.map((b) => b.values.length)).toEqual([2, MAX_BATCH_SIZE, 1]);
    expect(host.sinkValues('out')).toEqual(['a', 'b', ...Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => i)]);
    expect(host.time.pendingTimers).toBe(0);
    expect(chain.numRecordsOut).toBe(MAX_BATCH_SIZE + 3);
  });

  it("sink.collect: a batch begun after a full one leaves FLUSH_INTERVAL_MS after its own first value, not its predecessor's", () => {
    const { chain, host } = testChain({ operators: [{ id: 'out', kind: 'sink.collect' }] });
    const input = chain.input!;
    chain.open();
    for (let i = 0; i < MAX_BATCH_SIZE; i++) input.processElement(record(i));
    host.time.advance(FLUSH_INTERVAL_MS / 2);
    input.processElement(record('late'));
    host.time.advance(FLUSH_INTERVAL_MS / 2);
    expect(host.sinkBatches.map((b) => b.values.length)).toEqual([MAX_BATCH_SIZE]);
    host.time.advance(FLUSH_INTERVAL_MS / 2 - 1);
    expect(host.sinkBatches.map((b) => b.values.length)).toEqual([MAX_BATCH_SIZE]);
    host.time.advance(1);
    expect(host.sinkBatches.at(-1)).toEqual({ operatorId: 'out', values: ['late'] });
    expect(host.time.pendingTimers).toBe(0);
  });

  it('sink.collect sends nothing more once closed without finishing (failure or cancel)', () => {
    const { chain, host } = testChain({ operators: [{ id: 'out', kind: 'sink.collect' }] });
    chain.open();
    chain.input?.processElement(record('a'));
    chain.close();
    host.time.advance(FLUSH_INTERVAL_MS * 10);
    expect(host.sinkBatches).toEqual([]);
  });

  it('sink.print prefixes "N> " with N = subtask index + 1 only when parallelism > 1', () => {
    const parallel = testChain({ operators: [{ id: 'p', kind: 'sink.print' }], subtaskIndex: 1, parallelism: 3 });
    runInput(parallel.chain, [record('hello'), record({ a: 1 }), record(42)]);
    expect(parallel.host.printed).toEqual(['2> hello', '2> {"a":1}', '2> 42']);

    const single = testChain({ operators: [{ id: 'p', kind: 'sink.print' }] });
    runInput(single.chain, [
      record('hello'),
      record([1, 'x']),
      record(Number.POSITIVE_INFINITY),
      record(null),
      record(true),
    ]);
    expect(single.host.printed).toEqual(['hello', '[1,"x"]', 'Infinity', 'null', 'true']);
  });

  it('sink.discard swallows records but counts them as leaving the chain', () => {
    const { chain, host } = testChain({
      operators: [
        { id: 'm', kind: 'map', params: { fn: '(v) => v' } },
        { id: 'd', kind: 'sink.discard' },
      ],
      chainedEdges: [{ source: 'm', target: 'd' }],
    });
    runInput(chain, [record(1), record(2), record(3)]);
    expect(chain.numRecordsOut).toBe(3);
    expect(host.sinkBatches).toEqual([]);
    expect(host.printed).toEqual([]);
  });
});

describe('watermarks operator in a chain (§5 Watermarks)', () => {
  it('assigns timestamps with the user function and emits maxTs − d − 1 per record, monotonically; MAX_WATERMARK passes', () => {
    const { chain, partitions } = testChain({
      operators: [
        {
          id: 'wm',
          kind: 'watermarks',
          params: {
            strategy: 'boundedOutOfOrderness',
            maxOutOfOrdernessMs: 2,
            emit: 'perRecord',
            timestamp: '(v, previous, ctx) => v.t + ctx.subtaskIndex',
          },
        },
      ],
      partitions: [{ sourceOperator: 'wm' }],
      autoWatermarkIntervalMs: 0,
    });
    runInput(chain, [record({ t: 1 }), record({ t: 5 }), record({ t: 3 })]);
    expect(partitions[0]?.emitted).toEqual([
      record({ t: 1 }, 1),
      watermark(-2),
      record({ t: 5 }, 5),
      watermark(2),
      record({ t: 3 }, 3),
      END,
    ]);
  });

  it('a timestamp function returning no integer fails as the user function of the watermarks operator', () => {
    const { chain } = testChain({
      operators: [{ id: 'wm', kind: 'watermarks', params: { strategy: 'monotonous', timestamp: '(v) => v.when' } }],
      partitions: [{ sourceOperator: 'wm' }],
    });
    chain.open();
    expect(() => chain.input?.processElement(record({ when: '12:00' }))).toThrowError(
      expect.objectContaining({
        name: 'UserFunctionError',
        operatorId: 'wm',
        message: 'timestamp must be an integer number of milliseconds, got "12:00"',
      }),
    );
    chain.close();
  });
});
