/**
 * `sluice run --step` (issue 4 item 4) as users run it, the bundled dist/cli.js in a child process; and the step
 * mode's final output against the same job on a real multi-process LocalCluster (issue 4 item 6).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '@sluice/cluster';
import { createStepSession, END_OF_EVENT_TIME, type StepEvent } from '@sluice/engine';
import { exampleById, type JobGraph } from '@sluice/model';
import { cliRunner, multiset, tempDir, writeJobFile } from './harness.js';

const sluice = cliRunner(60_000);
const dir = tempDir('cli-step');

function stepEventsInProcess(jobGraph: JobGraph, seed: number): StepEvent[] {
  const session = createStepSession(jobGraph, { seed });
  const events: StepEvent[] = [];
  for (let event = session.step(); event !== null; event = session.step()) events.push(event);
  return events;
}

const oneRecord: JobGraph = {
  version: 1,
  name: 'one record',
  operators: [
    {
      id: 'src',
      kind: 'source.collection',
      parallelism: 1,
      params: { elements: [{ value: { word: 'a' }, timestamp: 3 }] },
    },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [{ source: 'src', target: 'out', partitioner: 'rebalance' }],
};

describe('sluice run --step', () => {
  it('writes one NDJSON line per step, exactly, the sink file, and the summary {status, steps, seed}', async () => {
    const output = join(dir, 'one');
    const events = join(dir, 'one.ndjson');
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'one.json', oneRecord),
      '--step',
      '--seed',
      '7',
      '--output',
      output,
      '--events',
      events,
    );
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(outcome.stdout)).toEqual({
      name: 'one record',
      status: 'FINISHED',
      steps: 5,
      seed: 7,
      sinks: { out: { records: 1, file: join(output, 'out.ndjson') } },
      failure: null,
    });
    const channel =
      '"channel":{"edgeIndex":0,"sourceVertexId":"src","producerSubtask":0,"targetVertexId":"out","consumerSubtask":0}';
    const end = END_OF_EVENT_TIME;
    expect(readFileSync(events, 'utf8')).toBe(
      [
        `{"index":1,"kind":"record","vertexId":"src","subtaskIndex":0,"value":{"word":"a"},"timestamp":3}`,
        `{"index":2,"kind":"record","vertexId":"out","subtaskIndex":0,${channel},"value":{"word":"a"},"timestamp":3}`,
        `{"index":3,"kind":"watermark","vertexId":"src","subtaskIndex":0,"watermark":${end},"watermarkAdvanced":{"operatorId":"src","subtaskIndex":0,"watermark":${end}}}`,
        `{"index":4,"kind":"watermark","vertexId":"out","subtaskIndex":0,${channel},"watermark":${end},"watermarkAdvanced":{"operatorId":"out","subtaskIndex":0,"watermark":${end}}}`,
        `{"index":5,"kind":"endOfPartition","vertexId":"out","subtaskIndex":0,${channel}}`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(output, 'out.ndjson'), 'utf8')).toBe('{"word":"a"}\n');
  });

  it('§8 Ex 1 with --seed 5: the events are the engine session’s for seed 5, line for line, and the sinks Ex 1’s results', async () => {
    const example = exampleById('out-of-order-tumbling')!;
    const output = join(dir, 'ex1');
    const events = join(dir, 'ex1.ndjson');
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'ex1.json', example.jobGraph),
      '--step',
      '--seed',
      '5',
      '--output',
      output,
      '--events',
      events,
    );
    expect(outcome.code).toBe(0);
    const summary = JSON.parse(outcome.stdout) as { status: string; steps: number; seed: number };
    const expected = stepEventsInProcess(example.jobGraph, 5);
    expect(summary).toMatchObject({ status: 'FINISHED', steps: expected.length, seed: 5 });
    expect(readFileSync(events, 'utf8')).toBe(expected.map((e) => `${JSON.stringify(e)}\n`).join(''));
    for (const [sink, records] of Object.entries(example.expectedSinkRecords!)) {
      expect(readFileSync(join(output, `${sink}.ndjson`), 'utf8')).toBe(
        records.map((r) => `${JSON.stringify(r)}\n`).join(''),
      );
    }
  });

  it('source.file and sink.file run as on a TaskManager: every record committed once in part-* files, nothing hidden left', async () => {
    const input = join(dir, 'input.ndjson');
    writeFileSync(input, [1, 2, 3, 4, 5, 6, 7].map((n) => `{"n":${n}}\n`).join(''));
    const exactlyOnce = join(dir, 'files-exactly-once');
    const atLeastOnce = join(dir, 'files-at-least-once');
    const files: JobGraph = {
      version: 1,
      name: 'files',
      operators: [
        { id: 'src', kind: 'source.file', parallelism: 1, params: { path: input, format: 'ndjson' } },
        { id: 'double', kind: 'map', parallelism: 2, params: { fn: '(r) => r.n * 2' } },
        {
          id: 'eo',
          kind: 'sink.file',
          parallelism: 2,
          params: { path: exactlyOnce, format: 'ndjson', exactlyOnce: true },
        },
        {
          id: 'alo',
          kind: 'sink.file',
          parallelism: 3,
          params: { path: atLeastOnce, format: 'ndjson', exactlyOnce: false },
        },
      ],
      edges: [
        { source: 'src', target: 'double', partitioner: 'rebalance' },
        { source: 'double', target: 'eo' },
        { source: 'double', target: 'alo', partitioner: 'rebalance' },
      ],
    };
    const outcome = await sluice('run', writeJobFile(dir, 'files.json', files), '--step', '--seed', '3');
    expect(outcome.code, outcome.stdout).toBe(0);
    for (const sinkDir of [exactlyOnce, atLeastOnce]) {
      const names = readdirSync(sinkDir);
      expect(names.every((name) => name.startsWith('part-'))).toBe(true);
      const lines = names.flatMap((name) =>
        readFileSync(join(sinkDir, name), 'utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      expect(multiset(lines.map((line) => JSON.parse(line) as unknown))).toEqual([10, 12, 14, 2, 4, 6, 8]);
    }
  });

  it('a collect sink that receives nothing is written as an empty DIR/<sink id>.ndjson with 0 records, as the cluster run writes it', async () => {
    const nothingLate: JobGraph = {
      version: 1,
      name: 'nothing late',
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          parallelism: 1,
          params: {
            elements: [
              { value: 1, timestamp: 1 },
              { value: 2, timestamp: 2 },
            ],
          },
        },
        {
          id: 'win',
          kind: 'window',
          parallelism: 1,
          params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { sum: '' } },
        },
        { id: 'results', kind: 'sink.collect', parallelism: 1 },
        { id: 'late', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'win', partitioner: 'hash', key: '() => 0' },
        { source: 'win', target: 'results' },
        { source: 'win', target: 'late', sideOutput: 'late' },
      ],
    };
    const output = join(dir, 'nothing-late');
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'nothing-late.json', nothingLate),
      '--step',
      '--output',
      output,
    );
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({
      sinks: {
        results: { records: 1, file: join(output, 'results.ndjson') },
        late: { records: 0, file: join(output, 'late.ndjson') },
      },
    });
    expect(readFileSync(join(output, 'late.ndjson'), 'utf8')).toBe('');
  });

  it('a failing user function: exit 1, the failure in the summary; a bad seed is a usage error', async () => {
    const failing: JobGraph = {
      ...oneRecord,
      operators: [
        oneRecord.operators[0]!,
        { id: 'boom', kind: 'map', parallelism: 1, params: { fn: "(v) => { throw new Error('no ' + v.word); }" } },
        oneRecord.operators[1]!,
      ],
      edges: [
        { source: 'src', target: 'boom', partitioner: 'rebalance' },
        { source: 'boom', target: 'out' },
      ],
    };
    const outcome = await sluice('run', writeJobFile(dir, 'failing.json', failing), '--step');
    expect(outcome.code).toBe(1);
    const summary = JSON.parse(outcome.stdout) as {
      status: string;
      seed: number;
      failure: { message: string; operatorId: string };
    };
    expect(summary).toMatchObject({ status: 'FAILED', seed: 0, failure: { message: 'no a', operatorId: 'boom' } });
    const bad = await sluice('run', writeJobFile(dir, 'one-again.json', oneRecord), '--step', '--seed', '1.5');
    expect(bad).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'sluice: --seed must be a whole number from 0 to 4294967295, got "1.5"\n',
    });
  });
});

describe('sluice run --step --processing-time-step MS', () => {
  const timers: JobGraph = {
    version: 1,
    name: 'processing-time timers',
    operators: [
      {
        id: 'src',
        kind: 'source.collection',
        parallelism: 1,
        params: { elements: [{ value: 'a' }, { value: 'b' }, { value: 'a' }] },
      },
      {
        id: 'proc',
        kind: 'process',
        parallelism: 1,
        params: {
          fn: '(v, ctx, out) => { ctx.timerService().registerProcessingTimeTimer(1000); out.collect(v + " seen at " + ctx.timerService().currentProcessingTime()); }',
          onTimer: '(t, ctx, out) => out.collect(ctx.getCurrentKey() + " fired " + t)',
        },
      },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'proc', partitioner: 'hash', key: 'v => v' },
      { source: 'proc', target: 'out', partitioner: 'rebalance' },
    ],
  };

  it('moves the virtual processing time by MS before every step: the sink file is the engine session’s with that step', async () => {
    const output = join(dir, 'timers');
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'timers.json', timers),
      '--step',
      '--seed',
      '5',
      '--processing-time-step',
      '250',
      '--output',
      output,
    );
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    const session = createStepSession(timers, { seed: 5, processingTimeStepMs: 250 });
    while (session.step() !== null);
    const expected = session.result().sinks.out!;
    expect(expected.filter((line) => String(line).includes('fired')).length).toBeGreaterThan(0);
    const lines = readFileSync(join(output, 'out.ndjson'), 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(expected);
    // Without it the clock stays at 0: no timer fires.
    const still = await sluice('run', writeJobFile(dir, 'timers-still.json', timers), '--step', '--output', output);
    expect(still.code).toBe(0);
    expect(readFileSync(join(output, 'out.ndjson'), 'utf8')).toBe('"a seen at 0"\n"b seen at 0"\n"a seen at 0"\n');
  });

  it('is a usage error without --step, and for a step that is not a whole number', async () => {
    const job = writeJobFile(dir, 'timers-usage.json', timers);
    expect(await sluice('run', job, '--processing-time-step', '10')).toMatchObject({
      code: 2,
      stderr:
        'sluice: --processing-time-step: only step mode has a virtual processing time; on a cluster it is the wall clock; add --step\n',
    });
    expect(await sluice('run', job, '--step', '--processing-time-step', '1.5')).toMatchObject({
      code: 2,
      stderr: 'sluice: --processing-time-step must be a whole number ≥ 0, got "1.5"\n',
    });
  });
});

describe('step mode and the multi-process cluster compute the same output', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 2 });
  });
  afterAll(async () => {
    await cluster?.shutdown();
  });

  it.each(['wordcount', 'out-of-order-tumbling', 'session-merge'])(
    '%s: the step session’s sinks equal the cluster run’s, as multisets (§8)',
    async (id) => {
      const { jobGraph } = exampleById(id)!;
      const details = await cluster.submitJob(jobGraph).whenTerminal();
      expect(details.status).toBe('FINISHED');
      const session = createStepSession(jobGraph, { seed: 11 });
      while (session.step() !== null);
      const stepped = session.result();
      expect(stepped.status).toBe('FINISHED');
      expect(Object.keys(stepped.sinks).sort()).toEqual(Object.keys(details.sinks).sort());
      for (const sink of Object.keys(details.sinks))
        expect(multiset(stepped.sinks[sink]!)).toEqual(multiset(details.sinks[sink]!));
    },
  );
});
