/** Wall time of one run and the rate it implies. */
export interface Timed<T> {
  result: T;
  seconds: number;
}

export async function timed<T>(work: () => T | Promise<T>): Promise<Timed<T>> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The median of the runs' figures: one run disturbed by the machine's other work does not decide it. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
