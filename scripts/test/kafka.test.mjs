/**
 * `pnpm kafka`: Apache Kafka's broker as a real KRaft JVM on 127.0.0.1, driven through the CLI as a user drives it,
 * with kafkajs (the client Sluice uses) for the transactions. Where no JDK is installed the suite prints
 * "skipped: no JDK" and is skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokerStatus, stopKafkaBroker } from '../lib/kafka/broker.mjs';
import { findJdk, NO_JDK } from '../lib/java.mjs';

const CLI = fileURLToPath(new URL('../kafka.mjs', import.meta.url));
const jdk = findJdk();
if (!jdk) console.log(NO_JDK);

/** Runs the CLI to its end with `input` on stdin: { code, stdout, stderr }. */
function cli(args, input = '') {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
    child.stdin.end(input);
  });
}

const lines = (text) => (text.trim() === '' ? [] : text.trimEnd().split('\n'));

/** Every process on the machine whose command line names `dir` (the broker's JVM carries its conf dir). */
function processesNaming(dir) {
  return new Promise((resolve, reject) =>
    execFile('ps', ['-eo', 'pid=,args='], (error, stdout) =>
      error ? reject(error) : resolve(lines(stdout).filter((line) => line.includes(dir))),
    ),
  );
}

describe.skipIf(!jdk)('pnpm kafka: a single-node KRaft broker on a real JVM', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-kafka-'));
  let bootstrapServers = '';
  const withBroker = (args) => [...args, '--data-dir', dataDir];
  const consume = async (topic, readCommitted) => {
    const result = await cli(
      withBroker(['consume', topic, '--from-beginning', ...(readCommitted ? ['--read-committed'] : [])]),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return lines(result.stdout).map((line) => JSON.parse(line));
  };

  beforeAll(async () => {
    // stderr may carry Maven's output: the first start builds runners/kafka-broker.
    const started = await cli(['start', '--port', '0', '--data-dir', dataDir]);
    expect(started.code).toBe(0);
    bootstrapServers = lines(started.stdout).at(-1);
  });

  afterAll(async () => {
    await stopKafkaBroker(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the bootstrap address on a line of its own, on 127.0.0.1, and records the running JVM', () => {
    expect(bootstrapServers).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(['127.0.0.1:8081', '127.0.0.1:18081']).not.toContain(bootstrapServers);
    expect(kafkaBrokerStatus(dataDir)).toMatchObject({ bootstrapServers, alive: true });
  });

  it('refuses a second start from the same data directory, naming the running broker', async () => {
    const again = await cli(['start', '--port', '0', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`is running at ${bootstrapServers}`);
  });

  it('creates a topic, produces NDJSON to it and consumes every record back once', async () => {
    const created = await cli(withBroker(['topic', 'create', 'numbers', '--partitions', '3']));
    expect(created).toMatchObject({ code: 0, stdout: 'created topic numbers with 3 partitions\n' });
    const records = Array.from({ length: 40 }, (_, i) => ({ n: i, word: `w${i % 7}` }));
    const produced = await cli(withBroker(['produce', 'numbers']), records.map((r) => JSON.stringify(r)).join('\n'));
    expect(produced).toMatchObject({ code: 0, stderr: 'produced 40 records to numbers\n' });
    const consumed = await consume('numbers', true);
    expect(consumed.sort((a, b) => a.n - b.n)).toEqual(records);
  });

  it('refuses NDJSON with a line that is not JSON, naming the line, and sends nothing of it', async () => {
    await cli(withBroker(['topic', 'create', 'strict', '--partitions', '1']));
    const produced = await cli(withBroker(['produce', 'strict']), '{"ok":1}\nnot json\n');
    expect(produced.code).toBe(1);
    expect(produced.stderr).toMatch(/^kafka: line 2: not JSON/);
    expect(await consume('strict', true)).toEqual([]);
  });

  it('refuses a topic that exists and a missing --partitions', async () => {
    const twice = await cli(withBroker(['topic', 'create', 'numbers', '--partitions', '3']));
    expect(twice).toMatchObject({ code: 1, stderr: 'kafka: topic "numbers" exists already\n' });
    const missing = await cli(withBroker(['topic', 'create', 'other']));
    expect(missing).toMatchObject({ code: 1, stderr: 'kafka: topic create: --partitions is missing\n' });
  });

  it('refuses to produce to or consume a topic that does not exist, naming it', async () => {
    const reason =
      'kafka: topic "absent" does not exist; create it with pnpm kafka topic create absent --partitions N\n';
    expect(await cli(withBroker(['produce', 'absent']), '{}\n')).toMatchObject({ code: 1, stderr: reason });
    expect(await cli(withBroker(['consume', 'absent', '--from-beginning']))).toMatchObject({ code: 1, stderr: reason });
  });

  it('--read-committed shows committed transactions only; without it aborted records show too', async () => {
    await cli(withBroker(['topic', 'create', 'transactional', '--partitions', '2']));
    const producer = new Kafka({ brokers: [bootstrapServers], logLevel: logLevel.NOTHING }).producer({
      transactionalId: 'kafka-test',
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({
        topic: 'transactional',
        messages: [{ value: '"committed-1"' }, { value: '"committed-2"' }],
      });
      await committed.commit();
      const aborted = await producer.transaction();
      await aborted.send({ topic: 'transactional', messages: [{ value: '"aborted"' }] });
      await aborted.abort();
    } finally {
      await producer.disconnect();
    }
    expect((await consume('transactional', true)).sort()).toEqual(['committed-1', 'committed-2']);
    expect((await consume('transactional', false)).sort()).toEqual(['aborted', 'committed-1', 'committed-2']);
  });

  it('stop ends the JVM and leaves none behind; a restart keeps the topics and records', async () => {
    const { pid } = kafkaBrokerStatus(dataDir);
    const stopped = await cli(['stop', '--data-dir', dataDir]);
    expect(stopped).toMatchObject({ code: 0, stdout: `stopped pid ${pid}\n` });
    expect(await processesNaming(dataDir)).toEqual([]);
    expect((await cli(['status', '--data-dir', dataDir])).code).toBe(1);

    const restarted = await cli(['start', '--port', '0', '--data-dir', dataDir]);
    expect(restarted.code).toBe(0);
    expect(await consume('numbers', true)).toHaveLength(40);
  });
});
