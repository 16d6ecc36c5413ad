/** The TaskFileSystem of a TaskManager's task threads: node:fs, synchronous, as the engine's sources and sinks expect. */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { TaskFileSystem } from '@sluice/engine';

export const nodeFileSystem: TaskFileSystem = {
  readFile: (path) => readFileSync(path, 'utf8'),
  mkdirs: (dir) => void mkdirSync(dir, { recursive: true }),
  writeFile: (path, data) => writeFileSync(path, data),
  appendFile: (path, data) => appendFileSync(path, data),
  rename: (from, to) => renameSync(from, to),
  exists: (path) => existsSync(path),
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  remove: (path) => rmSync(path, { force: true }),
};
