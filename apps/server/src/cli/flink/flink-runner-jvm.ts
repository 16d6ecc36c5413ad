/**
 * The JVM of the Flink runner (runners/flink): built by Maven when missing or stale (scripts/lib/maven.mjs, shared
 * with setup and `pnpm flink-cluster`), then run as `java -cp <jar>:<classpath> dev.sluice.flink.Main ...`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAIN_CLASS = 'dev.sluice.flink.Main';

export class FlinkUnavailableError extends Error {
  constructor(missing: string) {
    super(`JDK 17+ and Maven are needed for --engine flink: ${missing}`);
    this.name = 'FlinkUnavailableError';
  }
}

interface MavenLib {
  ensureMavenModule(moduleDir: string, jarName: string): { jar: string; classpathFile: string };
}
interface JavaLib {
  findJdk(): { java: string } | null;
  missingForFlink(): string | null;
}

/** The repository root: the folder with pnpm-workspace.yaml above this file (src when tested, dist when bundled). */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('the Flink runner needs the Sluice repository: no pnpm-workspace.yaml above the CLI');
    dir = parent;
  }
  return dir;
}

/** Loaded at run time from the repository, so the bundle does not inline scripts that find files relative to themselves. */
export async function scriptLib<T>(root: string, name: string): Promise<T> {
  return (await import(pathToFileURL(join(root, 'scripts', 'lib', name)).href)) as T;
}

export interface FlinkRunnerJvm {
  java: string;
  classpath: string;
}

/**
 * The runner's jar as built now, under a name of its content in the temp folder: Maven rewrites target/ in place
 * when another process rebuilds the runner, which would pull classes from under a JVM still running.
 */
function snapshotOf(jar: string): string {
  const bytes = readFileSync(jar);
  const snapshot = join(
    tmpdir(),
    `sluice-flink-runner-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.jar`,
  );
  if (!existsSync(snapshot)) {
    const partial = `${snapshot}.${process.pid}`;
    writeFileSync(partial, bytes);
    renameSync(partial, snapshot);
  }
  return snapshot;
}

let jvm: Promise<FlinkRunnerJvm> | undefined;

/** Builds the runner if needed (once per process); a FlinkUnavailableError when no JDK 17+ or Maven is installed. */
export function flinkRunnerJvm(): Promise<FlinkRunnerJvm> {
  jvm ??= (async () => {
    const root = repositoryRoot();
    const java = await scriptLib<JavaLib>(root, 'java.mjs');
    const missing = java.missingForFlink();
    if (missing) throw new FlinkUnavailableError(missing);
    const maven = await scriptLib<MavenLib>(root, 'maven.mjs');
    const previousCwd = process.cwd();
    // maven.mjs keeps its build stamps relative to the repository root.
    process.chdir(root);
    try {
      const { jar, classpathFile } = maven.ensureMavenModule('runners/flink', 'sluice-flink-runner.jar');
      const classpath = `${snapshotOf(jar)}:${readFileSync(classpathFile, 'utf8').trim()}`;
      return { java: java.findJdk()!.java, classpath };
    } finally {
      process.chdir(previousCwd);
    }
  })();
  jvm.catch(() => (jvm = undefined));
  return jvm;
}

export interface RunnerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the runner's Main with `args`; `echo` streams its stderr (sink.print lines, notices) to ours as it comes. */
export async function runFlinkRunner(args: string[], echo: boolean): Promise<RunnerResult> {
  const { java, classpath } = await flinkRunnerJvm();
  const child = spawn(java, ['-cp', classpath, MAIN_CLASS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (echo) process.stderr.write(chunk);
  });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  return { exitCode, stdout, stderr };
}
