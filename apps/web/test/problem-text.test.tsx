// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import ProblemsPanel from '../src/components/panels/ProblemsPanel';
import ProblemText from '../src/components/ProblemText';
import { useLanguage } from '../src/i18n';
import { editorStore } from '../src/store/app-store';
import { reactRootPerTest } from './support/react-root';

const dom = reactRootPerTest();

/** A map with an unparsable function and nothing after it: an operator problem and a graph problem. */
const broken: JobGraph = {
  version: 1,
  name: 'broken',
  operators: [
    { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 3 } },
    { id: 'map1', kind: 'map', parallelism: 1, params: { fn: '(v) =>' } },
  ],
  edges: [{ source: 'numbers', target: 'map1' }],
};

describe('problems name their operator first and keep the JSON path after it', () => {
  it('reads operator "map1": <reason> ($.operators[1]…) in en, and 算子“map1” in zh', () => {
    act(() => editorStore.getState().loadJobGraph(structuredClone(broken)));
    const fnProblem = editorStore.getState().problems.find((p) => p.path.startsWith('$.operators[1]'))!;
    expect(fnProblem).toBeDefined();
    act(() => dom.root.render(<ProblemText problem={fnProblem} />));
    expect(dom.container.textContent).toBe(`operator "map1": ${fnProblem.message} (${fnProblem.path})`);
    act(() => useLanguage.getState().setLanguage('zh'));
    expect(dom.container.textContent).toBe(`算子“map1”: ${fnProblem.message} (${fnProblem.path})`);
    act(() => useLanguage.getState().setLanguage('en'));
  });

  it('lists the missing sink as a problem of the job in the Problems panel', () => {
    act(() => editorStore.getState().loadJobGraph(structuredClone(broken)));
    act(() => dom.root.render(<ProblemsPanel />));
    const rows = [...dom.container.querySelectorAll('[data-testid="problem"]')].map((li) => li.textContent);
    expect(rows).toContainEqual(expect.stringMatching(/^job the job has no sink, .* \(\$\.operators\)$/));
    expect(rows).toContainEqual(expect.stringMatching(/^map1 .* \(\$\.operators\[1\]\.params\.fn\)$/));
  });
});
