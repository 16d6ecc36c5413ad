import { describe, expect, it } from 'vitest';
import { MAX_TASK_HEAP_SIZE_MB, MAX_USER_FUNCTION_TIMEOUT_MS, validateJobGraph, type JobGraph } from '../src/index.js';

const withConfig = (config: Record<string, unknown>): unknown => ({
  version: 1,
  name: 'resources',
  config,
  operators: [
    { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 3 } },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [{ source: 'src', target: 'out' }],
});

const problems = (config: Record<string, unknown>) => {
  const result = validateJobGraph(withConfig(config) as JobGraph);
  return result.ok ? [] : result.problems.map(({ path, message }) => ({ path, message }));
};

describe('task resources in the job config (issue 11: bounded user code)', () => {
  it('accepts a task heap and a user function timeout within the maxima', () => {
    expect(problems({ taskHeapSizeMb: MAX_TASK_HEAP_SIZE_MB, userFunctionTimeoutMs: 100 })).toEqual([]);
  });

  it('refuses a task heap past the cluster maximum, naming the field', () => {
    expect(problems({ taskHeapSizeMb: MAX_TASK_HEAP_SIZE_MB + 1 })).toEqual([
      {
        path: '$.config.taskHeapSizeMb',
        message: `must be at most ${MAX_TASK_HEAP_SIZE_MB}, not ${MAX_TASK_HEAP_SIZE_MB + 1}`,
      },
    ]);
  });

  it('refuses a timeout that is not a positive number of milliseconds within the maximum', () => {
    expect(problems({ userFunctionTimeoutMs: 0 })).toEqual([
      { path: '$.config.userFunctionTimeoutMs', message: 'must be greater than 0, not 0' },
    ]);
    expect(problems({ userFunctionTimeoutMs: MAX_USER_FUNCTION_TIMEOUT_MS + 1 })).toEqual([
      {
        path: '$.config.userFunctionTimeoutMs',
        message: `must be at most ${MAX_USER_FUNCTION_TIMEOUT_MS}, not ${MAX_USER_FUNCTION_TIMEOUT_MS + 1}`,
      },
    ]);
  });
});
