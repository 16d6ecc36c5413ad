// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { TaskManagerInfo, TaskManagerMetrics } from '@sluice/protocol';
import ClusterPanel from '../../src/components/panels/ClusterPanel';
import { bytes } from '../../src/network/format';
import { editorStore } from '../../src/store/app-store';
import { reactRootPerTest } from '../support/react-root';

const dom = reactRootPerTest({ language: 'en', render: () => <ClusterPanel /> });

const KB = 1024;
const MB = 1024 * KB;
const figures = (reservedBytes: number, bytesInUse: number): TaskManagerMetrics => ({
  bufferPool: { totalBytes: 4 * MB, reservedBytes, bytesInUse },
  rssBytes: 80 * MB,
  heapUsedBytes: 12.5 * MB,
});
const info = (taskManagerId: string, metrics: TaskManagerMetrics | null): TaskManagerInfo => ({
  taskManagerId,
  pid: 1,
  dataPort: 1,
  lastHeartbeat: 0,
  slots: [{ index: 0, jobId: null, subtasks: [] }],
  metrics,
});

describe('TaskManager buffer pools in the cluster panel', () => {
  it('draws how much of each pool the tasks reserved and how much of that holds data, from GET /taskmanagers and then live', () => {
    act(() => editorStore.getState().clusterReceived([info('tm-1', figures(1 * MB, 256 * KB)), info('tm-2', null)]));
    const pool = dom.byTestId('buffer-pool-tm-1')!;
    expect(pool.getAttribute('data-bytes-in-use')).toBe(String(256 * KB));
    const bars = (tm: string) =>
      [...dom.byTestId(`buffer-pool-${tm}`)!.querySelectorAll('.ratio-bar')].map((b) => b.getAttribute('data-ratio'));
    expect(bars('tm-1')).toEqual(['0.250', '0.250']);
    expect(pool.textContent).toBe(
      'Network buffersreserved 1 MB of 4 MBin use 256 KB (25% of the reserved)heap 12.5 MB · resident 80 MB',
    );
    expect(dom.byTestId('buffer-pool-tm-2')).toBeNull(); // no report yet: nothing to draw

    const send = editorStore.getState().runtimeEvent;
    act(() =>
      send({ type: 'taskmanager.metrics', taskManagerId: 'tm-2', timestamp: 1, metrics: figures(2 * MB, 2 * MB) }),
    );
    expect(bars('tm-2')).toEqual(['0.500', '1.000']);

    act(() => send({ type: 'taskmanager.lost', taskManagerId: 'tm-2', slots: 1, timestamp: 2 }));
    expect(dom.byTestId('buffer-pool-tm-2')).toBeNull();
    expect(dom.byTestId('buffer-pool-tm-1')).not.toBeNull();
  });

  it('prints memory in binary units', () => {
    expect([0, 1023, 1024, 1536, 32 * KB, 1.5 * MB, 3 * 1024 * MB].map(bytes)).toEqual([
      '0 B',
      '1023 B',
      '1 KB',
      '1.5 KB',
      '32 KB',
      '1.5 MB',
      '3 GB',
    ]);
  });
});
