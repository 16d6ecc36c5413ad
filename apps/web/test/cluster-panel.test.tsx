// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import ClusterPanel from '../src/components/panels/ClusterPanel';
import { editorStore } from '../src/store/app-store';
import { reactRootPerTest } from './support/react-root';

const dom = reactRootPerTest({ render: () => <ClusterPanel /> });

describe('cluster panel', () => {
  it('draws every slot of every TaskManager with the subtasks sharing it, live (§2 Slot sharing)', () => {
    const send = editorStore.getState().runtimeEvent;
    act(() => {
      send({ type: 'taskmanager.registered', taskManagerId: 'tm-1', slots: 2, timestamp: 0 });
      send({
        type: 'slot.allocated',
        taskManagerId: 'tm-1',
        slotIndex: 1,
        jobId: 'j1',
        vertexId: 'A',
        subtaskIndex: 0,
      });
      send({
        type: 'slot.allocated',
        taskManagerId: 'tm-1',
        slotIndex: 1,
        jobId: 'j1',
        vertexId: 'D',
        subtaskIndex: 0,
      });
    });
    expect(dom.byTestId('slot-tm-1-0')?.getAttribute('data-subtasks')).toBe('0');
    expect(dom.byTestId('slot-tm-1-1')?.textContent).toBe('#1A#0D#0');
    expect(dom.byTestId('slots-taken')?.textContent).toBe('1');

    act(() => send({ type: 'taskmanager.lost', taskManagerId: 'tm-1', slots: 2, timestamp: 1 }));
    expect(dom.byTestId('slot-tm-1-1')?.getAttribute('data-subtasks')).toBe('0');
    expect(dom.byTestId('slots-taken')?.textContent).toBe('0');
  });
});
