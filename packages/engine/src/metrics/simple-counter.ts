/**
 * Flink's SimpleCounter: a count in a plain field, so that counting a record where it passes costs an add (a
 * closure over a `let` costs a call and a check that the variable is initialized, per record).
 */
export class SimpleCounter {
  count = 0;

  inc(n: number): void {
    this.count += n;
  }
}
