// Work that is redone only when its inputs changed: a digest of the inputs is kept in a stamp file under
// node_modules/.sluice, so a second `npm start` or `npm test` skips what is already done on this machine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP_DIR = 'node_modules/.sluice';

/** Runs `work` unless the stamp `name` holds `digest` and `isDone()` agrees; then records `digest`. */
export function unlessUnchanged(name, digest, work, isDone = () => true) {
  const stampFile = join(STAMP_DIR, name);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest && isDone()) return;
  work();
  mkdirSync(STAMP_DIR, { recursive: true });
  writeFileSync(stampFile, digest);
}
