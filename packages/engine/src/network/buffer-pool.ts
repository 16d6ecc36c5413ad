/**
 * The output BufferPool of a task (Flink's LocalBufferPool on the ResultPartition side). It bounds how
 * many buffers the task's subpartitions may hold (being filled or queued for sending): when it is
 * exhausted the task stops producing (backpressure, §4) until sent buffers come back.
 *
 * A record that is already being written may go past the bound (Flink's overdraft buffers), since JS
 * cannot block mid-record; the task then takes no new input until usage is back under the bound.
 */
import { BufferBuilder } from '../serialization/record-serializer.js';
import type { NetworkMemoryReservation } from './network-buffer-pool.js';

export class BufferPool {
  private used = 0;
  /** Memory of finished builders, reused (the accounting slot stays taken until the buffer is sent). */
  private readonly spareSegments: BufferBuilder[] = [];
  private readonly availabilityListeners: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    readonly bufferSize: number,
    /** The task's share of the TaskManager's network memory, which counts the buffers holding data. */
    private readonly networkMemory: NetworkMemoryReservation,
  ) {}

  /** A pool of capacity 0 belongs to a task without outputs (a sink), which never waits for a buffer. */
  isAvailable(): boolean {
    return this.capacity === 0 || this.used < this.capacity;
  }

  usage(): number {
    return this.capacity === 0 ? 0 : Math.min(1, this.used / this.capacity);
  }

  requestBufferBuilder(): BufferBuilder {
    this.used++;
    this.networkMemory.bufferInUse(1);
    const spare = this.spareSegments.pop();
    if (spare) {
      spare.position = 0;
      return spare;
    }
    return new BufferBuilder(this.bufferSize);
  }

  /** The builder's bytes were copied out; its memory may be reused while its slot stays in use. */
  reuseSegment(builder: BufferBuilder): void {
    this.spareSegments.push(builder);
  }

  /** A buffer left the task (sent): its slot is free again. */
  recycle(): void {
    const wasAvailable = this.isAvailable();
    this.used--;
    this.networkMemory.bufferInUse(-1);
    if (!wasAvailable && this.isAvailable()) for (const listener of this.availabilityListeners) listener();
  }

  onAvailable(listener: () => void): void {
    this.availabilityListeners.push(listener);
  }
}
