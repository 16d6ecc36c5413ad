/** The `sluice` CLI (design.md Contract 2) as users run it: the bundled dist/cli.js in a child process. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import { runtimeEventSchema } from '@sluice/protocol';
import { CLI, cliRunner, multiset, tempDir, until, writeJobFile } from './harness.js';
import { keyedSum, runningSums } from './keyed-sum-job.js';

const sluice = cliRunner(90_000);
const figure32 = exampleById('figure-3-2')!;
const wordcount = exampleById('wordcount')!;

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/** The pids whose parent is `pid` (Linux /proc: field 4 of /proc/<pid>/stat, after the command in parentheses). */
function childProcessesOf(pid: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}
const dir = tempDir('cli');

describe('sluice validate', () => {
  it('exits 0 for a valid JobGraph', async () => {
    const job = writeJobFile(dir, 'wordcount.json', wordcount.jobGraph);
    const outcome = await sluice('validate', job);
    expect(outcome).toMatchObject({ code: 0, stdout: `${job}: valid\n` });
  });

  it('exits 1 with one "<json path>: <reason>" line per problem', async () => {
    const broken = {
      version: 1,
      name: 'broken',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 3 } },
        { id: 'double', kind: 'map', parallelism: 1, params: { fn: '(value) => value *' } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'double' },
        { source: 'double', target: 'missing' },
      ],
    };
    const outcome = await sluice('validate', writeJobFile(dir, 'broken.json', broken));
    expect(outcome.code).toBe(1);
    const problems = lines(outcome.stdout);
    for (const line of problems) expect(line).toMatch(/^\$[^:]*: \S/);
    expect(problems.some((line) => line.startsWith('$.operators[1].params.fn: '))).toBe(true);
    expect(problems).toContain('$.edges[1].target: no operator has id "missing"');
  });

  it('names a missing file and a file that is not JSON', async () => {
    const missing = await sluice('validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`sluice: cannot read ${join(dir, 'nope.json')}: no such file\n`);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"version": 1,');
    const bad = await sluice('validate', notJson);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^sluice: ${notJson.replace(/[.]/g, '\\.')} is not valid JSON: `));
  });
});

describe('sluice plan', () => {
  it('prints figure 3-2 as 4 slots and its exact vertices and edges (§1 Operator chaining, §2 Slot sharing)', async () => {
    const outcome = await sluice('plan', writeJobFile(dir, 'figure-3-2.json', figure32.jobGraph));
    expect(outcome.code).toBe(0);
    const plan = JSON.parse(outcome.stdout) as { slotsRequired: number; vertices: unknown[]; edges: unknown[] };
    expect(plan.slotsRequired).toBe(4);
    // A -> B is forward with equal parallelism: chained. D has two inputs (rule 1), D -> E changes parallelism: not chained.
    expect(plan.vertices).toEqual([
      { id: 'A', name: 'A -> B', operators: ['A', 'B'], parallelism: 4 },
      { id: 'C', name: 'C', operators: ['C'], parallelism: 2 },
      { id: 'D', name: 'D', operators: ['D'], parallelism: 4 },
      { id: 'E', name: 'E', operators: ['E'], parallelism: 2 },
    ]);
    expect(multiset(plan.edges)).toEqual(
      multiset([
        { source: 'A', target: 'D', partitioner: 'forward' },
        { source: 'C', target: 'D', partitioner: 'rebalance' },
        { source: 'D', target: 'E', partitioner: 'rebalance' },
      ]),
    );
  });
});

describe('sluice run', () => {
  it('runs wordcount on a fresh cluster, writes the sink as NDJSON and the events, and prints a FINISHED summary', async () => {
    const output = join(dir, 'out');
    const events = join(dir, 'events.ndjson');
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'wc.json', wordcount.jobGraph),
      '--output',
      output,
      '--events',
      events,
      '--taskmanagers',
      '1',
    );
    expect(outcome.code).toBe(0);
    const summary = JSON.parse(outcome.stdout) as {
      status: string;
      taskManagers: number;
      sinks: Record<string, { records: number; file: string }>;
    };
    expect(summary.status).toBe('FINISHED');
    expect(summary.taskManagers).toBe(1);
    const expected = wordcount.expectedSinkRecords!.counts!;
    expect(summary.sinks).toEqual({ counts: { records: expected.length, file: join(output, 'counts.ndjson') } });

    const written = lines(readFileSync(join(output, 'counts.ndjson'), 'utf8')).map(
      (line) => JSON.parse(line) as { word: string; count: number },
    );
    expect(multiset(written)).toEqual(multiset(expected));
    // Arrival order: one word's rolling sum comes from one subtask over one channel (§3 Partitioners, hash).
    expect(written.filter((r) => r.word === 'to').map((r) => r.count)).toEqual([1, 2, 3]);

    const recorded = lines(readFileSync(events, 'utf8')).map((line) => runtimeEventSchema.parse(JSON.parse(line)));
    const statuses = recorded.flatMap((event) => (event.type === 'job.status' ? [event.status] : []));
    expect(statuses).toEqual(['CREATED', 'RUNNING', 'FINISHED']);
    // Every runtime event: the TaskManager's registration before the job too.
    expect(recorded.flatMap((event) => (event.type === 'taskmanager.registered' ? [event.taskManagerId] : []))).toEqual(
      ['tm-1'],
    );
    expect(recorded.flatMap((event) => (event.type === 'sink.records' ? event.values : []))).toEqual(written);
  });

  it('exits 1 with the failure in the summary when a user function throws', async () => {
    const failing = {
      version: 1,
      name: 'failing',
      operators: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 1 }] } },
        { id: 'boom', kind: 'map', parallelism: 1, params: { fn: "(value) => { throw new Error('no ' + value); }" } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'boom' },
        { source: 'boom', target: 'out' },
      ],
    };
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'failing.json', failing),
      '--taskmanagers',
      '1',
      '--slots-per-taskmanager',
      '1',
    );
    expect(outcome.code).toBe(1);
    const summary = JSON.parse(outcome.stdout) as { status: string; failure: { message: string; stack: string } };
    expect(summary.status).toBe('FAILED');
    expect(summary.failure.stack).toContain('no 1');
  });

  it("a TaskManager that answers no heartbeat for 7 s (as on a busy machine) is not lost: Flink's heartbeat.timeout is 50 s", async () => {
    const events = join(dir, 'paused-events.ndjson');
    const job = writeJobFile(dir, 'paused.json', keyedSum({ to: 160, ratePerSecond: 20, sumParallelism: 2 }));
    const cli = spawn(process.execPath, [CLI, 'run', job, '--events', events]);
    let stdout = '';
    cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    await until(() =>
      existsSync(events) && readFileSync(events, 'utf8').includes('"status":"RUNNING"') ? true : undefined,
    );
    const [taskManager] = childProcessesOf(cli.pid!);
    process.kill(taskManager!, 'SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    // Had the ResourceManager given it up for lost, it would have killed it: then there is nothing to wake.
    if (existsSync(`/proc/${taskManager}`)) process.kill(taskManager!, 'SIGCONT');
    expect(await exited).toBe(0);
    const summary = JSON.parse(stdout) as { status: string; restarts: number; sinks: { sums: { records: number } } };
    expect(summary).toMatchObject({ status: 'FINISHED', restarts: 0, sinks: { sums: { records: 160 } } });
  });

  it("without --slots-per-taskmanager the TaskManagers offer the slots the job needs (§2 Slot sharing), as Flink's local execution does", async () => {
    const wide = {
      version: 1,
      name: 'five wide',
      operators: [
        { id: 'numbers', kind: 'source.sequence', parallelism: 5, params: { from: 1, to: 50 } },
        { id: 'sink', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [{ source: 'numbers', target: 'sink' }],
    };
    const outcome = await sluice('run', writeJobFile(dir, 'five-wide.json', wide));
    expect(outcome.code, outcome.stdout).toBe(0);
    const summary = JSON.parse(outcome.stdout) as {
      status: string;
      taskManagers: number;
      slotsPerTaskManager: number;
      sinks: { sink: { records: number } };
    };
    expect(summary).toMatchObject({
      status: 'FINISHED',
      taskManagers: 2,
      slotsPerTaskManager: 3,
      sinks: { sink: { records: 50 } },
    });
  });

  it('rejects --seed without --step, unknown flags and bad numbers before starting anything', async () => {
    const job = writeJobFile(dir, 'wc2.json', wordcount.jobGraph);
    const output = join(dir, 'never');
    const seed = await sluice('run', job, '--seed', '3', '--output', output);
    expect(seed).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'sluice: --seed: only step mode takes a seed; add --step\n',
    });
    expect(existsSync(output)).toBe(false);
    const unknown = await sluice('run', job, '--parallelism', '3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^sluice: Unknown option '--parallelism'/);
    const zero = await sluice('run', job, '--taskmanagers', '0');
    expect(zero).toMatchObject({
      code: 2,
      stderr: 'sluice: --taskmanagers must be a whole number from 1 to 64, got "0"\n',
    });
    const command = await sluice('deploy', job);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^sluice: unknown command "deploy"/);
  });
});

/** The keyed running sum at `ratePerSecond`, checkpointed every 100 ms, restarted up to 3 times (§7). */
function checkpointedKeyedSum(to: number, ratePerSecond: number, storageDir: string) {
  return keyedSum({
    to,
    ratePerSecond,
    sumParallelism: 2,
    config: {
      checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir },
      restartStrategy: { type: 'fixed-delay', attempts: 3, delayMs: 100 },
    },
  });
}

describe('sluice run --kill-taskmanager-after (§7 Recovery)', () => {
  it('SIGKILLs a TaskManager running the job, says which on stderr, and the restarted job still FINISHES with the exact sums', async () => {
    const to = 2500;
    const output = join(dir, 'killed-out');
    const job = writeJobFile(dir, 'keyed-sum.json', checkpointedKeyedSum(to, 1000, tempDir('cli-checkpoints')));
    const outcome = await sluice('run', job, '--kill-taskmanager-after', '800', '--output', output);
    expect(outcome.code, outcome.stderr).toBe(0);
    const line =
      /^sluice: killed TaskManager (tm-\d+) \(pid (\d+)\) with SIGKILL (\d+) ms after the job started running; it ran (.+)$/m.exec(
        outcome.stderr,
      );
    expect(line, outcome.stderr).not.toBeNull();
    const [, victim, pid, afterMs, tasks] = line!;
    expect(Number(afterMs)).toBeGreaterThanOrEqual(800);
    expect(tasks!.split(', ').every((task) => /^(numbers|sum|sums)#\d$/.test(task))).toBe(true);

    const summary = JSON.parse(outcome.stdout) as {
      status: string;
      restarts: number;
      exceptions: {
        taskManagerId: string | null;
        willRestart: boolean;
        restoreCheckpointId: number | null;
        message: string;
        stack?: string;
      }[];
      checkpoints: { completed: number; restored: number };
      killedTaskManager: { taskManagerId: string; pid: number; afterRunningMs: number; tasks: string[] };
    };
    expect(summary.status).toBe('FINISHED');
    expect(summary.killedTaskManager).toEqual({
      taskManagerId: victim,
      pid: Number(pid),
      afterRunningMs: Number(afterMs),
      tasks: tasks!.split(', '),
    });
    expect(summary.restarts).toBeGreaterThanOrEqual(1);
    expect(summary.exceptions.length).toBeGreaterThanOrEqual(1);
    expect(
      summary.exceptions.some(
        (e) => e.taskManagerId === victim && e.willRestart && e.message.includes(`TaskManager ${victim} was lost`),
      ),
    ).toBe(true);
    expect(summary.exceptions.every((e) => e.stack === undefined)).toBe(true);
    expect(summary.checkpoints.completed).toBeGreaterThanOrEqual(1);
    // Each restart restored the latest checkpoint completed before its failure, or began anew when none had (on a
    // loaded machine deploying can take most of the 800 ms): as many restores as restarts that named a checkpoint.
    const restoring = summary.exceptions.filter((e) => e.willRestart && e.restoreCheckpointId !== null).length;
    expect(summary.checkpoints.restored).toBe(restoring);

    const written = lines(readFileSync(join(output, 'sums.ndjson'), 'utf8')).map((l) => JSON.parse(l) as unknown);
    expect(multiset(written)).toEqual(multiset(runningSums(to)));
  });

  it('without a restart strategy the kill fails the job: exit 1, the loss in the summary', async () => {
    const job = writeJobFile(dir, 'no-restart.json', {
      version: 1,
      name: 'no restart',
      operators: [
        { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 5000, ratePerSecond: 1000 } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [{ source: 'numbers', target: 'out' }],
    });
    const outcome = await sluice('run', job, '--kill-taskmanager-after', '300', '--taskmanagers', '1');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(
      /^sluice: killed TaskManager tm-1 \(pid \d+\) with SIGKILL \d+ ms after the job started running; it ran numbers#0$/m,
    );
    const summary = JSON.parse(outcome.stdout) as {
      status: string;
      restarts: number;
      failure: { message: string };
      exceptions: { willRestart: boolean }[];
    };
    expect(summary.status).toBe('FAILED');
    expect(summary.restarts).toBe(0);
    expect(summary.failure.message).toContain('TaskManager tm-1 was lost');
    expect(summary.exceptions).toEqual([expect.objectContaining({ taskManagerId: 'tm-1', willRestart: false })]);
  });

  it('a job that ends first: nothing is killed, it says so, and the run is as usual', async () => {
    const outcome = await sluice(
      'run',
      writeJobFile(dir, 'wc-kill.json', wordcount.jobGraph),
      '--kill-taskmanager-after',
      '60000',
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(
      'sluice: the job ended before --kill-taskmanager-after 60000 could kill a TaskManager; none was killed\n',
    );
    const summary = JSON.parse(outcome.stdout) as {
      status: string;
      restarts: number;
      exceptions: unknown[];
      killedTaskManager: unknown;
    };
    expect(summary).toMatchObject({ status: 'FINISHED', restarts: 0, exceptions: [], killedTaskManager: null });
  });

  it('rejects a --kill-taskmanager-after that is not a positive whole number, and with --step', async () => {
    const job = writeJobFile(dir, 'wc-bad-kill.json', wordcount.jobGraph);
    for (const bad of ['0', '-5', '1.5', 'soon']) {
      const outcome = await sluice('run', job, `--kill-taskmanager-after=${bad}`);
      expect(outcome).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `sluice: --kill-taskmanager-after must be a whole number ≥ 1, got "${bad}"\n`,
      });
    }
    const step = await sluice('run', job, '--step', '--kill-taskmanager-after', '100');
    expect(step).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'sluice: --kill-taskmanager-after: step mode runs no TaskManager processes; drop --step\n',
    });
  });
});
