// The dependency direction of the workspace (docs/architecture.md, "Dependency direction"), checked on the import
// statements of every source file. Node built-ins only: lint runs it before anything is built.
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';

/** Which workspace packages each layered package may import; e2e, bench and docs sit above them all. */
export const ALLOWED = {
  '@sluice/model': [],
  '@sluice/planner': ['@sluice/model'],
  '@sluice/engine': ['@sluice/model', '@sluice/planner'],
  '@sluice/protocol': ['@sluice/model', '@sluice/planner'],
  '@sluice/cluster': ['@sluice/model', '@sluice/planner', '@sluice/engine', '@sluice/protocol'],
  '@sluice/server': ['@sluice/model', '@sluice/planner', '@sluice/engine', '@sluice/protocol', '@sluice/cluster'],
  '@sluice/web': ['@sluice/model', '@sluice/planner', '@sluice/engine', '@sluice/protocol'],
};

/** Their src/ also runs in the browser (the editor, the step-mode worker), so it may not use Node APIs. */
export const BROWSER_SAFE = ['@sluice/model', '@sluice/planner', '@sluice/engine', '@sluice/protocol'];

const SOURCE = /\.(ts|tsx|mts|js|mjs|cjs)$/;
const IMPORT =
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function isNodeApi(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

/**
 * `packages`: { dir, name, exports } of every workspace package; `files`: repository-relative paths;
 * `read(path)`: a file's text. Returns one line per violation, `path:line: reason`.
 */
export function dependencyViolations(packages, files, read) {
  const byDir = [...packages].sort((a, b) => b.dir.length - a.dir.length);
  const packageOf = (path) => byDir.find((p) => path.startsWith(`${p.dir}/`));
  const byName = new Map(packages.map((p) => [p.name, p]));
  const violations = [];
  for (const file of files) {
    const owner = packageOf(file);
    if (!owner || !SOURCE.test(file) || file.includes('/node_modules/') || file.includes('/dist/')) continue;
    const text = read(file);
    const inBrowserSource = BROWSER_SAFE.includes(owner.name) && file.startsWith(`${owner.dir}/src/`);
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      const at = `${file}:${lineOf(text, match.index)}`;
      const reason = violation(owner, specifier, file, { byName, packageOf, inBrowserSource });
      if (reason) violations.push(`${at}: ${reason}`);
    }
  }
  return violations;
}

function violation(owner, specifier, file, { byName, packageOf, inBrowserSource }) {
  if (specifier.startsWith('.')) {
    const target = packageOf(normalize(join(dirname(file), specifier)));
    if (target && target !== owner)
      return `imports ${target.name}'s internals by a relative path ('${specifier}'): import from '${target.name}'`;
    return undefined;
  }
  if (isNodeApi(specifier))
    return inBrowserSource
      ? `imports ${specifier}: ${owner.name} runs in the browser, no Node APIs in its src/`
      : undefined;
  const [scope, name, ...rest] = specifier.split('/');
  const imported = byName.get(`${scope}/${name}`);
  if (!imported) return undefined;
  if (rest.length > 0 && !Object.hasOwn(imported.exports ?? {}, `./${rest.join('/')}`))
    return `imports ${imported.name}'s internals ('${specifier}'): only what its package.json exports`;
  const allowed = ALLOWED[owner.name];
  if (allowed && imported !== owner && !allowed.includes(imported.name))
    return `imports ${imported.name} against the direction model → planner → engine/protocol → cluster → server`;
  return undefined;
}
