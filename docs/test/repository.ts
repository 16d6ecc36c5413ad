/** The repository's own files, as a fresh clone has them plus what is being added (untracked, not ignored). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|yaml|yml|html|css|java|py|sh|xml)$/;

export function repositoryTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // A file deleted in the working tree but not yet in the index is still listed: skip it.
  return listed
    .split('\n')
    .filter((path) => TEXT.test(path) && existsSync(join(repositoryRoot, path)))
    .sort();
}

export function readRepositoryFile(path: string): string {
  return readFileSync(join(repositoryRoot, path), 'utf8');
}
