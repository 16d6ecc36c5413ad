/**
 * The chained pipeline without Sluice: the limit (a plain loop), RxJS, and a Node.js object-mode stream
 * pipeline, each as one would write it with that tool. Each returns the final sum.
 */
import { pipeline } from 'node:stream/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { filter, last, map, range } from 'rxjs';
import { compilePipelineFunctions } from './pipeline.js';

export function plainLoop(n: number): number {
  const f = compilePipelineFunctions();
  let total = 0;
  for (let i = 1; i <= n; i++) {
    const x = f.map(i);
    if (f.filter(x)) total = f.sum(x);
  }
  return total;
}

export function rxjsPipeline(n: number): number {
  const f = compilePipelineFunctions();
  let total = Number.NaN;
  // range() emits synchronously, so the subscription has run to completion when subscribe() returns.
  range(1, n)
    .pipe(map(f.map), filter(f.filter), map(f.sum), last())
    .subscribe((value) => (total = value));
  return total;
}

export async function nodeStreamsPipeline(n: number): Promise<number> {
  const f = compilePipelineFunctions();
  let total = Number.NaN;
  function* integers() {
    for (let i = 1; i <= n; i++) yield i;
  }
  await pipeline(
    Readable.from(integers()),
    new Transform({ objectMode: true, transform: (x: number, _encoding, done) => done(null, f.map(x)) }),
    new Transform({
      objectMode: true,
      transform: (x: number, _encoding, done) => (f.filter(x) ? done(null, x) : done()),
    }),
    new Writable({
      objectMode: true,
      write: (x: number, _encoding, done) => {
        total = f.sum(x);
        done();
      },
    }),
  );
  return total;
}
