/**
 * Entry of a TaskManager process (bundled to dist/taskmanager.js, forked by the cluster with
 * `<taskManagerId> <slots> <networkMemoryBytes>`, and SLUICE_NETWORK_TRACE_DIR set when tests trace the network). The control plane is the fork IPC channel; when it closes, the process exits,
 * so a TaskManager never outlives its cluster.
 */
import { parseMessage, toTaskManagerSchema, type FromTaskManager } from '../rpc/messages.js';
import { TaskExecutor } from './task-executor.js';

const [taskManagerId, slotsArg, networkMemoryArg] = process.argv.slice(2);
const slots = Number(slotsArg);
const networkMemoryBytes = Number(networkMemoryArg);
if (
  !process.send ||
  !taskManagerId ||
  !Number.isInteger(slots) ||
  slots < 1 ||
  !Number.isInteger(networkMemoryBytes) ||
  networkMemoryBytes < 1
) {
  console.error(
    'usage: forked by the cluster as taskmanager.js <taskManagerId> <slots> <networkMemoryBytes>, with an IPC channel',
  );
  process.exit(2);
}

const toCluster = (message: FromTaskManager): void => {
  if (process.connected) process.send?.(message);
};

const traceDirectory = process.env.SLUICE_NETWORK_TRACE_DIR;
const executor = new TaskExecutor(
  { taskManagerId, slots, networkMemoryBytes, ...(traceDirectory && { traceDirectory }) },
  toCluster,
);
process.on('message', (raw) => executor.handle(parseMessage(toTaskManagerSchema, raw, 'incoming TaskManager')));
process.on('disconnect', () => process.exit(0));
await executor.start();
