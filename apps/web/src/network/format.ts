/** Figures as the canvas prints them: short enough for a node or an edge label. */

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** 950, 12.3k, 4.5M: a rate is read at a glance, its last digits change every frame anyway. */
export function compactRate(perSecond: number): string {
  const n = Math.max(0, perSecond);
  if (Math.round(n) < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** 512 B, 32 KB, 1.5 MB: memory in binary units, as Flink's web UI prints it. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Number((n / 1024).toFixed(n < 10 * 1024 ? 1 : 0))} KB`;
  if (n < 1024 ** 3) return `${Number((n / 1024 ** 2).toFixed(1))} MB`;
  return `${Number((n / 1024 ** 3).toFixed(2))} GB`;
}

/** 850 ms, 12.4 s: a duration as the checkpoint and exception tables print it. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** 14:03:27.412: the time of day with milliseconds, so events a few ms apart read apart. */
export function clockTime(timestamp: number): string {
  const d = new Date(timestamp);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
