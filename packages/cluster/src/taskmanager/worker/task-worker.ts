/**
 * Entry of a task worker thread (bundled to dist/task-worker.js): runs one subtask with startStreamTask and
 * gives it a TaskHost backed by this thread: the worker network, the wall clock, and the TaskManager's
 * main thread for state, sink output and metrics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startStreamTask, type ProcessingTimeService, type RunningTask, type TaskHost } from '@sluice/engine';
import { WorkerTaskNetwork } from './worker-network.js';
import { failureOf, type FromTaskWorker, type TaskWorkerData, type ToTaskWorker } from './worker-protocol.js';

const mainThread = parentPort;
if (!mainThread) throw new Error('task-worker.js runs only as a worker thread of a TaskManager');

const { tdd, taskManagerId } = workerData as TaskWorkerData;
const post = (message: FromTaskWorker, transfer: ArrayBuffer[] = []): void => mainThread.postMessage(message, transfer);

const network = new WorkerTaskNetwork(tdd, taskManagerId, post);

/** Wall-clock processing time; a 0 delay is the next turn of the event loop, after pending messages. */
const time: ProcessingTimeService = {
  now: () => Date.now(),
  schedule(delayMs, fn) {
    if (delayMs <= 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const timeout = setTimeout(fn, delayMs);
    return () => clearTimeout(timeout);
  },
};

let task: RunningTask | undefined;
const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED']);

const host: TaskHost = {
  network,
  time,
  reportState(state, failure) {
    // The final figures go out before the terminal state, so the JobMaster's view of the task is complete.
    if (TERMINAL.has(state) && task) post({ type: 'metrics', metrics: task.snapshotMetrics() });
    post(failure ? { type: 'state', state, failure } : { type: 'state', state });
  },
  emitSinkRecords(operatorId, values) {
    post({ type: 'sinkRecords', operatorId, values });
  },
  print(line) {
    post({ type: 'print', line });
  },
};

mainThread.on('message', (message: ToTaskWorker) => {
  switch (message.type) {
    case 'network':
      network.deliver(message.message);
      break;
    case 'localChannel':
      network.attachLocalChannel(message.channel, message.port);
      break;
    case 'snapshotMetrics':
      if (task) post({ type: 'metrics', metrics: task.snapshotMetrics() });
      break;
    case 'cancel':
      task?.cancel();
      break;
  }
});

try {
  task = startStreamTask(tdd, host);
} catch (error) {
  host.reportState('FAILED', failureOf(error));
}
