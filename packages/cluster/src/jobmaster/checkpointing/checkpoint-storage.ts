/**
 * Checkpoint storage on the local file system (§7 Checkpoints): the JobMaster's side of it. A checkpoint counts
 * as completed only once its _metadata is written, last; restoring reads the metadata, then every subtask's file,
 * and verifies it (size, the header CRC the task reported, decodeTaskState's own CRC-32) before any task sees it.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CorruptStateError, decodeTaskState, type CheckpointedSubtask } from '@sluice/engine';
import { z } from 'zod';
import { headerCrc, METADATA_FILE } from './storage-layout.js';

const metadataSchema = z.object({
  version: z.literal(1),
  jobId: z.string(),
  checkpointId: z.number().int().positive(),
  savepoint: z.boolean(),
  timestamp: z.number(),
  vertices: z.array(
    z.object({
      vertexId: z.string(),
      parallelism: z.number().int().positive(),
      maxParallelism: z.number().int().positive(),
      operatorIds: z.array(z.string()),
    }),
  ),
  subtasks: z.array(
    z.object({
      vertexId: z.string(),
      subtaskIndex: z.number().int().nonnegative(),
      file: z.string(),
      sizeBytes: z.number().int().nonnegative(),
      crc: z.string(),
    }),
  ),
});
export type CheckpointMetadata = z.infer<typeof metadataSchema>;

/** What a restore gets from a folder: the checkpoint's id and every subtask's decoded state. */
export interface LoadedCheckpoint {
  metadata: CheckpointMetadata;
  subtasks: CheckpointedSubtask[];
}

/**
 * Completes a checkpoint in `folder`: copies the subtask files that live elsewhere (a savepoint's target folder, or
 * the state a finished task left in an earlier checkpoint) into it, then writes _metadata. Returns the metadata
 * written, its files named relative to the folder.
 */
export function writeCheckpoint(
  folder: string,
  metadata: Omit<CheckpointMetadata, 'subtasks'>,
  files: (Omit<CheckpointMetadata['subtasks'][number], 'file'> & { path: string })[],
): CheckpointMetadata {
  mkdirSync(folder, { recursive: true });
  const subtasks = files.map(({ path, ...file }) => {
    const name = basename(path);
    const target = join(folder, name);
    if (path !== target) copyFileSync(path, target);
    return { ...file, file: name };
  });
  const complete: CheckpointMetadata = { ...metadata, subtasks };
  writeFileSync(join(folder, METADATA_FILE), JSON.stringify(complete, null, 2));
  return complete;
}

/** Reads and verifies a completed checkpoint or savepoint; throws CorruptStateError naming the file and the reason. */
export function loadCheckpoint(folder: string): LoadedCheckpoint {
  if (!existsSync(folder)) throw new CorruptStateError(`${folder} does not exist`);
  const metadataPath = join(folder, METADATA_FILE);
  if (!existsSync(metadataPath))
    throw new CorruptStateError(`${folder} has no ${METADATA_FILE}: the checkpoint never completed`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(metadataPath, 'utf8'));
  } catch (error) {
    throw new CorruptStateError(
      `${metadataPath} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptStateError(
      `${metadataPath} is not checkpoint metadata: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  const metadata = parsed.data;
  const maxParallelism = new Map(metadata.vertices.map((v) => [v.vertexId, v.maxParallelism]));
  const subtasks = metadata.subtasks.map((entry): CheckpointedSubtask => {
    const path = join(folder, entry.file);
    if (!existsSync(path)) throw new CorruptStateError(`${path} is missing`);
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length !== entry.sizeBytes)
      throw new CorruptStateError(`${path} has ${bytes.length} bytes, the metadata says ${entry.sizeBytes}`);
    if (headerCrc(bytes) !== entry.crc)
      throw new CorruptStateError(`${path} carries CRC ${headerCrc(bytes)}, the metadata says ${entry.crc}`);
    try {
      return {
        vertexId: entry.vertexId,
        subtaskIndex: entry.subtaskIndex,
        maxParallelism: maxParallelism.get(entry.vertexId) ?? 0,
        state: decodeTaskState(bytes),
      };
    } catch (error) {
      throw new CorruptStateError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { metadata, subtasks };
}

/**
 * Deletes a checkpoint folder that is no longer needed. Tasks of an attempt being failed over may still be writing
 * their state into it, which can make the removal fail (ENOTEMPTY): it is retried, and a folder that still cannot go
 * stays behind rather than break the failover that is discarding it (checkpoint ids are never reused).
 */
export function removeFolder(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
  } catch {
    // Harmless where it stays: restores and the history know only checkpoints whose _metadata was written.
  }
}
