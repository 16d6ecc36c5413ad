/** The dependency rule `pnpm lint` runs (scripts/check-dependencies.mjs), on small made-up workspaces. */
import { describe, expect, test } from 'vitest';
import { dependencyViolations } from '../../scripts/lib/dependency-rule.mjs';

const packages = [
  { dir: 'packages/model', name: '@sluice/model', exports: { '.': './src/index.ts' } },
  { dir: 'packages/engine', name: '@sluice/engine', exports: { '.': './src/index.ts' } },
  { dir: 'packages/cluster', name: '@sluice/cluster', exports: { '.': './src/index.ts' } },
  { dir: 'apps/server', name: '@sluice/server', exports: undefined },
  { dir: 'apps/web', name: '@sluice/web', exports: undefined },
];

/** An import statement built at run time, so that the check run over this very file does not take it for one. */
function importOf(what: string, specifier: string, keyword = 'import'): string {
  return `${keyword} ${what} from '${specifier}';`;
}

function check(files: Record<string, string>): string[] {
  return dependencyViolations(packages, Object.keys(files), (path: string) => files[path]!);
}

describe('the dependency rule', () => {
  test('lets a package import the packages before it, through their index', () => {
    expect(
      check({
        'packages/engine/src/a.ts': `${importOf('type { JobGraph }', '@sluice/model')}\n${importOf('{ b }', './b')}`,
        'packages/cluster/src/a.ts': `${importOf('{ readFileSync }', 'node:fs')}\n${importOf('{ x }', '@sluice/engine', 'export')}`,
        'apps/server/src/a.ts': `const m = await ${'import'}('@sluice/cluster');`,
      }),
    ).toEqual([]);
  });

  test('fails on an import against model → planner → engine → cluster → server, naming file and line', () => {
    expect(
      check({
        'packages/engine/src/a.ts': `// the engine\n${importOf('{\n  LocalCluster,\n}', '@sluice/cluster')}`,
        'apps/web/src/b.tsx': importOf('{ server }', '@sluice/server'),
      }),
    ).toEqual([
      'packages/engine/src/a.ts:2: imports @sluice/cluster against the direction model → planner → engine/protocol → cluster → server',
      'apps/web/src/b.tsx:1: imports @sluice/server against the direction model → planner → engine/protocol → cluster → server',
    ]);
  });

  test('fails on Node APIs in the src/ of a browser-safe package, not in its tests', () => {
    expect(
      check({
        'packages/model/src/a.ts': importOf('{ join }', 'path'),
        'packages/engine/src/b.ts': importOf('{ Worker }', 'node:worker_threads'),
        'packages/engine/test/c.test.ts': importOf('{ readFileSync }', 'node:fs'),
      }),
    ).toEqual([
      'packages/model/src/a.ts:1: imports path: @sluice/model runs in the browser, no Node APIs in its src/',
      'packages/engine/src/b.ts:1: imports node:worker_threads: @sluice/engine runs in the browser, no Node APIs in its src/',
    ]);
  });

  test("fails on another package's internals, by name or by relative path", () => {
    expect(
      check({
        'packages/cluster/src/a.ts': importOf('{ StreamTask }', '@sluice/engine/src/task/stream-task'),
        'apps/server/test/b.ts': importOf('{ x }', '../../../packages/model/src/jobgraph'),
      }),
    ).toEqual([
      "packages/cluster/src/a.ts:1: imports @sluice/engine's internals ('@sluice/engine/src/task/stream-task'): only what its package.json exports",
      "apps/server/test/b.ts:1: imports @sluice/model's internals by a relative path ('../../../packages/model/src/jobgraph'): import from '@sluice/model'",
    ]);
  });
});
