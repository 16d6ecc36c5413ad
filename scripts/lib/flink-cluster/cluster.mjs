// A local standalone Flink session cluster from Flink's own entry points and the Maven-fetched jars: one
// JobManager JVM (StandaloneSessionClusterEntrypoint: dispatcher, resource manager, REST API and web dashboard)
// and N TaskManager JVMs (TaskManagerRunner), all on 127.0.0.1. Its configuration, logs, uploads and the PIDs of
// its JVMs live under one data directory, so `stop` ends exactly those JVMs, also after the starter crashed.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { findJdk, missingForFlink } from '../java.mjs';
import { choosePort } from '../ports.mjs';
import { flinkRuntimeClasspath } from './classpath.mjs';
import { clusterLayout, jvmOptions, writeConfiguration } from './configuration.mjs';
import { endProcesses, isClusterProcess } from './processes.mjs';

export const DEFAULT_REST_PORT = 8089;
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../sluice-data/flink-cluster', import.meta.url));
const JOB_MANAGER_CLASS = 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint';
const TASK_MANAGER_CLASS = 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner';
const READY_POLL_MS = 250;

/**
 * @typedef {{ id: string, pid: number }} TaskManagerProcess
 * @typedef {{ restUrl: string, jobManagerPid: number, taskManagers: TaskManagerProcess[], startedAt: string }} ClusterRecord
 * @typedef {ClusterRecord & { dataDir: string, taskManagerPids: number[], stop: () => Promise<number[]> }} FlinkCluster
 */

function readRecord(stateFile) {
  if (!existsSync(stateFile)) return null;
  return /** @type {ClusterRecord} */ (JSON.parse(readFileSync(stateFile, 'utf8')));
}

const pidsOf = (record) => [record.jobManagerPid, ...record.taskManagers.map((tm) => tm.pid)];

/**
 * The cluster recorded under `dataDir` with each JVM's liveness, or null when none was started there.
 * @returns {(ClusterRecord & { alive: Record<number, boolean> }) | null}
 */
export function flinkClusterStatus(dataDir = DEFAULT_DATA_DIR) {
  const layout = clusterLayout(dataDir);
  const record = readRecord(layout.stateFile);
  if (!record) return null;
  const alive = Object.fromEntries(pidsOf(record).map((pid) => [pid, isClusterProcess(pid, layout.confDir)]));
  return { ...record, alive };
}

/** Ends the JVMs recorded under `dataDir` (those still running) and forgets them; returns the PIDs it ended. */
export async function stopFlinkCluster(dataDir = DEFAULT_DATA_DIR) {
  const layout = clusterLayout(dataDir);
  const record = readRecord(layout.stateFile);
  if (!record) return [];
  // TaskManagers first, so the JobManager does not restart jobs on a cluster that is going away.
  const ended = [
    ...(await endProcesses(
      record.taskManagers.map((tm) => tm.pid),
      layout.confDir,
    )),
    ...(await endProcesses([record.jobManagerPid], layout.confDir)),
  ];
  rmSync(layout.stateFile, { force: true });
  return ended;
}

function checkCount(name, value, min, max) {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name}: expected an integer from ${min} to ${max}, got ${value}`);
}

/** The last lines of a log, for an error that says why a JVM ended. */
function logTail(file, lines = 30) {
  if (!existsSync(file)) return '(no output)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function overview(restUrl) {
  try {
    const response = await fetch(`${restUrl}/overview`);
    return response.ok ? /** @type {{ taskmanagers: number }} */ (await response.json()) : null;
  } catch {
    return null;
  }
}

/**
 * Starts a cluster and resolves once the REST API answers /overview with every TaskManager registered. On any
 * failure the JVMs already started are ended and the error names the cause (with the failing JVM's output).
 * @param {{ taskManagers?: number, slots?: number, port?: number, dataDir?: string, timeoutMs?: number }} [options]
 *   port 0 picks a free one (tests).
 * @returns {Promise<FlinkCluster>}
 */
export async function startFlinkCluster({
  taskManagers = 2,
  slots = 2,
  port = DEFAULT_REST_PORT,
  dataDir = DEFAULT_DATA_DIR,
  timeoutMs = 180_000,
} = {}) {
  checkCount('--taskmanagers', taskManagers, 1, 16);
  checkCount('--slots', slots, 1, 64);
  checkCount('--port', port, 0, 65535);
  const layout = clusterLayout(resolve(dataDir));
  const previous = flinkClusterStatus(layout.dataDir);
  if (previous && Object.values(previous.alive).some(Boolean))
    throw new Error(
      `a Flink cluster started from ${layout.dataDir} is running at ${previous.restUrl}; stop it first (pnpm flink-cluster stop)`,
    );
  const jdk = findJdk();
  if (!jdk) throw new Error(`${missingForFlink()}`);
  const classpath = flinkRuntimeClasspath();
  const restPort = await choosePort(port);
  const rpcPort = await choosePort(0);
  writeConfiguration(layout, { restPort, rpcPort, slots });

  const restUrl = `http://127.0.0.1:${restPort}`;
  /** @type {ClusterRecord} */
  const record = { restUrl, jobManagerPid: 0, taskManagers: [], startedAt: new Date().toISOString() };
  const exited = new Map();
  const launch = (mainClass, role, name, extraArgs) => {
    const outFile = `${layout.logDir}/${name}.out`;
    const out = openSync(outFile, 'w');
    const child = spawn(
      jdk.java,
      [...jvmOptions(layout, role, name), '-cp', classpath, mainClass, '--configDir', layout.confDir, ...extraArgs],
      // Own process group: a Ctrl-C in the terminal that ran `start` does not reach the cluster.
      { detached: true, stdio: ['ignore', out, out], env: { ...process.env, FLINK_PLUGINS_DIR: layout.pluginsDir } },
    );
    closeSync(out);
    child.on('exit', (code, signal) => exited.set(child.pid, { name, outFile, code, signal }));
    child.unref();
    return child.pid;
  };
  // Recorded after every launch, so `stop` finds whatever was started even if this process dies meanwhile.
  const save = () => writeFileSync(layout.stateFile, `${JSON.stringify(record, null, 2)}\n`);
  const stop = () => stopFlinkCluster(layout.dataDir);
  try {
    record.jobManagerPid = launch(JOB_MANAGER_CLASS, 'jobmanager', 'jobmanager', []);
    save();
    for (let i = 1; i <= taskManagers; i++) {
      const id = `taskmanager-${i}`;
      record.taskManagers.push({
        id,
        pid: launch(TASK_MANAGER_CLASS, 'taskmanager', id, [`-Dtaskmanager.resource-id=${id}`]),
      });
      save();
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [failed] = exited.values();
      if (failed)
        throw new Error(
          `the ${failed.name} JVM exited (${failed.signal ?? `code ${failed.code}`}) during start-up:\n${logTail(`${layout.logDir}/${failed.name}.log`)}\n${logTail(failed.outFile)}`,
        );
      const answer = await overview(restUrl);
      if (answer?.taskmanagers === taskManagers) break;
      if (Date.now() > deadline)
        throw new Error(
          `the cluster did not come up within ${timeoutMs / 1000} s (${answer ? `${answer.taskmanagers} of ${taskManagers} TaskManagers registered` : 'no answer from the REST API'}); logs in ${layout.logDir}`,
        );
      await sleep(READY_POLL_MS);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...record,
    dataDir: layout.dataDir,
    taskManagerPids: record.taskManagers.map((tm) => tm.pid),
    stop,
  };
}
