/**
 * The cluster's handle on a TaskManager OS process (what Flink's active ResourceManager starts): forks the
 * bundled dist/taskmanager.js with an IPC channel as the control plane and validates what comes back.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromTaskManagerSchema, parseMessage, type FromTaskManager, type ToTaskManager } from '../rpc/messages.js';
import { taskManagerEnvironment } from './taskmanager-environment.js';

const TASK_MANAGER_ENTRY = fileURLToPath(new URL('../../dist/taskmanager.js', import.meta.url));

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What a TaskManager process is started with. */
export interface TaskManagerResources {
  slots: number;
  /** Its NetworkBufferPool (Flink's taskmanager.memory.network), shared by its tasks. */
  networkMemoryBytes: number;
  /** Tests only: where the TaskManager writes every network message crossing its TCP side. */
  networkTraceDirectory?: string | undefined;
}

export const describeExit = ({ code, signal }: ProcessExit): string =>
  signal ? `process killed by ${signal}` : `process exited with code ${code}`;

export class TaskManagerProcess {
  private readonly child: ChildProcess;
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | undefined;

  constructor(
    readonly taskManagerId: string,
    resources: TaskManagerResources,
    onMessage: (message: FromTaskManager) => void,
  ) {
    // fork would start a process that dies with a module-not-found trace; say what to do instead.
    if (!existsSync(TASK_MANAGER_ENTRY))
      throw new Error(`${TASK_MANAGER_ENTRY} is missing: build it with "pnpm --filter @sluice/cluster build"`);
    const { slots, networkMemoryBytes, networkTraceDirectory } = resources;
    this.child = fork(TASK_MANAGER_ENTRY, [taskManagerId, String(slots), String(networkMemoryBytes)], {
      // The entry is a bundled plain-JS file: none of the Dispatcher's own Node flags (a tsx or vitest loader,
      // --inspect) belong in a TaskManager, nor in the task threads that inherit its execArgv.
      execArgv: [],
      serialization: 'advanced',
      env: taskManagerEnvironment(
        process.env,
        networkTraceDirectory === undefined ? {} : { SLUICE_NETWORK_TRACE_DIR: networkTraceDirectory },
      ),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    this.child.on('message', (raw) => {
      let message: FromTaskManager;
      try {
        message = parseMessage(fromTaskManagerSchema, raw, `${taskManagerId} →`);
      } catch (error) {
        console.error(error instanceof Error ? error.message : error);
        return;
      }
      onMessage(message);
    });
    // A send racing the child's death surfaces here; the exit handler reports the loss.
    this.child.on('error', () => undefined);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get isAlive(): boolean {
    return this.exit === undefined;
  }

  send(message: ToTaskManager): void {
    if (this.child.connected) this.child.send(message);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.isAlive) this.child.kill(signal);
  }

  /** Asks the TaskManager to stop, and kills it if it has not exited within `graceMs`. */
  async stop(graceMs: number): Promise<ProcessExit> {
    if (!this.isAlive) return this.exited;
    this.send({ type: 'shutdown' });
    const timer = setTimeout(() => this.kill(), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}
