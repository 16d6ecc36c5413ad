/**
 * Peak resident memory, read from Linux's /proc (the figure `ps` and the kernel's OOM killer see, not V8's
 * heap alone). In-process runs reset the kernel's high-water mark first (clear_refs 5), so each run reports its
 * own peak although the baselines share the process; a cluster's TaskManager processes are sampled and summed.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field} line`);
  return Number(match[1]) * 1024;
}

/** Runs `work` and returns its result with this process's peak RSS during it. */
export async function withPeakRss<T>(work: () => T | Promise<T>): Promise<{ result: T; peakRssBytes: number }> {
  globalThis.gc?.();
  writeFileSync('/proc/self/clear_refs', '5');
  const result = await work();
  return { result, peakRssBytes: statusField('self', 'VmHWM') };
}

/**
 * Samples the summed RSS of a set of processes every `intervalMs`; `stop()` returns the highest sum seen.
 * Summing per-process high-water marks instead would add peaks that never happened at the same moment.
 */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    intervalMs = 20,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    let sum = 0;
    for (const pid of this.pids) sum += statusField(pid, 'VmRSS');
    this.peak = Math.max(this.peak, sum);
  }
}
