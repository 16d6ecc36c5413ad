/** Flink answers failures as Java stack traces; the innermost "Caused by:" is what went wrong, else the first line. */
export function rootCause(stackTrace: string): string {
  const lines = stackTrace.split('\n');
  const causes = lines.filter((line) => line.startsWith('Caused by: '));
  return (causes.at(-1)?.slice('Caused by: '.length) ?? lines[0]!).trim();
}
