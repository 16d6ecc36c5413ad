// Builds the repository's Maven modules (the Flink runner, the bench's Flink baselines) when their pom or sources
// changed since the last build on this machine. Dependencies are cached in ~/.m2, so only the first build downloads;
// each module's pom writes its resolved runtime classpath to target/classpath.txt for the JVMs Node starts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingForFlink } from './java.mjs';
import { run } from './run.mjs';
import { unlessUnchanged } from './stamp.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

function sourcesDigest(moduleDir) {
  const hash = createHash('sha256');
  const pom = join(moduleDir, 'pom.xml');
  const sources = existsSync(join(moduleDir, 'src')) ? [...files(join(moduleDir, 'src'))].sort() : [];
  for (const file of [pom, ...sources]) {
    hash.update(relative(moduleDir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Packages the Maven module in `moduleDir` (relative to the repository root) unless it is built and unchanged, and
 * returns its jar and classpath file. Throws, saying what is missing, where no JDK 17+ or Maven is installed.
 * @param {string} moduleDir e.g. 'runners/flink'
 * @param {string} jarName the pom's finalName plus '.jar'
 */
export function ensureMavenModule(moduleDir, jarName) {
  const missing = missingForFlink();
  if (missing) throw new Error(missing);
  const dir = resolve(ROOT, moduleDir);
  const jar = join(dir, 'target', jarName);
  const classpathFile = join(dir, 'target', 'classpath.txt');
  unlessUnchanged(
    `maven-${moduleDir.replaceAll('/', '-')}`,
    sourcesDigest(dir),
    // Maven's output goes to stderr: stdout of `sluice run --engine flink` and `plan` is their JSON result.
    () => run('mvn', ['-q', '-B', '-f', join(dir, 'pom.xml'), 'package', '-DskipTests'], { stdio: ['ignore', 2, 2] }),
    () => existsSync(jar) && existsSync(classpathFile),
  );
  return { jar, classpathFile };
}
