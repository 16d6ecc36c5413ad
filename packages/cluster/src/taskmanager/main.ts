/**
 * Entry of a TaskManager process (bundled to dist/taskmanager.js, forked by the cluster with
 * `<taskManagerId> <slots>`). The control plane is the fork IPC channel; when it closes, the process exits,
 * so a TaskManager never outlives its cluster.
 */
import { parseMessage, toTaskManagerSchema, type FromTaskManager } from '../rpc/messages.js';
import { TaskExecutor } from './task-executor.js';

const [taskManagerId, slotsArg] = process.argv.slice(2);
const slots = Number(slotsArg);
if (!process.send || !taskManagerId || !Number.isInteger(slots) || slots < 1) {
  console.error('usage: forked by the cluster as taskmanager.js <taskManagerId> <slots>, with an IPC channel');
  process.exit(2);
}

const toCluster = (message: FromTaskManager): void => {
  if (process.connected) process.send?.(message);
};

const executor = new TaskExecutor(taskManagerId, slots, toCluster);
process.on('message', (raw) => executor.handle(parseMessage(toTaskManagerSchema, raw, 'incoming TaskManager')));
process.on('disconnect', () => process.exit(0));
await executor.start();
