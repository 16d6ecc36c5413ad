// A single-node Apache Kafka broker in KRaft mode (one JVM that is broker and controller, no ZooKeeper) on
// 127.0.0.1, run from the jars Maven resolved for runners/kafka-broker. Its configuration, storage, log and PID live
// under one data directory, so `stop` ends exactly that JVM, also after the starter crashed.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { findJdk, missingForFlink } from '../java.mjs';
import { ensureMavenModule } from '../maven.mjs';
import { choosePort } from '../ports.mjs';
import { endProcesses, isClusterProcess } from '../flink-cluster/processes.mjs';
import { brokerLayout, writeBrokerConfiguration } from './configuration.mjs';

export const DEFAULT_PORT = 9092;
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../sluice-data/kafka', import.meta.url));
const READY_POLL_MS = 250;
const JVM_OPTIONS = ['-Xms256m', '-Xmx512m', '-XX:MaxMetaspaceSize=192m'];

/**
 * @typedef {{ bootstrapServers: string, pid: number, startedAt: string }} BrokerRecord
 * @typedef {BrokerRecord & { dataDir: string, stop: () => Promise<number[]> }} KafkaBroker
 */

function readRecord(stateFile) {
  if (!existsSync(stateFile)) return null;
  return /** @type {BrokerRecord} */ (JSON.parse(readFileSync(stateFile, 'utf8')));
}

/** The broker recorded under `dataDir` with its liveness, or null when none was started there. */
export function kafkaBrokerStatus(dataDir = DEFAULT_DATA_DIR) {
  const layout = brokerLayout(resolve(dataDir));
  const record = readRecord(layout.stateFile);
  return record ? { ...record, alive: isClusterProcess(record.pid, layout.confDir) } : null;
}

/** Ends the broker recorded under `dataDir` (if it still runs) and forgets it; returns the PIDs it ended. */
export async function stopKafkaBroker(dataDir = DEFAULT_DATA_DIR) {
  const layout = brokerLayout(resolve(dataDir));
  const record = readRecord(layout.stateFile);
  if (!record) return [];
  const ended = await endProcesses([record.pid], layout.confDir);
  rmSync(layout.stateFile, { force: true });
  return ended;
}

function kafkaClasspath() {
  const { classpathFile } = ensureMavenModule('runners/kafka-broker', 'sluice-kafka-broker.jar');
  return readFileSync(classpathFile, 'utf8').trim();
}

function logTail(file, lines = 30) {
  if (!existsSync(file)) return '(no output)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** KRaft storage must be formatted once with a cluster id before the first start (Kafka's `kafka-storage format`). */
function formatStorageOnce(java, classpath, layout) {
  if (existsSync(join(layout.storageDir, 'meta.properties'))) return;
  // A Kafka cluster id is 16 random bytes in URL-safe base64 without padding.
  const clusterId = randomBytes(16).toString('base64url');
  const result = spawnSync(
    java,
    [
      ...JVM_OPTIONS,
      `-Dlog4j2.configurationFile=${layout.log4jFile}`,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '--cluster-id',
      clusterId,
      '--config',
      layout.propertiesFile,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(
      `formatting the broker's storage in ${layout.storageDir} failed:\n${result.stdout}${result.stderr}`,
    );
}

/** Whether the broker answers a metadata request with itself as the cluster's controller. */
async function answers(bootstrapServers) {
  const admin = new Kafka({
    clientId: 'sluice-kafka-start',
    brokers: [bootstrapServers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length === 1 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Starts a broker and resolves once it answers on its bootstrap address. Formats the storage on the first start in
 * `dataDir`. On failure the JVM is ended and the error carries its log.
 * @param {{ port?: number, dataDir?: string, timeoutMs?: number }} [options] port 0 picks a free one (tests).
 * @returns {Promise<KafkaBroker>}
 */
export async function startKafkaBroker({ port = DEFAULT_PORT, dataDir = DEFAULT_DATA_DIR, timeoutMs = 120_000 } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected an integer from 0 to 65535, got ${port}`);
  const layout = brokerLayout(resolve(dataDir));
  const previous = kafkaBrokerStatus(layout.dataDir);
  if (previous?.alive)
    throw new Error(
      `a Kafka broker started from ${layout.dataDir} is running at ${previous.bootstrapServers}; stop it first (pnpm kafka stop)`,
    );
  const jdk = findJdk();
  if (!jdk) throw new Error(`${missingForFlink().replace('Apache Flink', 'Apache Kafka')}`);
  const classpath = kafkaClasspath();
  const brokerPort = await choosePort(port);
  const controllerPort = await choosePort(0);
  writeBrokerConfiguration(layout, { port: brokerPort, controllerPort });
  formatStorageOnce(jdk.java, classpath, layout);

  const bootstrapServers = `127.0.0.1:${brokerPort}`;
  const outFile = join(layout.logDir, 'broker.out');
  const out = openSync(outFile, 'w');
  const child = spawn(
    jdk.java,
    [
      ...JVM_OPTIONS,
      `-Dlog4j2.configurationFile=${layout.log4jFile}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      layout.propertiesFile,
    ],
    // Own process group: a Ctrl-C in the terminal that ran `start` does not reach the broker.
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  child.unref();
  /** @type {BrokerRecord} */
  const record = { bootstrapServers, pid: child.pid, startedAt: new Date().toISOString() };
  writeFileSync(layout.stateFile, `${JSON.stringify(record, null, 2)}\n`);
  const stop = () => stopKafkaBroker(layout.dataDir);
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(bootstrapServers))) {
      if (exited)
        throw new Error(
          `the broker JVM exited (${exited}) during start-up:\n${logTail(join(layout.logDir, 'broker.log'))}\n${logTail(outFile)}`,
        );
      if (Date.now() > deadline)
        throw new Error(`the broker did not answer within ${timeoutMs / 1000} s; logs in ${layout.logDir}`);
      await sleep(READY_POLL_MS);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...record, dataDir: layout.dataDir, stop };
}
