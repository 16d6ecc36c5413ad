/**
 * `pnpm flink-cluster`: Flink's own standalone entry points as real JVMs on 127.0.0.1, one JobManager and two
 * TaskManagers of two slots, driven through the CLI as a user drives it. Where no JDK is installed the suite prints
 * "skipped: no JDK" and is skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flinkClusterStatus, stopFlinkCluster } from '../lib/flink-cluster/cluster.mjs';
import { isClusterProcess } from '../lib/flink-cluster/processes.mjs';
import { findJdk, NO_JDK } from '../lib/java.mjs';

const CLI = fileURLToPath(new URL('../flink-cluster.mjs', import.meta.url));
const jdk = findJdk();
if (!jdk) console.log(NO_JDK);

/** Runs the CLI to its end: { code, stdout, stderr }. */
async function cli(args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

const lines = (text) => text.trimEnd().split('\n');

/** Every process on the machine whose command line names `dir` (the cluster's JVMs carry its conf dir). */
function processesNaming(dir) {
  return new Promise((resolve, reject) =>
    execFile('ps', ['-eo', 'pid=,args='], (error, stdout) =>
      error ? reject(error) : resolve(lines(stdout).filter((line) => line.includes(dir))),
    ),
  );
}

describe.skipIf(!jdk)('pnpm flink-cluster: a standalone Flink session cluster on real JVMs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-flink-cluster-'));
  let restUrl = '';

  beforeAll(async () => {
    const started = await cli(['start', '--taskmanagers', '2', '--slots', '2', '--port', '0', '--data-dir', dataDir]);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    restUrl = lines(started.stdout).at(-1);
  });

  afterAll(async () => {
    await stopFlinkCluster(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the REST URL on a line of its own, on 127.0.0.1 and on neither of Sluice ports', () => {
    expect(restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(['8081', '18081']).not.toContain(new URL(restUrl).port);
  });

  it('registers both TaskManagers with their slots: /overview and /taskmanagers', async () => {
    const overview = await (await fetch(`${restUrl}/overview`)).json();
    expect(overview).toMatchObject({
      taskmanagers: 2,
      'slots-total': 4,
      'slots-available': 4,
      'jobs-running': 0,
      'flink-version': '2.2.1',
    });
    const { taskmanagers } = await (await fetch(`${restUrl}/taskmanagers`)).json();
    expect(taskmanagers.map((tm) => [tm.id, tm.slotsNumber]).sort()).toEqual([
      ['taskmanager-1', 2],
      ['taskmanager-2', 2],
    ]);
  });

  it('serves the web dashboard from flink-runtime-web', async () => {
    const response = await fetch(`${restUrl}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Apache Flink Web Dashboard');
  });

  it('records one JobManager and two TaskManager JVMs, each running its Flink entry point', async () => {
    const status = flinkClusterStatus(dataDir);
    expect(status.restUrl).toBe(restUrl);
    expect(Object.values(status.alive)).toEqual([true, true, true]);
    const running = await processesNaming(dataDir);
    expect(running.filter((p) => p.includes('StandaloneSessionClusterEntrypoint'))).toHaveLength(1);
    expect(running.filter((p) => p.includes('TaskManagerRunner'))).toHaveLength(2);
  });

  it('refuses a second start on the same data directory, naming the running cluster', async () => {
    const again = await cli(['start', '--port', '0', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`is running at ${restUrl}; stop it first`);
  });

  it('refuses bad options with the option and the reason, starting nothing', async () => {
    const elsewhere = join(dataDir, 'elsewhere');
    const refusals = [];
    for (const option of [
      ['--port', '8081'],
      ['--port', new URL(restUrl).port],
      ['--taskmanagers', '0'],
      ['--slots', 'two'],
    ])
      refusals.push(await cli(['start', ...option, '--data-dir', elsewhere]));
    expect(refusals.map(({ code, stderr }) => [code, stderr.trim()])).toEqual([
      [1, "flink-cluster: --port: 8081 is Sluice's (8081 the app, 18081 the e2e tests)"],
      [1, `flink-cluster: --port: ${new URL(restUrl).port} is in use on 127.0.0.1; pass another, or 0 for a free one`],
      [1, 'flink-cluster: --taskmanagers: expected an integer from 1 to 16, got 0'],
      [1, 'flink-cluster: --slots: expected a whole number, got "two"'],
    ]);
    expect(flinkClusterStatus(elsewhere)).toBeNull();
  });

  it('after a TaskManager JVM crashed, status says so and stop ends exactly the JVMs left, none behind', async () => {
    const { jobManagerPid, taskManagers } = flinkClusterStatus(dataDir);
    const [crashed, survivor] = taskManagers;
    process.kill(crashed.pid, 'SIGKILL');
    while (isClusterProcess(crashed.pid, dataDir)) await sleep(50);

    const status = await cli(['status', '--data-dir', dataDir]);
    expect(lines(status.stdout)).toEqual([
      `JobManager pid ${jobManagerPid}: running`,
      `taskmanager-1 pid ${crashed.pid}: gone`,
      `taskmanager-2 pid ${survivor.pid}: running`,
      restUrl,
    ]);

    const stopped = await cli(['stop', '--data-dir', dataDir]);
    expect(stopped.stdout.trim()).toBe(`stopped pids ${survivor.pid}, ${jobManagerPid}`);
    expect(await processesNaming(dataDir)).toEqual([]);
    expect(flinkClusterStatus(dataDir)).toBeNull();
    expect((await cli(['status', '--data-dir', dataDir])).stdout.trim()).toBe('no Flink cluster is running');
  });
});
