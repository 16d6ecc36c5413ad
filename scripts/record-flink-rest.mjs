#!/usr/bin/env node
// `node scripts/record-flink-rest.mjs`: records the REST answers of a real Flink session cluster that the server's
// Flink run targets read (apps/server/src/flink), as the fixtures of their unit tests under
// apps/server/test/flink/fixtures. It starts a standalone cluster (free ports) and a Sluice server, runs the
// backpressure-slow-sink example on the cluster through the server (POST /jobs?target=flink-url), its generator
// held to 100 records a second so the job runs for seconds, and saves Flink's answers once while every subtask
// runs with its gauges fetched (taking a savepoint through the server then), and once FINISHED; then the same job
// with a map that throws, and Flink's exceptions once it FAILED. Everything it started is stopped at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt } from './lib/build.mjs';
import { startFlinkCluster } from './lib/flink-cluster/cluster.mjs';
import { ensurePnpm } from './lib/pnpm.mjs';
import { freePort } from './lib/ports.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'apps/server/test/flink/fixtures');
const EXAMPLE = 'backpressure-slow-sink';
const RATE_PER_SECOND = 100;
const POLL_MS = 200;
const TIMEOUT_MS = 180_000;

async function json(url, init) {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** The job, each vertex's subtasks, every per-subtask metric Flink lists for the vertex, and the checkpoints. */
async function snapshot(flink, jobId) {
  const job = await json(`${flink}/jobs/${jobId}`);
  const vertices = {};
  for (const { id } of job.vertices) {
    const base = `${flink}/jobs/${jobId}/vertices/${id}`;
    const listed = (await json(`${base}/metrics`)).map((metric) => metric.id).filter((name) => /^\d+\./.test(name));
    const metrics = [];
    // Flink's REST server refuses long URLs (404): the metrics are asked for in slices.
    for (let i = 0; i < listed.length; i += 40)
      metrics.push(...(await json(`${base}/metrics?get=${listed.slice(i, i + 40).join(',')}`)));
    vertices[id] = { details: await json(base), metrics };
  }
  return { job, vertices, checkpoints: await json(`${flink}/jobs/${jobId}/checkpoints`) };
}

/** A savepoint through the server's route; Flink's answers on the operation, IN_PROGRESS ones and the COMPLETED one. */
async function takeSavepoint(sluice, flink, jobId, targetDirectory) {
  const { requestId } = await json(`${sluice}/jobs/${jobId}/savepoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ targetDirectory }),
  });
  const answers = [];
  for (;;) {
    const answer = await json(`${flink}/jobs/${jobId}/savepoints/${requestId}`);
    if (answers.length === 0 || answer.status.id === 'COMPLETED') answers.push(answer);
    if (answer.status.id === 'COMPLETED') return { requestId, answers };
    await sleep(POLL_MS);
  }
}

/** The same job with a map that throws: Flink fails it (no checkpointing, so no restarts); its exceptions answer. */
async function recordFailure(sluice, flink, jobGraph) {
  const failing = JSON.parse(JSON.stringify(jobGraph));
  failing.operators.find((operator) => operator.id === 'enrich').params.fn =
    "(r) => { throw new Error('no ' + r.key); }";
  const { jobId } = await json(`${sluice}/jobs?target=flink-url&flinkUrl=${encodeURIComponent(flink)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(failing),
  });
  const deadline = Date.now() + TIMEOUT_MS;
  while ((await json(`${flink}/jobs/${jobId}`)).state !== 'FAILED') {
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not fail within ${TIMEOUT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
  const exceptions = await json(`${flink}/jobs/${jobId}/exceptions`);
  writeFileSync(
    join(FIXTURES, `${EXAMPLE}.failed.json`),
    `${JSON.stringify({ jobGraph: failing, exceptions }, null, 2)}\n`,
  );
  console.log(`recorded the failed job ${jobId} into ${FIXTURES}`);
}

const everyGaugeFetched = (recorded) =>
  recorded.job.state === 'RUNNING' &&
  Object.values(recorded.vertices).every(
    ({ details, metrics }) =>
      details.subtasks.every((subtask) => subtask.status === 'RUNNING') &&
      details.subtasks.every((subtask) =>
        metrics.some((metric) => metric.id === `${subtask.subtask}.backPressuredTimeMsPerSecond`),
      ),
  );

async function main() {
  ensureBuilt(ensurePnpm(), 'runtime');
  const dir = mkdtempSync(join(tmpdir(), 'sluice-record-flink-'));
  const cluster = await startFlinkCluster({ port: 0, dataDir: join(dir, 'cluster') });
  const port = await freePort();
  const savepoints = join(dir, 'savepoints');
  const args = ['--port', String(port), '--allow-path', dir];
  const server = spawn(process.execPath, [join(ROOT, 'apps/server/dist/server.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const sluice = `http://127.0.0.1:${port}`;
    await new Promise((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`the Sluice server exited (${code}) before listening`)));
      server.stdout.on('data', (chunk) => String(chunk).includes('Sluice is running') && resolve());
    });
    const jobGraph = await json(`${sluice}/examples/${EXAMPLE}`);
    const generator = jobGraph.operators.find((operator) => operator.kind === 'source.datagen');
    generator.params.ratePerSecond = RATE_PER_SECOND;
    const { jobId } = await json(`${sluice}/jobs?target=flink-url&flinkUrl=${encodeURIComponent(cluster.restUrl)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(jobGraph),
    });
    const deadline = Date.now() + TIMEOUT_MS;
    let running;
    let savepoint;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish within ${TIMEOUT_MS / 1000} s`);
      const recorded = await snapshot(cluster.restUrl, jobId);
      if (!running && everyGaugeFetched(recorded)) {
        running = recorded;
        savepoint = await takeSavepoint(sluice, cluster.restUrl, jobId, savepoints);
      }
      if (recorded.job.state === 'FINISHED') {
        if (!running) throw new Error(`job ${jobId} finished before every subtask's gauges were fetched`);
        mkdirSync(FIXTURES, { recursive: true });
        const write = (name, answers) =>
          writeFileSync(
            join(FIXTURES, `${EXAMPLE}.${name}.json`),
            `${JSON.stringify({ jobGraph, ...answers }, null, 2)}\n`,
          );
        write('running', running);
        write('finished', recorded);
        write('savepoint', savepoint);
        console.log(`recorded job ${jobId} (RUNNING and FINISHED) into ${FIXTURES}`);
        break;
      }
      if (['FAILED', 'CANCELED'].includes(recorded.job.state)) throw new Error(`job ${jobId} is ${recorded.job.state}`);
      await sleep(POLL_MS);
    }
    await recordFailure(sluice, cluster.restUrl, jobGraph);
  } finally {
    server.kill('SIGTERM');
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`record-flink-rest: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
