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

/** `apps/server/test/{access,paths}.test.ts` names two files, as the shell would expand it. */
function expandBraces(path: string): string[] {
  const group = /\{([^{}]*)\}/.exec(path);
  if (!group) return [path];
  const [head, tail] = [path.slice(0, group.index), path.slice(group.index + group[0].length)];
  return group[1]!.split(',').flatMap((choice) => expandBraces(head + choice + tail));
}

function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((path) => TOP_LEVEL.test(path) && !BUILT.test(path))
    .flatMap(expandBraces);
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
