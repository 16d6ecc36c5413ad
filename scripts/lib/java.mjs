// Which JDK and Maven this machine has. Flink 2.2 runs on Java 17 or later, and the Flink runner and the Flink
// benchmark are Maven modules, so everything Flink needs a JDK (javac, not only a JRE) and `mvn`. Node built-ins
// only: setup runs this before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const MIN_JAVA_VERSION = 17;

/** The line a Flink test or step prints instead of running where no JDK is installed. */
export const NO_JDK = 'skipped: no JDK';

/** The major version `java -version` reports (it writes to stderr), or null when it does not run. */
function majorVersion(java) {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return null;
  // Java 8 and older report "1.8.0_x".
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/**
 * The JDK to run Flink with: JAVA_HOME's when set, else the one on PATH; null when there is none, it is a JRE
 * without javac, or it is older than Java 17.
 * @returns {{ java: string, javac: string, version: number } | null}
 */
export function findJdk() {
  const home = process.env.JAVA_HOME;
  const [java, javac] =
    home && existsSync(join(home, 'bin', 'java'))
      ? [join(home, 'bin', 'java'), join(home, 'bin', 'javac')]
      : ['java', 'javac'];
  const version = majorVersion(java);
  if (version === null || version < MIN_JAVA_VERSION) return null;
  const compiler = spawnSync(javac, ['-version'], { stdio: 'ignore' });
  if (compiler.error || compiler.status !== 0) return null;
  return { java, javac, version };
}

/** `mvn` when Maven runs on this machine, else null. */
export function findMaven() {
  const result = spawnSync('mvn', ['--version'], { stdio: 'ignore' });
  return result.error || result.status !== 0 ? null : 'mvn';
}

/** What is missing for the Flink features, in words for the user; null when nothing is. */
export function missingForFlink() {
  const missing = [];
  if (!findJdk()) missing.push(`a JDK ${MIN_JAVA_VERSION} or later (java and javac, on PATH or in JAVA_HOME)`);
  if (!findMaven()) missing.push('Maven (mvn on PATH)');
  return missing.length === 0 ? null : `Apache Flink needs ${missing.join(' and ')}`;
}
