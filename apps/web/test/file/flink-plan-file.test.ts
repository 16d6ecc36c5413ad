import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFlinkPlanFile } from '../../src/file/flink-plan-file';

const plan = (name: string) => readFileSync(`/work/shared/examples/flink-plans/${name}`, 'utf8');

describe('Flink plan files', () => {
  it('imports both formats Flink writes', () => {
    const streamGraph = readFlinkPlanFile(
      plan('chinw_flink_wordcount_streamgraph.json'),
      'chinw_flink_wordcount_streamgraph.json',
    );
    expect('jobGraph' in streamGraph && streamGraph.jobGraph.name).toBe('chinw_flink_wordcount_streamgraph');
    expect('jobGraph' in streamGraph && streamGraph.jobGraph.operators.map((op) => op.name)).toEqual([
      'Source: Custom Source',
      'Flat Map',
      'Keyed Aggregation',
      'Sink: Unnamed',
    ]);
    const rest = readFlinkPlanFile(plan('flink_test_statementset_jobgraph_plan.json'), 'plan.json');
    expect('jobGraph' in rest && rest.jobGraph.name).toBe('Flink Exec Table Job');
    expect('jobGraph' in rest && rest.jobGraph.operators).toHaveLength(12);
  });

  it('names a file that is not JSON at $', () => {
    expect(readFlinkPlanFile('{"nodes": [', 'bad.json')).toEqual({
      problems: [{ path: '$', message: expect.stringMatching(/^is not JSON: /) }],
    });
  });
});
