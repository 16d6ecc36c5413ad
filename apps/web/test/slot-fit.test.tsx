// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { TaskManagerInfo } from '@sluice/protocol';
import SlotFitWarning from '../src/components/SlotFitWarning';
import { useLanguage } from '../src/i18n';
import { clusterFromInfo } from '../src/runtime/cluster';
import { slotShortage } from '../src/runtime/slot-fit';
import { editorStore } from '../src/store/app-store';
import { reactRootPerTest } from './support/react-root';

const dom = reactRootPerTest();

/** wordcount with every operator at parallelism p: under slot sharing it needs p slots (§2 Slot sharing). */
function wordcountAt(p: number): JobGraph {
  const graph = structuredClone(exampleById('wordcount')!.jobGraph) as JobGraph;
  return { ...graph, operators: graph.operators.map((op) => ({ ...op, parallelism: p })) };
}

function taskManager(id: string, slots: number, busy = 0): TaskManagerInfo {
  return {
    taskManagerId: id,
    pid: 1,
    dataPort: 1,
    lastHeartbeat: 0,
    metrics: null,
    slots: Array.from({ length: slots }, (_, index) => ({
      index,
      jobId: index < busy ? 'other' : null,
      subtasks: index < busy ? [{ vertexId: 'v', subtaskIndex: index }] : [],
    })),
  };
}

describe('slot fit before Run (§2 Slot sharing)', () => {
  it('counts the free slots of live TaskManagers against slotsRequired', () => {
    const plan = planExecutionGraph(wordcountAt(8));
    expect(plan.slotsRequired).toBe(8);
    expect(slotShortage(plan, clusterFromInfo([taskManager('tm-1', 2), taskManager('tm-2', 2)]))).toEqual({
      needed: 8,
      free: 4,
    });
    expect(slotShortage(plan, clusterFromInfo([taskManager('tm-1', 8, 1)]))).toEqual({ needed: 8, free: 7 });
    expect(slotShortage(plan, clusterFromInfo([taskManager('tm-1', 8)]))).toBeNull();
    expect(slotShortage(plan, {})).toBeNull();
  });

  it('says so beside Run, in en and zh', () => {
    act(() => {
      editorStore.getState().loadJobGraph(wordcountAt(8));
      editorStore.getState().clusterReceived([taskManager('tm-1', 2), taskManager('tm-2', 2)]);
    });
    act(() => dom.root.render(<SlotFitWarning />));
    expect(dom.byTestId('slot-fit-warning')?.textContent).toMatch(/^The job needs 8 slots, the cluster has 4 free/);
    act(() => useLanguage.getState().setLanguage('zh'));
    expect(dom.byTestId('slot-fit-warning')?.textContent).toMatch(/^作业需要 8 个槽位，集群只有 4 个空闲/);
    act(() => useLanguage.getState().setLanguage('en'));
    act(() => editorStore.getState().loadJobGraph(wordcountAt(4)));
    expect(dom.byTestId('slot-fit-warning')).toBeNull();
  });
});
