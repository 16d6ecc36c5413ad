#!/usr/bin/env node
// `pnpm kafka start [--port 9092] | stop | status` runs a single-node KRaft Kafka broker on 127.0.0.1 (see
// scripts/lib/kafka/broker.mjs); `topic create NAME --partitions N`, `produce NAME < file.ndjson` and
// `consume NAME --from-beginning --read-committed` (NDJSON out) talk to it, or to --bootstrap-servers.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  kafkaBrokerStatus,
  startKafkaBroker,
  stopKafkaBroker,
} from './lib/kafka/broker.mjs';
import { consumeToEnd, createTopic, produceNdjson } from './lib/kafka/client.mjs';

const USAGE = `usage: pnpm kafka start [--port P] [--data-dir DIR]
       pnpm kafka stop [--data-dir DIR]
       pnpm kafka status [--data-dir DIR]
       pnpm kafka topic create NAME --partitions N [--bootstrap-servers HOST:PORT]
       pnpm kafka produce NAME [--bootstrap-servers HOST:PORT] < file.ndjson
       pnpm kafka consume NAME --from-beginning [--read-committed] [--bootstrap-servers HOST:PORT]
defaults: port ${DEFAULT_PORT} (0: a free one), data dir sluice-data/kafka, the broker started there`;

function integer(name, text) {
  if (!/^\d+$/.test(text)) throw new Error(`--${name}: expected a whole number, got "${text}"`);
  return Number(text);
}

/** --bootstrap-servers, else the address of the broker `pnpm kafka start` runs from the data directory. */
function bootstrapServers(values) {
  if (values['bootstrap-servers']) return values['bootstrap-servers'];
  const status = kafkaBrokerStatus(values['data-dir']);
  if (!status?.alive)
    throw new Error('no Kafka broker is running: start one (pnpm kafka start) or pass --bootstrap-servers');
  return status.bootstrapServers;
}

function topicName(name, command) {
  if (!name) throw new Error(`${command}: the topic's name is missing\n${USAGE}`);
  return name;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      'bootstrap-servers': { type: 'string' },
      partitions: { type: 'string' },
      'from-beginning': { type: 'boolean', default: false },
      'read-committed': { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = positionals;
  const expectArguments = (count) => {
    if (rest.length > count) throw new Error(`unexpected arguments: ${rest.slice(count).join(' ')}\n${USAGE}`);
  };
  if (command === 'start') {
    expectArguments(0);
    const dataDir = values['data-dir'];
    for (const signal of ['SIGINT', 'SIGTERM'])
      process.once(signal, () => stopKafkaBroker(dataDir).finally(() => process.exit(130)));
    const broker = await startKafkaBroker({ port: integer('port', values.port), dataDir });
    console.log(`Kafka broker running: pid ${broker.pid}; data and logs in ${broker.dataDir}`);
    console.log(broker.bootstrapServers);
  } else if (command === 'stop') {
    expectArguments(0);
    const ended = await stopKafkaBroker(values['data-dir']);
    console.log(ended.length > 0 ? `stopped pid ${ended.join(', ')}` : 'no Kafka broker was running');
  } else if (command === 'status') {
    expectArguments(0);
    const status = kafkaBrokerStatus(values['data-dir']);
    if (!status?.alive) {
      console.log('no Kafka broker is running');
      process.exitCode = 1;
      return;
    }
    console.log(`Kafka broker pid ${status.pid}: running`);
    console.log(status.bootstrapServers);
  } else if (command === 'topic') {
    const [action, name] = rest;
    if (action !== 'create') throw new Error(`topic: unknown action "${action ?? ''}"\n${USAGE}`);
    expectArguments(2);
    if (values.partitions === undefined) throw new Error('topic create: --partitions is missing');
    await createTopic(
      bootstrapServers(values),
      topicName(name, 'topic create'),
      integer('partitions', values.partitions),
    );
    console.log(`created topic ${name} with ${values.partitions} partitions`);
  } else if (command === 'produce') {
    expectArguments(1);
    const name = topicName(rest[0], 'produce');
    const sent = await produceNdjson(bootstrapServers(values), name, readFileSync(0, 'utf8'));
    console.error(`produced ${sent} records to ${name}`);
  } else if (command === 'consume') {
    expectArguments(1);
    const name = topicName(rest[0], 'consume');
    if (!values['from-beginning'])
      throw new Error('consume reads a topic from its beginning to its current end: pass --from-beginning');
    await consumeToEnd(bootstrapServers(values), name, { readCommitted: values['read-committed'] }, ({ value }) =>
      process.stdout.write(`${value}\n`),
    );
  } else {
    throw new Error(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

main().catch((error) => {
  console.error(`kafka: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
