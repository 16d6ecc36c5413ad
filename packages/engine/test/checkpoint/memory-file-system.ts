/** An in-memory TaskFileSystem: the host's seam (node:fs on a TaskManager), not one of our components. */
import type { TaskFileSystem } from '../../src/checkpoint/index.js';

export class MemoryFileSystem implements TaskFileSystem {
  readonly files = new Map<string, string>();
  mkdirs(): void {}
  readFile(path: string): string {
    const data = this.files.get(path);
    if (data === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
    return data;
  }
  writeFile(path: string, data: string): void {
    this.files.set(path, data);
  }
  appendFile(path: string, data: string): void {
    this.files.set(path, (this.files.get(path) ?? '') + data);
  }
  rename(from: string, to: string): void {
    const data = this.files.get(from);
    if (data === undefined) throw new Error(`no file ${from}`);
    this.files.delete(from);
    this.files.set(to, data);
  }
  exists(path: string): boolean {
    return this.files.has(path);
  }
  list(dir: string): string[] {
    return [...this.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
  }
  remove(path: string): void {
    this.files.delete(path);
  }
  /** Lines of the committed files (part-*), sorted: what a reader of the output directory sees. */
  committedLines(): string[] {
    return [...this.files]
      .filter(([path]) => /\/part-\d+-\d+$/.test(path))
      .flatMap(([, data]) => data.split('\n').filter((line) => line !== ''))
      .sort();
  }
}
