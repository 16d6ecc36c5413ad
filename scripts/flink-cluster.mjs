#!/usr/bin/env node
// `pnpm flink-cluster start [--taskmanagers N] [--slots S] [--port P] [--data-dir DIR]` | `stop` | `status`:
// a local standalone Apache Flink session cluster (see scripts/lib/flink-cluster/cluster.mjs). `start` returns once
// every TaskManager is registered and prints the REST URL (also the web dashboard) on a line of its own.
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_REST_PORT,
  flinkClusterStatus,
  startFlinkCluster,
  stopFlinkCluster,
} from './lib/flink-cluster/cluster.mjs';

const USAGE = `usage: pnpm flink-cluster start [--taskmanagers N] [--slots S] [--port P] [--data-dir DIR]
       pnpm flink-cluster stop [--data-dir DIR]
       pnpm flink-cluster status [--data-dir DIR]
defaults: 2 TaskManagers of 2 slots, REST port ${DEFAULT_REST_PORT} (0: a free one), data dir sluice-data/flink-cluster`;

function integer(name, text) {
  if (!/^\d+$/.test(text)) throw new Error(`--${name}: expected a whole number, got "${text}"`);
  return Number(text);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      taskmanagers: { type: 'string', default: '2' },
      slots: { type: 'string', default: '2' },
      port: { type: 'string', default: String(DEFAULT_REST_PORT) },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    },
  });
  const dataDir = values['data-dir'];
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new Error(`unexpected arguments: ${rest.join(' ')}\n${USAGE}`);
  if (command === 'start') {
    // Interrupted while the JVMs come up: end those already started rather than leave them to a later `stop`.
    for (const signal of ['SIGINT', 'SIGTERM'])
      process.once(signal, () => stopFlinkCluster(dataDir).finally(() => process.exit(130)));
    const cluster = await startFlinkCluster({
      taskManagers: integer('taskmanagers', values.taskmanagers),
      slots: integer('slots', values.slots),
      port: integer('port', values.port),
      dataDir,
    });
    console.log(
      `Flink session cluster running: JobManager pid ${cluster.jobManagerPid}, TaskManagers ${cluster.taskManagers.map((tm) => `${tm.id} pid ${tm.pid}`).join(', ')}; logs in ${cluster.dataDir}/log`,
    );
    console.log(cluster.restUrl);
  } else if (command === 'stop') {
    const ended = await stopFlinkCluster(dataDir);
    console.log(ended.length > 0 ? `stopped pids ${ended.join(', ')}` : 'no Flink cluster was running');
  } else if (command === 'status') {
    const status = flinkClusterStatus(dataDir);
    if (!status || !Object.values(status.alive).some(Boolean)) {
      console.log('no Flink cluster is running');
      process.exitCode = 1;
      return;
    }
    const state = (pid) => (status.alive[pid] ? 'running' : 'gone');
    console.log(`JobManager pid ${status.jobManagerPid}: ${state(status.jobManagerPid)}`);
    for (const tm of status.taskManagers) console.log(`${tm.id} pid ${tm.pid}: ${state(tm.pid)}`);
    console.log(status.restUrl);
  } else {
    throw new Error(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

main().catch((error) => {
  console.error(`flink-cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
