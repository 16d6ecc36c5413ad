// The files of a single-node KRaft broker under its data directory: server.properties (one JVM is both broker and
// controller, on 127.0.0.1) and a Log4j 2 configuration writing one log file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folders and files of a broker under its data directory. */
export function brokerLayout(dataDir) {
  return {
    dataDir,
    confDir: join(dataDir, 'conf'),
    logDir: join(dataDir, 'log'),
    // Kafka's own "logs": the partitions' segments and the KRaft metadata log.
    storageDir: join(dataDir, 'storage'),
    propertiesFile: join(dataDir, 'conf', 'server.properties'),
    log4jFile: join(dataDir, 'conf', 'log4j2.properties'),
    stateFile: join(dataDir, 'broker.json'),
  };
}

/**
 * Writes conf/server.properties and conf/log4j2.properties.
 * @param {ReturnType<typeof brokerLayout>} layout
 * @param {{ port: number, controllerPort: number }} ports
 */
export function writeBrokerConfiguration(layout, { port, controllerPort }) {
  for (const dir of [layout.confDir, layout.logDir, layout.storageDir]) mkdirSync(dir, { recursive: true });
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static quorum of this one node: the storage is formatted without --standalone and the controller's port may
    // change between starts.
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': layout.storageDir,
    'num.partitions': 1,
    // One broker: every internal topic has one replica, or transactions and consumer groups never become available.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 4,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 4,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // A lone consumer joins its group at once rather than after the 3 s a production cluster waits for others.
    'group.initial.rebalance.delay.ms': 0,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${value}`);
  writeFileSync(layout.propertiesFile, `# Written by pnpm kafka start.\n${lines.join('\n')}\n`);
  writeFileSync(
    layout.log4jFile,
    [
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.file.ref = Broker',
      'appender.broker.name = Broker',
      'appender.broker.type = File',
      `appender.broker.fileName = ${join(layout.logDir, 'broker.log')}`,
      'appender.broker.layout.type = PatternLayout',
      'appender.broker.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c - %m%n',
      '',
    ].join('\n'),
  );
}
