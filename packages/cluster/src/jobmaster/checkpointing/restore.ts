/**
 * Which state an attempt starts from (§7 Recovery, §7 Savepoints): the descriptors get their share of a completed
 * checkpoint's or savepoint's state, repartitioned for the job's current parallelism (assignRestoredState).
 */
import { assignRestoredState, CorruptStateError, type TaskDeploymentDescriptor } from '@sluice/engine';
import type { ExecutionGraph } from '@sluice/planner';
import { loadCheckpoint, type CheckpointMetadata, type LoadedCheckpoint } from './checkpoint-storage.js';
import type { CompletedCheckpoint } from './checkpoint-coordinator.js';

/** A savepoint given at submission cannot be used; the message names the path and why. */
export class SavepointRestoreError extends Error {
  override name = 'SavepointRestoreError';
}

export interface RestoredAttempt {
  tdds: TaskDeploymentDescriptor[];
  /** The checkpoint the descriptors restore from; undefined: from the beginning. */
  restored?: { folder: string; metadata: CheckpointMetadata };
  /** Candidates that could not be read, each with the reason (a failover falls back to the previous one). */
  skipped: string[];
}

/**
 * For a failover: the newest candidate that reads back whole; a corrupt or missing one is skipped (and named in
 * `skipped`) for the previous one; none left: from the beginning.
 */
export function restoreLatest(
  tdds: TaskDeploymentDescriptor[],
  candidates: readonly CompletedCheckpoint[],
  onSkip: (candidate: CompletedCheckpoint, reason: string) => void,
): RestoredAttempt {
  const skipped: string[] = [];
  for (const candidate of candidates) {
    try {
      const loaded = loadCheckpoint(candidate.folder);
      return {
        tdds: assignRestoredState(tdds, loaded.metadata.checkpointId, loaded.subtasks),
        restored: { folder: candidate.folder, metadata: loaded.metadata },
        skipped,
      };
    } catch (error) {
      if (!(error instanceof CorruptStateError)) throw error;
      const reason = `checkpoint ${candidate.checkpointId} at ${candidate.folder} cannot be restored: ${error.message}`;
      skipped.push(reason);
      onSkip(candidate, reason);
    }
  }
  return { tdds, skipped };
}

/**
 * Reads the savepoint a job is submitted from and checks it fits the job before anything is deployed: every
 * operator of the savepoint that holds state must still exist, and an operator's maxParallelism (its key groups,
 * §3 Key groups) must not have changed.
 */
export function loadSavepointFor(path: string, graph: ExecutionGraph): LoadedCheckpoint {
  let loaded: LoadedCheckpoint;
  try {
    loaded = loadCheckpoint(path);
  } catch (error) {
    throw new SavepointRestoreError(
      `cannot restore from savepoint ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const vertexOf = new Map(graph.vertices.flatMap((vertex) => vertex.operators.map((id) => [id, vertex] as const)));
  for (const saved of loaded.metadata.vertices) {
    for (const operatorId of saved.operatorIds) {
      const hasState = loaded.subtasks.some((s) => {
        const state = s.state.operators[operatorId];
        return state !== undefined && (state.keyedState.length > 0 || state.operatorState.length > 0);
      });
      const vertex = vertexOf.get(operatorId);
      if (!vertex) {
        if (hasState)
          throw new SavepointRestoreError(
            `cannot restore from savepoint ${path}: operator ${operatorId} has state in the savepoint but is not in the job`,
          );
        continue;
      }
      if (hasState && vertex.maxParallelism !== saved.maxParallelism) {
        throw new SavepointRestoreError(
          `cannot restore from savepoint ${path}: operator ${operatorId}: savepoint has maxParallelism ${saved.maxParallelism}, job ${vertex.maxParallelism}`,
        );
      }
    }
  }
  return loaded;
}
