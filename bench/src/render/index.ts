/**
 * Render bench (issue 6 item 2): the real UI in chromium draws 200 operators at parallelism 32 while
 * synthetic metrics for all 6 400 subtasks arrive 4 times a second over socket.io; frame durations are the
 * deltas between requestAnimationFrame callbacks over the live phase. Two views of the same live job, one
 * after the other: the view the canvas keeps after the file is loaded (zoomed in, detailed nodes, a part of
 * the graph on screen), then fitted to the whole graph (all 200 operators on screen, zoomed out below the
 * level of detail's threshold).
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { RuntimeEvent } from '@sluice/protocol';
import { percentile } from '../measure/percentiles.js';
import { startFeedServer } from './feed-server.js';
import { DEPTH, PARALLELISM, PIPELINES, renderBenchJob } from './synthetic-job.js';

const WEB_ROOT = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const METRICS_INTERVAL_MS = 250;

export interface RenderViewResult {
  /** xyflow's zoom while measured. */
  zoom: number;
  /** Operator nodes in the DOM (the canvas renders only those in view). */
  nodesDrawn: number;
  frames: number;
  maxFrameMs: number;
  p99FrameMs: number;
  framesOver50Ms: number;
}

export interface RenderResult {
  operators: number;
  parallelism: number;
  zoomedIn: RenderViewResult;
  fitted: RenderViewResult;
}

// A string, not a function: tsx's transform would add helpers (__name) the page does not have.
const FRAME_DELTAS = (seconds: number) => `new Promise((resolve) => {
  const deltas = [];
  let last = performance.now();
  const end = last + ${seconds * 1000};
  const frame = (now) => {
    deltas.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(frame);
    else resolve(deltas);
  };
  requestAnimationFrame(frame);
})`;

async function measureView(page: Page, seconds: number): Promise<RenderViewResult> {
  const frames = (await page.evaluate(FRAME_DELTAS(seconds))) as number[];
  const view = (await page.evaluate(`({
    zoom: Number(/scale\\(([0-9.]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]),
    nodesDrawn: document.querySelectorAll('.react-flow__node').length,
  })`)) as { zoom: number; nodesDrawn: number };
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    ...view,
    frames: frames.length,
    maxFrameMs: sorted[sorted.length - 1] ?? 0,
    p99FrameMs: percentile(frames, 99),
    framesOver50Ms: frames.filter((f) => f > 50).length,
  };
}

const describe = (name: string, r: RenderViewResult, seconds: number) =>
  `${name} (zoom ${r.zoom.toFixed(2)}, ${r.nodesDrawn} nodes drawn), ${r.frames} frames in ${seconds} s: max ${r.maxFrameMs.toFixed(1)} ms, p99 ${r.p99FrameMs.toFixed(1)} ms, frames > 50 ms: ${r.framesOver50Ms}`;

function metricsEvent(jobId: string, tick: number): RuntimeEvent {
  const subtasks = [];
  for (let p = 0; p < PIPELINES; p += 1) {
    for (let d = 0; d < DEPTH; d += 1) {
      for (let i = 0; i < PARALLELISM; i += 1) {
        const busy = (tick * 37 + d * 11 + i * 7) % 1000;
        subtasks.push({
          vertexId: `p${p}-o${d}`,
          subtaskIndex: i,
          recordsIn: d === 0 ? 0 : tick * 1000,
          recordsOut: d === DEPTH - 1 ? 0 : tick * 1000,
          busyMsPerSecond: busy,
          idleMsPerSecond: 1000 - busy,
          backPressuredMsPerSecond: 0,
          inPoolUsage: 0.1,
          outPoolUsage: 0.2,
          currentInputWatermark: d === 0 ? null : Date.now() - 200,
        });
      }
    }
  }
  return { type: 'metrics', jobId, timestamp: Date.now(), subtasks, channels: [] };
}

export async function renderBenchmark(log: (line: string) => void, liveSeconds = 8): Promise<RenderResult> {
  const server = await startFeedServer(WEB_ROOT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  let feed: ReturnType<typeof setInterval> | undefined;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    server.onSubmit((jobId) => {
      let tick = 0;
      feed = setInterval(() => {
        // The UI takes a job's events once its POST /jobs answer is in: the status goes out with every frame.
        server.publish({ type: 'job.status', jobId, status: 'RUNNING', timestamp: Date.now() });
        server.publish(metricsEvent(jobId, (tick += 1)));
      }, METRICS_INTERVAL_MS);
    });
    await page.goto(server.url);
    await page.getByTestId('load-file').setInputFiles({
      name: 'render-bench.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(renderBenchJob())),
    });
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByTestId('run').click();
    await page.getByTestId('job-status').filter({ hasText: 'RUNNING' }).waitFor();
    // Records reach the nodes once two frames of metrics have landed; the live phase is measured from there.
    await page.waitForTimeout(1000);
    const zoomedIn = await measureView(page, liveSeconds);
    log(`render: ${PIPELINES * DEPTH} operators ×${PARALLELISM}, ${describe('zoomed in', zoomedIn, liveSeconds)}`);
    await page.locator('.react-flow__controls-fitview').click();
    // A second for the new view to settle: the nodes drop their figures (level of detail) and the off-screen ones mount.
    await page.waitForTimeout(1000);
    const fitted = await measureView(page, liveSeconds);
    log(`render: ${PIPELINES * DEPTH} operators ×${PARALLELISM}, ${describe('fitted', fitted, liveSeconds)}`);
    return { operators: PIPELINES * DEPTH, parallelism: PARALLELISM, zoomedIn, fitted };
  } finally {
    if (feed) clearInterval(feed);
    await browser.close();
    await server.close();
  }
}
