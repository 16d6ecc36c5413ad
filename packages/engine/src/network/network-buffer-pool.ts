/**
 * Flink's NetworkBufferPool: the fixed network memory of one TaskManager, shared by all its tasks. Tasks run
 * on their own threads, so the pool's figures live in shared memory (a SharedArrayBuffer the TaskManager
 * creates and hands to every task) and change only through Atomics.
 *
 * A task reserves all the network memory it may use when it starts (its input channels' exclusive buffers,
 * its gates' floating buffers and its output pool), as Flink requests a task's buffers at setup; when the
 * TaskManager has not that much left, the task fails with Flink's "Insufficient number of network buffers".
 * So however fast a producer and however slow a consumer, a TaskManager never holds more buffer memory than
 * its pool. Separately, the pool counts the bytes of buffers that hold data right now (being filled, queued,
 * in flight to or unread at a consumer): the live figure the cluster panel shows.
 */
const RESERVED_BYTES = 0;
const BYTES_IN_USE = 1;
const CELLS = 2;

export interface NetworkBufferPoolFigures {
  totalBytes: number;
  /** Reserved by running tasks (Flink's used memory segments). */
  reservedBytes: number;
  /** Of those, buffers holding data now. */
  bytesInUse: number;
}

export class NetworkBufferPool {
  private readonly cells: Int32Array;

  /**
   * @param memory the shared cells, from `NetworkBufferPool.allocateMemory()` (any thread may wrap the same memory)
   * @param totalBytes the TaskManager's network memory
   */
  constructor(
    readonly memory: SharedArrayBuffer | ArrayBuffer,
    readonly totalBytes: number,
  ) {
    if (!Number.isInteger(totalBytes) || totalBytes <= 0 || totalBytes > 0x7fffffff) {
      throw new RangeError(`network memory must be a positive number of bytes below 2 GiB, got ${totalBytes}`);
    }
    this.cells = new Int32Array(memory, 0, CELLS);
  }

  /** Shared memory when the platform has it (worker threads); a plain buffer for a pool used by one thread. */
  static allocateMemory(): SharedArrayBuffer | ArrayBuffer {
    const bytes = CELLS * Int32Array.BYTES_PER_ELEMENT;
    return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }

  /** Reserves `bytes` if the pool has them; false leaves the pool unchanged. */
  tryReserve(bytes: number): boolean {
    for (;;) {
      const reserved = Atomics.load(this.cells, RESERVED_BYTES);
      if (reserved + bytes > this.totalBytes) return false;
      if (Atomics.compareExchange(this.cells, RESERVED_BYTES, reserved, reserved + bytes) === reserved) return true;
    }
  }

  releaseReservation(bytes: number): void {
    Atomics.sub(this.cells, RESERVED_BYTES, bytes);
  }

  /** Buffers of `bytes` started holding data (positive) or were recycled (negative). */
  trackInUse(bytes: number): void {
    Atomics.add(this.cells, BYTES_IN_USE, bytes);
  }

  figures(): NetworkBufferPoolFigures {
    return {
      totalBytes: this.totalBytes,
      reservedBytes: Atomics.load(this.cells, RESERVED_BYTES),
      bytesInUse: Atomics.load(this.cells, BYTES_IN_USE),
    };
  }
}

/**
 * One task's share of the pool: reserved at start, given back whole when the task ends, however it ends. What
 * the task holds is kept in its own ledger, in shared memory too, so that when its thread is stopped before the
 * task could release (a cancel that timed out, a crash), the TaskManager gives it back for it.
 */
export class NetworkMemoryReservation {
  private readonly ledger: Int32Array;

  constructor(
    private readonly pool: NetworkBufferPool,
    readonly bytes: number,
    readonly bufferSize: number,
    ledgerMemory: SharedArrayBuffer | ArrayBuffer = NetworkBufferPool.allocateMemory(),
  ) {
    this.ledger = new Int32Array(ledgerMemory, 0, CELLS);
  }

  /** Throws Flink's error when the TaskManager has not enough network memory left for the task. */
  acquire(): void {
    if (this.bytes === 0 || this.pool.tryReserve(this.bytes)) {
      Atomics.store(this.ledger, RESERVED_BYTES, this.bytes);
      return;
    }
    const { totalBytes, reservedBytes } = this.pool.figures();
    const buffers = (bytes: number) => Math.floor(bytes / this.bufferSize);
    throw new Error(
      `Insufficient number of network buffers: required ${buffers(this.bytes)}, but only ${buffers(totalBytes - reservedBytes)} available. ` +
        `The total network memory of this TaskManager is ${totalBytes} bytes (${buffers(totalBytes)} buffers of ${this.bufferSize} bytes).`,
    );
  }

  /** One buffer of this task started (+1) or stopped (-1) holding data. */
  bufferInUse(delta: 1 | -1): void {
    Atomics.add(this.ledger, BYTES_IN_USE, delta * this.bufferSize);
    this.pool.trackInUse(delta * this.bufferSize);
  }

  /**
   * Buffers still held (queued output, unread input of a canceled task) go back with the reservation. Safe to
   * call twice and from two threads: each amount is taken out of the ledger once.
   */
  release(): void {
    this.pool.trackInUse(-Atomics.exchange(this.ledger, BYTES_IN_USE, 0));
    this.pool.releaseReservation(Atomics.exchange(this.ledger, RESERVED_BYTES, 0));
  }
}

/** Gives back what a task whose thread is gone still held, from its ledger. */
export function releaseAbandonedReservation(
  pool: NetworkBufferPool,
  ledgerMemory: SharedArrayBuffer | ArrayBuffer,
): void {
  new NetworkMemoryReservation(pool, 0, 1, ledgerMemory).release();
}
