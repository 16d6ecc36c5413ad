/**
 * Flink's HeartbeatManager on the sending side (HeartbeatManagerSenderImpl): every `intervalMs` it asks each
 * monitored target for a heartbeat; a target silent for longer than `timeoutMs` is reported timed out, once, and
 * no longer monitored. A process that exits is noticed at once by its exit event; heartbeats are what finds one
 * that hangs (a TaskManager frozen with SIGSTOP, a busy-looping main thread) and so never exits.
 */
import { scheduleAtFixedRate, systemTimerService, type TimerService } from '../time/timer-service.js';

export interface HeartbeatOptions {
  /** heartbeat.interval (Flink: 10 s). */
  intervalMs: number;
  /** heartbeat.timeout (Flink: 50 s). */
  timeoutMs: number;
}

interface Target {
  requestHeartbeat(): void;
  lastHeartbeat: number;
}

export class HeartbeatManager {
  private readonly targets = new Map<string, Target>();
  private readonly cancelRequests: () => void;

  constructor(
    private readonly options: HeartbeatOptions,
    private readonly onHeartbeatTimeout: (targetId: string, silentMs: number) => void,
    private readonly time: TimerService = systemTimerService,
  ) {
    this.cancelRequests = scheduleAtFixedRate(time, options.intervalMs, () => this.requestHeartbeats());
  }

  monitorTarget(targetId: string, requestHeartbeat: () => void): void {
    this.targets.set(targetId, { requestHeartbeat, lastHeartbeat: this.time.now() });
  }

  unmonitorTarget(targetId: string): void {
    this.targets.delete(targetId);
  }

  receiveHeartbeat(targetId: string): void {
    const target = this.targets.get(targetId);
    if (target) target.lastHeartbeat = this.time.now();
  }

  /** When the target last answered (or started being monitored); undefined for a target not monitored. */
  lastHeartbeat(targetId: string): number | undefined {
    return this.targets.get(targetId)?.lastHeartbeat;
  }

  stop(): void {
    this.cancelRequests();
    this.targets.clear();
  }

  private requestHeartbeats(): void {
    const now = this.time.now();
    for (const [targetId, target] of [...this.targets]) {
      const silentMs = now - target.lastHeartbeat;
      if (silentMs > this.options.timeoutMs) {
        this.targets.delete(targetId);
        this.onHeartbeatTimeout(targetId, silentMs);
      } else target.requestHeartbeat();
    }
  }
}
