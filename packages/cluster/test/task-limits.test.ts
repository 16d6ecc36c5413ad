/** What a task's limits are and how a task stopped by one is reported (issue 11). */
import { describe, expect, it } from 'vitest';
import type { TaskDeploymentDescriptor } from '@sluice/engine';
import type { JobConfig, OperatorSpec } from '@sluice/model';
import { heapFailure, stallLimitMs, timeoutFailure } from '../src/taskmanager/confinement/task-limits.js';

const task = (operators: Partial<OperatorSpec>[], jobConfig: JobConfig = {}, keyedFrom: string[] = []) =>
  ({
    taskName: 'src -> m',
    operators,
    jobConfig,
    resultPartitions: keyedFrom.map((sourceOperator) => ({ sourceOperator, key: 'v => v % 2' })),
  }) as TaskDeploymentDescriptor;

const source = { id: 'src', kind: 'source.sequence', params: { from: 1, to: 9 } } as const;
const map = (id: string) => ({ id, kind: 'map', params: { fn: 'v => v' } }) as const;

describe('task limits', () => {
  it('names the one operator of the task that runs user code, with the limit', () => {
    expect(timeoutFailure(task([source, map('m')], { userFunctionTimeoutMs: 750 }))).toEqual({
      operatorId: 'm',
      message: `operator "m" did not return within 750 ms (config.userFunctionTimeoutMs): the task's thread was stopped`,
      stack: `operator "m" did not return within 750 ms (config.userFunctionTimeoutMs): the task's thread was stopped`,
    });
    expect(heapFailure(task([source, map('m')])).message).toBe(
      `operator "m" ran out of heap: a task's thread may use 256 MB (config.taskHeapSizeMb), and the task was stopped`,
    );
  });

  it('names every operator with user code in a chain of several, and the task when none has any', () => {
    expect(timeoutFailure(task([source, map('a'), map('b')])).message).toMatch(
      /^one of operator "a", operator "b" did not return within 5000 ms/,
    );
    expect(heapFailure(task([source], { taskHeapSizeMb: 64 })).message).toMatch(
      /^task "src -> m" ran out of heap: a task's thread may use 64 MB/,
    );
  });

  it('counts the key selectors of the hash edges the task feeds as its user code', () => {
    expect(timeoutFailure(task([source], {}, ['src']))).toMatchObject({
      operatorId: 'src',
      message: expect.stringMatching(/^the key selector of the edge from "src" did not return within 5000 ms/),
    });
    expect(timeoutFailure(task([source, map('m')], {}, ['m'])).message).toMatch(
      /^one of operator "m", the key selector of the edge from "m" did not return/,
    );
  });

  it('allows the thread the sleeps of operators slowed on purpose for a whole source batch of records', () => {
    expect(stallLimitMs(task([source, map('m')]))).toBe(5000);
    expect(
      stallLimitMs(
        task([
          { ...source, slowdownMs: 2 },
          { ...map('m'), slowdownMs: 10 },
        ]),
      ),
    ).toBe(5000 + 64 * 12);
  });
});
