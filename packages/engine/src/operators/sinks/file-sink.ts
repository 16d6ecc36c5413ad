/**
 * `sink.file` {path, format: 'ndjson', exactlyOnce?}: one JSON value per line into files under `path`, written
 * through the host's TaskFileSystem (node:fs on a TaskManager; none in the browser).
 *
 * Without exactlyOnce, subtask i appends to `part-<i>-0` directly: after a restart, what was written since the
 * last checkpoint is written again (at least once).
 *
 * With exactlyOnce it is Flink's two-phase-commit FileSink (§7): records go to the hidden in-progress file
 * `.part-<i>-<attempt>.inprogress`; checkpoint n closes it as `.part-<i>-<n>.pending` (pre-commit, listed in the
 * operator state), and notifyCheckpointComplete(n) renames the pending files of checkpoints ≤ n to `part-<i>-<n>`
 * (commit). On restore from checkpoint k the sink commits k's pending files not committed yet and deletes its
 * in-progress files and the pending files of later checkpoints, which never completed: committed output then
 * holds every record once. A job without checkpointing never restarts, so there the end of input commits.
 */
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { TaskFileSystem } from '../../checkpoint/task-file-system.js';
import type { StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext } from '../../functions/user-function.js';
import type { CheckpointedOperator, OneInputStreamOperator } from '../stream-operator.js';

/** Lines kept in memory before they are appended to the file. */
const WRITE_BATCH_LINES = 64;

/** A pre-committed file: what checkpoint n covers, waiting for n to complete. */
interface PendingFile {
  checkpointId: number;
  pending: string;
  committed: string;
}

export interface FileSinkConfig {
  operatorId: string;
  path: string;
  exactlyOnce: boolean;
  checkpointing: boolean;
  /** The checkpoint a restored sink starts from; 0 for a fresh start. */
  restoredCheckpointId: number;
}

export class FileSink implements OneInputStreamOperator, CheckpointedOperator {
  private lines: string[] = [];
  private inProgressHasData = false;
  private pendingFiles: PendingFile[] = [];
  private readonly prefix: string;

  constructor(
    private readonly config: FileSinkConfig,
    private readonly context: RuntimeContext,
    private readonly fs: TaskFileSystem,
  ) {
    this.prefix = `part-${context.subtaskIndex}-`;
  }

  initializeState({ operatorState }: OperatorSubtaskState): void {
    this.pendingFiles = operatorState.map((part, i) => {
      const file = part as Partial<PendingFile>;
      if (
        typeof file.pending !== 'string' ||
        typeof file.committed !== 'string' ||
        !Number.isInteger(file.checkpointId)
      ) {
        throw new Error(
          `operator "${this.config.operatorId}": restored operator state [${i}] is not a pending file {checkpointId, pending, committed}: ${JSON.stringify(part)}`,
        );
      }
      return file as PendingFile;
    });
  }

  open(): void {
    this.fs.mkdirs(this.config.path);
    if (!this.config.exactlyOnce) return;
    // Everything restored was covered by the completed checkpoint k: commit it (again, if a crash hit between).
    for (const file of this.pendingFiles) this.commit(file);
    this.pendingFiles = [];
    for (const name of this.fs.list(this.config.path)) if (this.isStale(name)) this.fs.remove(this.file(name));
  }

  processElement(input: StreamRecord): void {
    this.lines.push(`${JSON.stringify(input.value) ?? 'null'}\n`);
    if (this.lines.length >= WRITE_BATCH_LINES) this.writeLines();
  }

  processWatermark(): void {}
  processWatermarkStatus(): void {}

  snapshotState(checkpointId: number): OperatorSubtaskState {
    this.writeLines();
    if (this.config.exactlyOnce && this.inProgressHasData) {
      const file: PendingFile = {
        checkpointId,
        pending: this.file(`.${this.prefix}${checkpointId}.pending`),
        committed: this.file(`${this.prefix}${checkpointId}`),
      };
      this.fs.rename(this.inProgress(), file.pending);
      this.inProgressHasData = false;
      this.pendingFiles.push(file);
    }
    return { keyedState: [], operatorState: this.pendingFiles.map((file) => ({ ...file })) };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    const [covered, later] = partition(this.pendingFiles, (file) => file.checkpointId <= checkpointId);
    for (const file of covered) this.commit(file);
    this.pendingFiles = later;
  }

  finish(): void {
    this.writeLines();
    if (this.config.exactlyOnce && !this.config.checkpointing && this.inProgressHasData) {
      this.fs.rename(this.inProgress(), this.file(`${this.prefix}0`));
      this.inProgressHasData = false;
    }
  }

  close(): void {}

  private writeLines(): void {
    if (this.lines.length === 0) return;
    const target = this.config.exactlyOnce ? this.inProgress() : this.file(`${this.prefix}0`);
    this.fs.appendFile(target, this.lines.join(''));
    this.lines = [];
    this.inProgressHasData = true;
  }

  private commit(file: PendingFile): void {
    if (this.fs.exists(file.pending)) this.fs.rename(file.pending, file.committed);
    else if (!this.fs.exists(file.committed)) {
      throw new Error(
        `operator "${this.config.operatorId}": pending file ${file.pending} of checkpoint ${file.checkpointId} is gone and was never committed as ${file.committed}`,
      );
    }
  }

  /** This subtask's in-progress files, and its pending files of checkpoints after the one it restored. */
  private isStale(name: string): boolean {
    const m = new RegExp(`^\\.${this.prefix.replace(/-/g, '\\-')}(\\d+)\\.(inprogress|pending)$`).exec(name);
    if (!m) return false;
    return m[2] === 'inprogress' || Number(m[1]) > this.config.restoredCheckpointId;
  }

  private inProgress(): string {
    return this.file(`.${this.prefix}${this.context.attemptNumber}.inprogress`);
  }

  private file(name: string): string {
    return `${this.config.path.replace(/\/+$/, '')}/${name}`;
  }
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (predicate(item) ? yes : no).push(item);
  return [yes, no];
}
