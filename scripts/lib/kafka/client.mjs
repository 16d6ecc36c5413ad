// What `pnpm kafka topic create | produce | consume` do, with kafkajs (see docs/kafka.md for why that client).
import { Kafka, logLevel } from 'kafkajs';

const client = (bootstrapServers) =>
  new Kafka({ clientId: 'sluice-kafka-cli', brokers: [bootstrapServers], logLevel: logLevel.NOTHING });

/** Fails naming the topic when the broker has no such topic (kafkajs would retry for seconds, then blame a partition). */
async function requireTopic(kafka, topic) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic))
      throw new Error(
        `topic "${topic}" does not exist; create it with pnpm kafka topic create ${topic} --partitions N`,
      );
  } finally {
    await admin.disconnect();
  }
}

/** Creates `topic` with `partitions` partitions and waits until each has a leader; fails if it exists. */
export async function createTopic(bootstrapServers, topic, partitions) {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`--partitions: expected a whole number of at least 1, got ${partitions}`);
  const admin = client(bootstrapServers).admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    if (!created) throw new Error(`topic "${topic}" exists already`);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produces one record per non-blank line of NDJSON to `topic` (value = the line, no key, the default partitioner)
 * and returns how many it sent. Every line is checked to be JSON before anything is sent.
 * @param {string} text
 */
export async function produceNdjson(bootstrapServers, topic, text) {
  const values = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      JSON.parse(line);
    } catch (error) {
      throw new Error(`line ${index + 1}: not JSON (${error.message})`);
    }
    values.push(line);
  });
  const kafka = client(bootstrapServers);
  await requireTopic(kafka, topic);
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
  try {
    if (values.length > 0) await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
  return values.length;
}

/**
 * Reads `topic` from its earliest offsets up to the end each partition had when called (the last stable offset:
 * records of transactions still open are not waited for) and passes each record to `onRecord` in partition order.
 * With `readCommitted` records of aborted transactions are skipped, as a read_committed Kafka consumer does.
 * @param {(record: { partition: number, offset: string, value: string }) => void} onRecord
 */
export async function consumeToEnd(bootstrapServers, topic, { readCommitted }, onRecord) {
  const kafka = client(bootstrapServers);
  await requireTopic(kafka, topic);
  const admin = kafka.admin();
  await admin.connect();
  /** The end of each partition that has records; those not yet reached stay in `pending`. */
  const ends = new Map();
  try {
    for (const { partition, offset, low } of await admin.fetchTopicOffsets(topic))
      if (BigInt(offset) > BigInt(low)) ends.set(partition, BigInt(offset));
  } finally {
    await admin.disconnect();
  }
  const pending = new Set(ends.keys());
  if (pending.size === 0) return;
  // A fresh group each time: nothing committed, so every partition starts at its earliest offset.
  const consumer = kafka.consumer({
    groupId: `sluice-kafka-consume-${process.pid}-${Date.now()}`,
    readUncommitted: !readCommitted,
  });
  await consumer.connect();
  try {
    await new Promise((resolve, reject) => {
      // END_BATCH_PROCESS also reports batches of only transaction markers or aborted records, which eachMessage
      // never sees, so it is what tells the consumer's position.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (BigInt(payload.lastOffset) + 1n >= (ends.get(payload.partition) ?? 0n)) pending.delete(payload.partition);
        if (pending.size === 0) resolve(undefined);
      });
      // kafkajs restarts the consumer after a retriable error (a group coordinator still loading on a fresh broker).
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      consumer
        .subscribe({ topic, fromBeginning: true })
        .then(() =>
          consumer.run({
            eachMessage: async ({ partition, message }) => {
              // Records appended after the call began are past the end it reads to.
              if (BigInt(message.offset) >= (ends.get(partition) ?? 0n)) return;
              onRecord({ partition, offset: message.offset, value: message.value?.toString('utf8') ?? 'null' });
            },
          }),
        )
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
