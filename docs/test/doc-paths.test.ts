/**
 * The docs name files so that a reader can open them: every repository path a README or a page under docs/ puts in
 * backticks, and every relative link, must exist.
 */
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, test } from 'vitest';
import { readRepositoryFile, repositoryRoot, repositoryTextFiles } from './repository';

const TOP_LEVEL = /^(packages|apps|e2e|bench|scripts|docs)\//;
// Build output (`apps/web/dist`) is made by the build, not kept in the repository.
const BUILT = /(^|\/)dist(\/|$)/;

function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((path) => TOP_LEVEL.test(path) && !BUILT.test(path));
}

function linkedPaths(markdown: string, file: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => normalize(join(dirname(file), target)));
}

test('every path the docs name exists', () => {
  const docs = repositoryTextFiles().filter((f) => /^(README\.md|docs\/[^/]+\.md|[^/]+\/README\.md)$/.test(f));
  expect(docs).toContain('docs/architecture.md');
  const missing: string[] = [];
  for (const file of docs) {
    const markdown = readRepositoryFile(file);
    for (const path of [...namedPaths(markdown), ...linkedPaths(markdown, file)]) {
      if (!existsSync(join(repositoryRoot, path))) missing.push(`${file}: ${path}`);
    }
  }
  expect(missing).toEqual([]);
});
