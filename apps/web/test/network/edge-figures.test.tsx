// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { SubtaskMetrics } from '@sluice/protocol';
import { useLanguage } from '../../src/i18n';
import EdgeNetworkFigures from '../../src/network/EdgeNetworkFigures';
import { compactRate } from '../../src/network/format';
import { editorStore } from '../../src/store/app-store';
import { subtaskMetrics } from '../support/metrics';
import { reactRootPerTest } from '../support/react-root';

const dom = reactRootPerTest({ language: 'en' });

// gen ×1 → parse ×1 (forward: chained) → out ×2 (rebalance: a network edge)
const graph: JobGraph = {
  version: 1,
  name: 'edges',
  operators: [
    { id: 'gen', kind: 'source.sequence', parallelism: 1, params: { from: 1 } },
    { id: 'parse', kind: 'map', parallelism: 1, params: { fn: 'x => x' } },
    { id: 'out', kind: 'sink.discard', parallelism: 2 },
  ],
  edges: [
    { source: 'gen', target: 'parse' },
    { source: 'parse', target: 'out' },
  ],
};

const out = (subtaskIndex: number, recordsIn: number, inPoolUsage: number): SubtaskMetrics =>
  subtaskMetrics({
    vertexId: 'out',
    subtaskIndex,
    recordsIn,
    recordsOut: recordsIn,
    busyMsPerSecond: 1000,
    inPoolUsage,
  });

describe('figures on an edge label', () => {
  it('shows records/s and the receivers\' input buffers on a network edge, and "chained" inside a chain', () => {
    act(() => {
      editorStore.getState().loadJobGraph(graph);
      dom.root.render(
        <>
          <EdgeNetworkFigures source="gen" target="parse" />
          <EdgeNetworkFigures source="parse" target="out" />
        </>,
      );
    });
    expect(dom.container.textContent).toBe(''); // nothing ran yet

    act(() => editorStore.getState().jobSubmitted('j1', planExecutionGraph(graph)));
    expect(dom.byTestId('edge-chained-gen-parse')?.textContent).toBe('chained');
    expect(dom.byTestId('edge-throughput-parse-out')?.textContent).toBe('… rec/s');

    const send = editorStore.getState().runtimeEvent;
    act(() =>
      send({ type: 'metrics', jobId: 'j1', timestamp: 0, subtasks: [out(0, 0, 0.5), out(1, 0, 0.25)], channels: [] }),
    );
    act(() =>
      send({
        type: 'metrics',
        jobId: 'j1',
        timestamp: 2000,
        subtasks: [out(0, 3000, 0.75), out(1, 1800, 0.25)],
        channels: [],
      }),
    );
    const rate = dom.byTestId('edge-throughput-parse-out')!;
    expect(rate.textContent).toBe('2.4k rec/s');
    expect(rate.getAttribute('data-records-per-second')).toBe('2400');
    expect(dom.byTestId('edge-in-pool-parse-out')?.getAttribute('data-ratio')).toBe('0.750');
    expect(dom.byTestId('edge-out-pool-parse-out')).toBeNull(); // the sender has not reported yet

    act(() => useLanguage.getState().setLanguage('zh'));
    expect(rate.textContent).toBe('2.4k 条/秒');
  });

  it('prints rates short', () => {
    expect([0, 12.4, 999.6, 1000, 9_950, 10_400, 999_499, 1_000_000, 2_345_678].map(compactRate)).toEqual([
      '0',
      '12',
      '1.0k',
      '1.0k',
      '9.9k',
      '10k',
      '999k',
      '1.0M',
      '2.3M',
    ]);
  });
});
