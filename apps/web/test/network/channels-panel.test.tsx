// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { ChannelMetricsView } from '@sluice/protocol';
import Inspector from '../../src/components/Inspector';
import { useLanguage } from '../../src/i18n';
import OperatorBackpressure from '../../src/network/OperatorBackpressure';
import { editorStore } from '../../src/store/app-store';
import { reactRootPerTest } from '../support/react-root';

const dom = reactRootPerTest({ language: 'en' });

const slowSink: JobGraph = {
  version: 1,
  name: 'slow sink',
  config: { buffersPerChannel: 4, floatingBuffersPerGate: 16 },
  operators: [
    { id: 'gen', kind: 'source.sequence', parallelism: 1, params: { from: 1 } },
    { id: 'out', kind: 'sink.discard', parallelism: 2 },
  ],
  edges: [{ source: 'gen', target: 'out' }],
};

const channel = (
  targetSubtask: number,
  credit: number,
  backlog: number,
  buffersInFlight: number,
): ChannelMetricsView => ({
  sourceVertexId: 'gen',
  sourceSubtask: 0,
  targetVertexId: 'out',
  targetSubtask,
  credit,
  backlog,
  buffersInFlight,
});

describe('channel panel of a selected edge', () => {
  it('draws one row per subtask pair with live credit, backlog and buffers in flight (§4 Credit-based flow control)', () => {
    const store = editorStore.getState();
    act(() => {
      store.loadJobGraph(slowSink);
      store.select({ type: 'edge', index: 0 });
      dom.root.render(<Inspector />);
    });
    expect(dom.byTestId('channels-gen-out')).toBeNull(); // no job ran: nothing to show

    act(() => editorStore.getState().jobSubmitted('j1', planExecutionGraph(slowSink)));
    expect(dom.byTestId('channels-gen-out')?.textContent).toContain('No channel of this edge has reported yet.');

    const send = editorStore.getState().runtimeEvent;
    act(() =>
      send({
        type: 'metrics',
        jobId: 'j1',
        timestamp: 0,
        subtasks: [],
        channels: [channel(1, 10, 0, 0), channel(0, 2, 1, 0)],
      }),
    );
    act(() => send({ type: 'metrics', jobId: 'j1', timestamp: 250, subtasks: [], channels: [channel(1, 0, 12, 2)] }));
    const rows = [...dom.container.querySelectorAll('[data-testid^="channel-"][data-credit]')];
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['channel-0-0', 'channel-0-1']);
    expect(dom.byTestId('channel-credit-0-1')?.textContent).toBe('0');
    expect(dom.byTestId('channel-backlog-0-1')?.textContent).toBe('12');
    expect(dom.byTestId('channel-in-flight-0-1')?.textContent).toBe('2');
    expect(dom.byTestId('channel-0-1')?.className).toBe('channels__row--starved');
    expect(dom.byTestId('channel-0-0')?.getAttribute('data-credit')).toBe('2');
    // One scale for the table: the 4 exclusive + 16 floating buffers a channel may be granted...
    const bars = () =>
      [...dom.byTestId('channel-0-1')!.querySelectorAll('.ratio-bar')].map((b) => b.getAttribute('data-ratio'));
    expect(bars()).toEqual(['0.000', '0.600', '0.100']);
    // ...or the longest backlog, once one outgrows them.
    act(() => send({ type: 'metrics', jobId: 'j1', timestamp: 500, subtasks: [], channels: [channel(1, 0, 25, 2)] }));
    expect(bars()).toEqual(['0.000', '1.000', '0.080']);

    expect(dom.byTestId('channels-hint')?.textContent).toBe(
      'One row per sender → receiver subtask pair, live. Credit at 0 with a backlog: the receiver is too slow.',
    );
    act(() => send({ type: 'job.status', jobId: 'j1', status: 'FINISHED', timestamp: 600 }));
    expect(dom.byTestId('channels-hint')?.textContent).toBe("The job has ended: each channel's last reported figures.");
    expect(dom.byTestId('channel-0-1')?.getAttribute('data-backlog')).toBe('25');

    act(() => useLanguage.getState().setLanguage('zh'));
    expect(dom.container.querySelector('.channels__table thead')?.textContent).toBe('子任务信用积压传输中');
  });
});

describe('backpressure on an operator node', () => {
  it('names the level and draws busy and backpressured time as bars, one column per subtask', () => {
    const subtasks = [
      { subtaskIndex: 0, busyRatio: 0.05, backPressuredRatio: 0.93 },
      { subtaskIndex: 1, busyRatio: 0.02, backPressuredRatio: 0.3 },
    ];
    act(() =>
      dom.root.render(
        <OperatorBackpressure
          operatorId="gen"
          backpressure={{ level: 'high', backPressuredRatio: 0.93, busyRatio: 0.05, worstSubtask: 0, subtasks }}
        />,
      ),
    );
    expect(dom.byTestId('node-backpressure-gen')?.getAttribute('data-level')).toBe('HIGH');
    expect(dom.byTestId('node-backpressure-level-gen')?.textContent).toBe('HIGH');
    expect(dom.byTestId('node-backpressured-gen')?.textContent).toBe('93%');
    expect(dom.byTestId('node-busy-gen')?.textContent).toBe('5%');
    expect(dom.container.querySelector('.ratio-bar--high')?.getAttribute('data-ratio')).toBe('0.930');
    // One SVG for all columns: a 100-unit high view box, 8 units per column and 2 between, busy from the bottom,
    // backpressured on top of it in its own subtask's level (30% is LOW, 93% HIGH), the rest of the column idle.
    const columns = dom.byTestId('node-subtask-times-gen')!;
    expect(columns.getAttribute('viewBox')).toBe('0 0 18 100');
    const path = (className: string) => columns.querySelector(`.${className}`)!.getAttribute('d');
    expect(path('op-bp__subtask-track')).toBe('M0 0h8v100h-8zM10 0h8v100h-8z');
    expect(path('op-bp__subtask-busy')).toBe('M0 95h8v5h-8zM10 98h8v2h-8z');
    expect(path('op-bp__subtask-bp--high')).toBe('M0 2h8v93h-8z');
    expect(path('op-bp__subtask-bp--low')).toBe('M10 68h8v30h-8z');
    expect(path('op-bp__subtask-bp--ok')).toBe('');
    // Each subtask's figures stay readable: all of them in the accessible name, the hovered one in the title.
    expect(columns.getAttribute('aria-label')).toBe(
      'subtask #0: busy 5% · backpressured 93%; subtask #1: busy 2% · backpressured 30%',
    );
    const title = () => columns.querySelector('title')?.textContent;
    expect(title()).toBe(
      'One column per subtask: busy time from the bottom, backpressured time on top, the gap is idle time',
    );
    columns.getBoundingClientRect = () => ({
      left: 100,
      width: 36,
      top: 0,
      height: 18,
      right: 136,
      bottom: 18,
      x: 100,
      y: 0,
      toJSON: () => ({}),
    });
    act(() => columns.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: 130 })));
    expect(title()).toBe('subtask #1: busy 2% · backpressured 30%');
    act(() => columns.dispatchEvent(new MouseEvent('pointerout', { bubbles: true, relatedTarget: document.body })));
    expect(title()).toBe(
      'One column per subtask: busy time from the bottom, backpressured time on top, the gap is idle time',
    );
  });
});
