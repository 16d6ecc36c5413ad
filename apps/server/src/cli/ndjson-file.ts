/** NDJSON output of `sluice run`: one JSON value a line, opened up front so a bad path fails before the job runs. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { UsageError } from '../args.js';

/** JSON has no `undefined`; a record that is undefined is written as null so every line stays a JSON value. */
export const ndjsonLine = (value: unknown): string => `${JSON.stringify(value) ?? 'null'}\n`;

export class NdjsonFile {
  private constructor(private readonly stream: WriteStream) {}

  static async open(path: string, flag: string): Promise<NdjsonFile> {
    const stream = createWriteStream(path);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: NodeJS.ErrnoException) =>
        reject(new UsageError(`${flag}: cannot write ${path}: ${error.code ?? error.message}`)),
      );
    });
    return new NdjsonFile(stream);
  }

  write(value: unknown): void {
    this.stream.write(ndjsonLine(value));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
