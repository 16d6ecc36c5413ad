/**
 * Which JDK the Flink features use (scripts/lib/java.mjs): JAVA_HOME's when set, else the one on PATH, and only a
 * JDK (java and javac) of version 17 or later. The JDKs here are small scripts answering `-version` as each release
 * does, run in a child Node process with its own environment.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const JAVA_LIB = fileURLToPath(new URL('../lib/java.mjs', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'sluice-java-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A JAVA_HOME whose bin/java prints `versionLine` on stderr as `java -version` does; with javac unless told. */
function fakeJdk(name, versionLine, { javac = true } = {}) {
  const bin = join(root, name, 'bin');
  mkdirSync(bin, { recursive: true });
  const tools = javac ? ['java', 'javac'] : ['java'];
  for (const tool of tools) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho '${versionLine}' >&2\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return join(root, name);
}

/** A PATH folder holding node alone: node's own folder may hold java and mvn too (/usr/bin). */
const nodeOnly = join(root, 'node-only');
mkdirSync(nodeOnly);
symlinkSync(process.execPath, join(nodeOnly, 'node'));

/** findJdk() and missingForFlink() as a process with `env` sees them (PATH holds node alone). */
function probe(env) {
  const script = `import('${JAVA_LIB}').then((m) => console.log(JSON.stringify({ jdk: m.findJdk(), missing: m.missingForFlink() })))`;
  const stdout = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: nodeOnly, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

describe('findJdk', () => {
  it('finds none without java on PATH or JAVA_HOME, and says what Flink needs', () => {
    const { jdk, missing } = probe({});
    expect(jdk).toBeNull();
    expect(missing).toBe(
      'Apache Flink needs a JDK 17 or later (java and javac, on PATH or in JAVA_HOME) and Maven (mvn on PATH)',
    );
  });

  it('takes JAVA_HOME and reads the major version of a current JDK', () => {
    const home = fakeJdk('jdk-17', 'openjdk version "17.0.15" 2025-04-15');
    expect(probe({ JAVA_HOME: home }).jdk).toEqual({
      java: join(home, 'bin', 'java'),
      javac: join(home, 'bin', 'javac'),
      version: 17,
    });
  });

  it('refuses Java 8 (reported as 1.8) and a JRE without javac', () => {
    expect(probe({ JAVA_HOME: fakeJdk('jdk-8', 'openjdk version "1.8.0_392"') }).jdk).toBeNull();
    expect(
      probe({ JAVA_HOME: fakeJdk('jre-21', 'openjdk version "21.0.2" 2024-01-16', { javac: false }) }).jdk,
    ).toBeNull();
  });
});
