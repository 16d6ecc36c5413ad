/**
 * Task threads started ahead of deployments. Starting a worker thread and loading the task code takes a few
 * hundred milliseconds (more on a busy machine), so a TaskManager keeps as many idle, loaded threads as it
 * has slots; a deployment takes one and starts its task at once. A thread runs one task only (user code may
 * leave timers or globals behind), and the pool refills when a job's tasks are released, not during a burst
 * of deployments, where new threads would compete with the tasks for the CPU.
 *
 * Every thread runs user code, so it is started with an empty environment and a heap of its own: the pool's
 * threads have the default task heap, a task that asks for another size gets a thread started for it.
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_TASK_HEAP_SIZE_MB } from '@sluice/model';

const TASK_WORKER_ENTRY = new URL('./task-worker.js', import.meta.url);

const startTaskThread = (heapSizeMb: number): Worker =>
  new Worker(TASK_WORKER_ENTRY, { env: {}, resourceLimits: { maxOldGenerationSizeMb: heapSizeMb } });

export class WorkerPool {
  /** Idle threads, each with the listener that drops it from the pool should it die while idle. */
  private readonly idle = new Map<Worker, () => void>();
  private closed = false;

  constructor(private readonly target: number) {
    this.refill();
  }

  /** An idle loaded thread, or a fresh one when the pool is empty or its threads have another heap size. */
  take(heapSizeMb: number): Worker {
    const [entry] = this.idle;
    if (!entry || heapSizeMb !== DEFAULT_TASK_HEAP_SIZE_MB) return startTaskThread(heapSizeMb);
    const [worker, forget] = entry;
    this.idle.delete(worker);
    worker.off('exit', forget).off('error', forget);
    return worker;
  }

  refill(): void {
    while (!this.closed && this.idle.size < this.target) {
      const worker = startTaskThread(DEFAULT_TASK_HEAP_SIZE_MB);
      const forget = (): void => void this.idle.delete(worker);
      worker.once('exit', forget).on('error', forget);
      this.idle.set(worker, forget);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const idle = [...this.idle.keys()];
    this.idle.clear();
    await Promise.all(idle.map((worker) => worker.terminate()));
  }
}
