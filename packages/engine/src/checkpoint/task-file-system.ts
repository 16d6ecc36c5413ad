/**
 * Synchronous file access a TaskManager worker gives its tasks (node:fs there); the engine itself never touches
 * Node APIs. source.file reads and sink.file writes through it; in the browser there is none.
 */
export interface TaskFileSystem {
  /** The whole file as UTF-8 text; throws (with the OS's reason) when it cannot be read. */
  readFile(path: string): string;
  mkdirs(dir: string): void;
  writeFile(path: string, data: string): void;
  appendFile(path: string, data: string): void;
  rename(from: string, to: string): void;
  exists(path: string): boolean;
  /** File names (not paths) in dir. */
  list(dir: string): string[];
  remove(path: string): void;
}
