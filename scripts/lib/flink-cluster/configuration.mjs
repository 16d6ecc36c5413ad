// The configuration directory of a local standalone Flink session cluster (Flink 2.x reads conf/config.yaml) and
// the JVM options of its processes. Flink's start scripts compute -Xmx and friends from config.yaml with a helper
// of flink-dist; we start the entry points ourselves, so every memory component is fixed here and the JVM flags
// are derived from the same numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Memory in MiB, small enough for several clusters and other work on a 2-core, 24 GB machine. */
const JOB_MANAGER_MEMORY = { heap: 256, offHeap: 128, metaspace: 192 };
const TASK_MANAGER_MEMORY = {
  frameworkHeap: 64,
  // The runner's JavaScript engine lives on the task heap.
  taskHeap: 512,
  frameworkOffHeap: 64,
  taskOffHeap: 0,
  managed: 128,
  network: 64,
  metaspace: 192,
  overhead: 128,
};

/** The folders of a cluster under its data directory. */
export function clusterLayout(dataDir) {
  return {
    dataDir,
    confDir: join(dataDir, 'conf'),
    logDir: join(dataDir, 'log'),
    tmpDir: join(dataDir, 'tmp'),
    uploadDir: join(dataDir, 'upload'),
    webDir: join(dataDir, 'web'),
    pluginsDir: join(dataDir, 'plugins'),
    stateFile: join(dataDir, 'cluster.json'),
  };
}

const mb = (n) => `${n}m`;

/**
 * Writes conf/config.yaml and conf/log4j.properties for a cluster on 127.0.0.1.
 * @param {ReturnType<typeof clusterLayout>} layout
 * @param {{ restPort: number, rpcPort: number, slots: number }} options
 */
export function writeConfiguration(layout, { restPort, rpcPort, slots }) {
  for (const dir of [layout.confDir, layout.logDir, layout.tmpDir, layout.uploadDir, layout.webDir, layout.pluginsDir])
    mkdirSync(dir, { recursive: true });
  const tm = TASK_MANAGER_MEMORY;
  const settings = {
    'jobmanager.rpc.address': '127.0.0.1',
    'jobmanager.rpc.port': rpcPort,
    'jobmanager.bind-host': '127.0.0.1',
    'jobmanager.memory.heap.size': mb(JOB_MANAGER_MEMORY.heap),
    'jobmanager.memory.off-heap.size': mb(JOB_MANAGER_MEMORY.offHeap),
    'jobmanager.memory.jvm-metaspace.size': mb(JOB_MANAGER_MEMORY.metaspace),
    'rest.address': '127.0.0.1',
    'rest.bind-address': '127.0.0.1',
    'rest.port': restPort,
    'taskmanager.host': '127.0.0.1',
    'taskmanager.bind-host': '127.0.0.1',
    'taskmanager.numberOfTaskSlots': slots,
    // Flink's scripts default the CPU share of a TaskManager to its slot count.
    'taskmanager.cpu.cores': slots,
    'taskmanager.memory.framework.heap.size': mb(tm.frameworkHeap),
    'taskmanager.memory.task.heap.size': mb(tm.taskHeap),
    'taskmanager.memory.framework.off-heap.size': mb(tm.frameworkOffHeap),
    'taskmanager.memory.task.off-heap.size': mb(tm.taskOffHeap),
    'taskmanager.memory.managed.size': mb(tm.managed),
    'taskmanager.memory.network.min': mb(tm.network),
    'taskmanager.memory.network.max': mb(tm.network),
    'taskmanager.memory.jvm-metaspace.size': mb(tm.metaspace),
    'taskmanager.memory.jvm-overhead.min': mb(tm.overhead),
    'taskmanager.memory.jvm-overhead.max': mb(tm.overhead),
    // A killed TaskManager is found by failed heartbeat RPCs (2 in a row) rather than the 50 s timeout, so a
    // job restarts in seconds on a local cluster.
    'heartbeat.interval': '2 s',
    'heartbeat.timeout': '15 s',
    // The REST API's task metrics refresh every second (Flink's default 10 s), the rate Sluice's canvas polls at.
    'metrics.fetcher.update-interval': '1 s',
    'web.upload.dir': layout.uploadDir,
    'web.tmpdir': layout.webDir,
    'io.tmp.dirs': layout.tmpDir,
  };
  const yaml = Object.entries(settings)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : value}`)
    .join('\n');
  writeFileSync(join(layout.confDir, 'config.yaml'), `# Written by pnpm flink-cluster start.\n${yaml}\n`);
  // One log file per process, named by the JVM's -Dlog.file, which is also what the dashboard's Logs tab shows.
  writeFileSync(
    join(layout.confDir, 'log4j.properties'),
    [
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.file.ref = MainAppender',
      'appender.main.name = MainAppender',
      'appender.main.type = File',
      'appender.main.append = true',
      'appender.main.fileName = ${sys:log.file}',
      'appender.main.layout.type = PatternLayout',
      'appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n',
      '',
    ].join('\n'),
  );
}

// Flink serializes JDK collections and reaches into NIO reflectively; Java 17 allows it only when opened.
const OPENED_PACKAGES = [
  'java.base/java.lang',
  'java.base/java.lang.reflect',
  'java.base/java.io',
  'java.base/java.net',
  'java.base/java.nio',
  'java.base/sun.nio.ch',
  'java.base/java.text',
  'java.base/java.time',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/java.util.concurrent.atomic',
  'java.base/java.util.concurrent.locks',
];

/**
 * The JVM options of one process of the cluster: memory limits matching config.yaml, the opened packages, and its
 * log file.
 * @param {ReturnType<typeof clusterLayout>} layout
 * @param {'jobmanager' | 'taskmanager'} role
 * @param {string} logName the log file's name without extension
 */
export function jvmOptions(layout, role, logName) {
  const tm = TASK_MANAGER_MEMORY;
  const jm = JOB_MANAGER_MEMORY;
  const [heap, direct, metaspace] =
    role === 'jobmanager'
      ? [jm.heap, jm.offHeap, jm.metaspace]
      : [tm.frameworkHeap + tm.taskHeap, tm.frameworkOffHeap + tm.taskOffHeap + tm.network, tm.metaspace];
  return [
    `-Xms${heap}m`,
    `-Xmx${heap}m`,
    `-XX:MaxDirectMemorySize=${direct}m`,
    `-XX:MaxMetaspaceSize=${metaspace}m`,
    ...OPENED_PACKAGES.map((pkg) => `--add-opens=${pkg}=ALL-UNNAMED`),
    `-Dlog4j.configurationFile=${join(layout.confDir, 'log4j.properties')}`,
    `-Dlog.file=${join(layout.logDir, `${logName}.log`)}`,
  ];
}
