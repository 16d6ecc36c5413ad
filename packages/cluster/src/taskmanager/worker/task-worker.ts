/**
 * Entry of a task worker thread (bundled to dist/task-worker.js). The thread starts before it knows its task
 * (see WorkerPool); its first message deploys one subtask, which it runs with startStreamTask on a TaskHost
 * backed by this thread: the worker network, the wall clock, and the TaskManager's main thread for state,
 * sink output and metrics.
 */
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import {
  encodeTaskState,
  NetworkBufferPool,
  startStreamTask,
  type CheckpointAcknowledgement,
  type RunningTask,
  type TaskHost,
} from '@sluice/engine';
import { checkpointFolder, headerCrc, subtaskStateFileName } from '../../jobmaster/checkpointing/storage-layout.js';
import { systemTimerService } from '../../time/timer-service.js';
import { Heartbeat } from '../confinement/stall-watchdog.js';
import { nodeFileSystem } from './node-file-system.js';
import { WorkerTaskNetwork } from './worker-network.js';
import { failureOf, type FromTaskWorker, type TaskWorkerDeployment, type ToTaskWorker } from './worker-protocol.js';

const mainThread = parentPort;
if (!mainThread) throw new Error('task-worker.js runs only as a worker thread of a TaskManager');

const post = (message: FromTaskWorker, transfer: ArrayBuffer[] = []): void => mainThread.postMessage(message, transfer);

// Not @sluice/protocol's TERMINAL_TASK_STATES: importing it would build the protocol's zod schemas in every task thread.
const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/** Starts the deployed subtask; returns what handles the messages that follow the deployment. */
function deploy({
  tdd,
  taskManagerId,
  networkMemory,
  networkMemoryBytes,
  networkMemoryLedger,
  checkpointDirectory,
  heartbeat,
}: TaskWorkerDeployment): (message: Exclude<ToTaskWorker, { type: 'deploy' }>) => void {
  const beating = new Heartbeat(heartbeat);
  beating.beatWhileEventLoopTurns();
  const network = new WorkerTaskNetwork(tdd, taskManagerId, post);
  let task: RunningTask | undefined;
  const host: TaskHost = {
    network,
    time: systemTimerService,
    networkMemory: { pool: new NetworkBufferPool(networkMemory, networkMemoryBytes), ledger: networkMemoryLedger },
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
    fileSystem: nodeFileSystem,
    checkpointResponder: {
      // The state goes to checkpoint storage from this thread: the JobMaster only hears where it is and how big.
      acknowledgeCheckpoint(ack: CheckpointAcknowledgement) {
        if (checkpointDirectory === undefined)
          throw new Error('checkpoint acknowledged, but the task was deployed without a checkpoint directory');
        const folder = checkpointFolder(checkpointDirectory, ack.checkpointId);
        const file = join(folder, subtaskStateFileName(tdd.vertexId, tdd.subtaskIndex));
        // A million keys take seconds to encode and write: no user code runs meanwhile, so no stall.
        const bytes = beating.duringHostWork(() => {
          const encoded = encodeTaskState(ack.state);
          mkdirSync(folder, { recursive: true });
          writeFileSync(file, encoded);
          return encoded;
        });
        post({
          type: 'acknowledgeCheckpoint',
          checkpointId: ack.checkpointId,
          file,
          stateSizeBytes: bytes.length,
          crc: headerCrc(bytes),
          alignmentDurationMs: ack.alignmentDurationMs,
        });
      },
      declineCheckpoint(checkpointId, reason) {
        post({ type: 'declineCheckpoint', checkpointId, reason });
      },
      awaitFinalCheckpoint() {
        post({ type: 'awaitFinalCheckpoint' });
      },
    },
  };
  try {
    task = startStreamTask(tdd, host);
  } catch (error) {
    host.reportState('FAILED', failureOf(error));
  }
  return (message) => {
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
      case 'triggerCheckpoint':
        task?.triggerCheckpoint(message.options);
        break;
      case 'notifyCheckpoint':
        if (message.outcome === 'complete') task?.notifyCheckpointComplete(message.checkpointId);
        else task?.notifyCheckpointAborted(message.checkpointId);
        break;
    }
  };
}

let handle: ReturnType<typeof deploy> | undefined;
mainThread.on('message', (message: ToTaskWorker) => {
  if (message.type === 'deploy') {
    if (handle) throw new Error('a task thread runs one task only');
    handle = deploy(message);
  } else handle?.(message);
});
