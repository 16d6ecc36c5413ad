/** Reads the JOB.json a `sluice` command names: a missing file or broken JSON is a usage error, not a crash. */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../args.js';

export async function readJobFile(path: string | undefined): Promise<unknown> {
  if (path === undefined) throw new UsageError('missing JOB.json: name the JobGraph file to read');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(error);
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}
