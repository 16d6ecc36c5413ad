/** The TaskManager's network memory shared by its tasks (§4: a task's exclusive and floating buffers come from it). */
import { describe, expect, test } from 'vitest';
import {
  NetworkBufferPool,
  NetworkMemoryReservation,
  releaseAbandonedReservation,
} from '../../src/network/network-buffer-pool.js';

const BUFFER = 1024;

describe('NetworkBufferPool', () => {
  test("tasks reserve their buffers while the pool lasts; a task that does not fit fails with Flink's message", () => {
    const pool = new NetworkBufferPool(NetworkBufferPool.allocateMemory(), 10 * BUFFER);
    const first = new NetworkMemoryReservation(pool, 6 * BUFFER, BUFFER);
    const second = new NetworkMemoryReservation(pool, 5 * BUFFER, BUFFER);
    first.acquire();
    expect(pool.figures()).toEqual({ totalBytes: 10 * BUFFER, reservedBytes: 6 * BUFFER, bytesInUse: 0 });
    expect(() => second.acquire()).toThrow(
      'Insufficient number of network buffers: required 5, but only 4 available. The total network memory of this TaskManager is 10240 bytes (10 buffers of 1024 bytes).',
    );
    expect(pool.figures().reservedBytes).toBe(6 * BUFFER);
    first.release();
    second.acquire();
    expect(pool.figures().reservedBytes).toBe(5 * BUFFER);
  });

  test("buffers a task still holds when it ends (a canceled task's queue) leave the in-use figure with its reservation", () => {
    const pool = new NetworkBufferPool(NetworkBufferPool.allocateMemory(), 10 * BUFFER);
    const task = new NetworkMemoryReservation(pool, 4 * BUFFER, BUFFER);
    const other = new NetworkMemoryReservation(pool, 4 * BUFFER, BUFFER);
    task.acquire();
    other.acquire();
    task.bufferInUse(1);
    task.bufferInUse(1);
    task.bufferInUse(1);
    task.bufferInUse(-1);
    other.bufferInUse(1);
    expect(pool.figures().bytesInUse).toBe(3 * BUFFER);
    task.release();
    expect(pool.figures()).toEqual({ totalBytes: 10 * BUFFER, reservedBytes: 4 * BUFFER, bytesInUse: BUFFER });
    task.release();
    expect(pool.figures()).toEqual({ totalBytes: 10 * BUFFER, reservedBytes: 4 * BUFFER, bytesInUse: BUFFER });
  });

  test('what a task whose thread was stopped still held is given back from its ledger, once', () => {
    const pool = new NetworkBufferPool(NetworkBufferPool.allocateMemory(), 10 * BUFFER);
    const ledger = NetworkBufferPool.allocateMemory();
    const stopped = new NetworkMemoryReservation(pool, 6 * BUFFER, BUFFER, ledger);
    stopped.acquire();
    stopped.bufferInUse(1);
    stopped.bufferInUse(1);
    releaseAbandonedReservation(pool, ledger);
    expect(pool.figures()).toEqual({ totalBytes: 10 * BUFFER, reservedBytes: 0, bytesInUse: 0 });
    stopped.release();
    releaseAbandonedReservation(pool, ledger);
    expect(pool.figures()).toEqual({ totalBytes: 10 * BUFFER, reservedBytes: 0, bytesInUse: 0 });
  });

  test('two views of the same shared memory (two threads) see one pool', () => {
    const memory = NetworkBufferPool.allocateMemory();
    expect(memory).toBeInstanceOf(SharedArrayBuffer);
    const taskManager = new NetworkBufferPool(memory, 4 * BUFFER);
    const workerView = new NetworkBufferPool(memory, 4 * BUFFER);
    expect(workerView.tryReserve(3 * BUFFER)).toBe(true);
    expect(taskManager.tryReserve(2 * BUFFER)).toBe(false);
    expect(taskManager.figures().reservedBytes).toBe(3 * BUFFER);
  });

  test('rejects a pool size that is not a positive byte count below 2 GiB', () => {
    expect(() => new NetworkBufferPool(NetworkBufferPool.allocateMemory(), 0)).toThrow('got 0');
    expect(() => new NetworkBufferPool(NetworkBufferPool.allocateMemory(), 2 ** 31)).toThrow('below 2 GiB');
  });
});
