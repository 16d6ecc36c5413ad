/**
 * The layout of checkpoint storage (Flink's FsCheckpointStorage, reduced): under the job's directory one chk-<n>
 * folder per checkpoint holding one state file per subtask and, written last by the JobMaster, _metadata. Task
 * threads (which write the state files) and the JobMaster (which writes and reads the metadata) share it.
 */
import { join } from 'node:path';

export const METADATA_FILE = '_metadata';

export const checkpointFolder = (storageDir: string, checkpointId: number): string =>
  join(storageDir, `chk-${checkpointId}`);

export const subtaskStateFileName = (vertexId: string, subtaskIndex: number): string =>
  `${vertexId}-${subtaskIndex}.state`;

/** The CRC-32 an encodeTaskState file carries in its header (bytes 12..15), as hex: the metadata records it per file. */
export const headerCrc = (bytes: Uint8Array): string => Buffer.from(bytes.subarray(12, 16)).toString('hex');
