/** The machine block of results.json: what the figures were measured on, and how busy it was meanwhile. */
import { execFileSync } from 'node:child_process';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';

/** The `uptime` line: the load the figures were measured under, in the form people compare. */
const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();

export interface MachineProbe {
  /** The `uptime` line when the benchmarks started. */
  readonly uptimeAtStart: string;
  /** Call when the benchmarks are done. */
  finish(): Record<string, unknown>;
}

export function probeMachine(scale: number): MachineProbe {
  const started = { at: new Date().toISOString(), uptime: uptime(), loadAverage: loadavg() };
  return {
    uptimeAtStart: started.uptime,
    finish: () => ({
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemoryBytes: totalmem(),
      platform: `${platform()} ${arch()}`,
      node: process.version,
      scale,
      startedAt: started.at,
      finishedAt: new Date().toISOString(),
      uptimeAtStart: started.uptime,
      uptimeAtEnd: uptime(),
      loadAverageAtStart: started.loadAverage,
      loadAverageAtEnd: loadavg(),
    }),
  };
}
