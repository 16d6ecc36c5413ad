/**
 * ELK in a web worker: elk-api posts each layout to elkjs's own worker script (loaded as a classic worker from the
 * built assets), so a large graph's layout never blocks the canvas. One worker for the page, started on first use.
 */
import ELK, { type ELK as ElkEngine } from 'elkjs/lib/elk-api';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

let engine: ElkEngine | null = null;

export function elkWorkerEngine(): ElkEngine {
  engine ??= new ELK({ workerFactory: () => new Worker(elkWorkerUrl, { name: 'elk-layout' }) });
  return engine;
}
