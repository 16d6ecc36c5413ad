/**
 * The folders a Dispatcher's jobs may read and write: its data root (default `sluice-data/` in the working
 * directory, created at start) and the folders given with `--allow-path`. A relative path is taken against the
 * data root; `..` and symbolic links that lead outside are refused. The refusal reads the same whether the path
 * outside exists or not, so a request learns nothing about the rest of the file system.
 */
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface ConfinedPaths {
  root: string;
  /** The absolute path `given` names inside an allowed folder, or undefined when it leads anywhere else. */
  resolve(given: string): string | undefined;
  /** Why `given` is refused, the same sentence for every path outside (existing or not). */
  refusal(given: string): string;
}

export function confinedPaths(dataRoot: string, allowedPaths: readonly string[]): ConfinedPaths {
  mkdirSync(dataRoot, { recursive: true });
  const root = realpathSync(dataRoot);
  const allowed = [root, ...allowedPaths.map((path) => realpathSync(resolve(path)))];
  const inside = (path: string) =>
    allowed.some((folder) => {
      const rest = relative(folder, path);
      return rest === '' || (!rest.startsWith(`..${sep}`) && rest !== '..' && !isAbsolute(rest));
    });
  return {
    root,
    resolve(given) {
      if (given.includes('\0')) return undefined;
      const path = resolve(root, given);
      // Refused by its name alone before the file system is asked anything about it.
      if (!inside(path)) return undefined;
      const real = realpathOfExistingPart(path);
      return real !== undefined && inside(real) ? path : undefined;
    },
    refusal(given) {
      const allowList = allowed.length > 1 ? ' or a folder given with --allow-path' : '';
      return `${JSON.stringify(given)} is not inside this server's data root ${root}${allowList}; use a path relative to the data root`;
    },
  };
}

/**
 * The path with its longest existing prefix replaced by its real path: where a symbolic link on the way leads.
 * Undefined for a link that leads nowhere (writing through it would create its target, wherever that is).
 */
function realpathOfExistingPart(path: string): string | undefined {
  let existing = path;
  while (!entryExists(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    existing = parent;
  }
  try {
    return resolve(realpathSync(existing), relative(existing, path));
  } catch {
    return undefined;
  }
}

/** Whether anything (a link included) is at `path`; under a file (ENOTDIR) nothing is. */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
