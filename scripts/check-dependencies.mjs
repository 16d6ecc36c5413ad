#!/usr/bin/env node
// `pnpm lint`'s dependency check: fails, naming file and line, on an import against the workspace's dependency
// direction, on a Node API in browser-safe source, and on an import of another package's internals.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dependencyViolations } from './lib/dependency-rule.mjs';

function workspacePackages() {
  const dirs = ['e2e', 'bench', 'docs'];
  for (const parent of ['packages', 'apps'])
    for (const entry of readdirSync(parent, { withFileTypes: true }))
      if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const { name, exports } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, name, exports };
    });
}

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\n')
  .filter((file) => file && existsSync(file));
const violations = dependencyViolations(workspacePackages(), files, (file) => readFileSync(file, 'utf8'));
for (const line of violations) console.error(line);
if (violations.length > 0) {
  console.error(`dependency check: ${violations.length} import(s) against docs/architecture.md "Dependency direction"`);
  process.exit(1);
}
console.log('dependency check: every import in its direction');
