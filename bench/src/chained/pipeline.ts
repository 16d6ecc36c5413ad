/**
 * The chained benchmark's pipeline: the integers 1..n, doubled, those not divisible by 3 kept, summed. Every
 * contender runs these very function sources, freshly compiled per run, so they differ only in what moves the
 * records from one function to the next.
 */
export const MAP_FN = 'x => x * 2';
export const FILTER_FN = 'x => x % 3 !== 0';
/**
 * A running total kept on the function object, as a Flink RichMapFunction keeps it in a field: the sum stays in
 * the chain, where a keyed `sum` would need a hash edge and so a second task. (A JobGraph fn must be a single
 * function expression, so the field cannot live in a closure.)
 */
export const SUM_FN = 'function sum(x) { sum.total = (sum.total || 0) + x; return sum.total; }';

export interface PipelineFunctions {
  map: (x: number) => number;
  filter: (x: number) => boolean;
  /** Returns the total so far, this record included. */
  sum: (x: number) => number;
}

/** The baselines' copy of the functions, compiled as the engine's compileUserFunction does (without its error wrapper). */
export function compilePipelineFunctions(): PipelineFunctions {
  const compile = (source: string) => new Function(`"use strict"; return (${source})`)();
  return { map: compile(MAP_FN), filter: compile(FILTER_FN), sum: compile(SUM_FN) };
}

/** What every contender must arrive at: 2·(1 + … + n) less the multiples of 3 among 2, 4, …, 2n, i.e. 6·(1 + … + ⌊n/3⌋). */
export function expectedSum(n: number): number {
  const triangle = (k: number) => (k * (k + 1)) / 2;
  return 2 * triangle(n) - 6 * triangle(Math.floor(n / 3));
}
