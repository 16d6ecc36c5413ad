/**
 * `source.file` {path, format}: Flink's FileSource over one file, read whole when the task starts. `text` gives
 * one string record per line (TextLineInputFormat: empty lines too, no line ending); `ndjson` one JSON value per
 * non-blank line. The lines are then split between the subtasks as a collection's elements are (line i goes to
 * subtask i % p), so the read position is checkpointed and restored like any other source's.
 */
import type { TaskFileSystem } from '../../checkpoint/task-file-system.js';
import type { CollectionElement } from './collection-source.js';

export interface FileSourceParams {
  path: string;
  format: 'ndjson' | 'text';
}

export function readFileSourceElements(
  operatorId: string,
  params: FileSourceParams,
  fileSystem: TaskFileSystem,
): CollectionElement[] {
  let text: string;
  try {
    text = fileSystem.readFile(params.path);
  } catch (error) {
    throw new Error(
      `operator "${operatorId}" params.path: cannot read ${params.path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const lines = text.split(/\r?\n/);
  // A file ending in a newline has no line after it.
  if (lines.at(-1) === '') lines.pop();
  if (params.format === 'text') return lines.map((line) => ({ value: line }));
  const elements: CollectionElement[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      elements.push({ value: JSON.parse(line) as unknown });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `operator "${operatorId}": ${params.path} line ${index + 1} is not JSON (${reason}): ${line.slice(0, 80)}`,
      );
    }
  });
  return elements;
}
