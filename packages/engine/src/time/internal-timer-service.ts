/**
 * Flink's InternalTimerService [ITS]: the event-time and processing-time timers of one keyed operator. A timer is
 * (time, key, namespace) — for a window operator the namespace is the window — and registering the same timer
 * twice keeps one (Flink's timer queues are sets). Event-time timers fire, ascending, for every time ≤ the new
 * watermark when the operator's watermark advances (§5 Timers), before the operator forwards that watermark.
 * Processing-time timers fire from the task's ProcessingTimeService once its clock has passed their time.
 */
import { canonicalKey } from '../operators/keyed/keyed-state-backend.js';
import type { ProcessingTimeService } from '../task/host.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from './timestamps.js';

export type TimeDomain = 'event' | 'processing';

/** The pending timers of one key group in a checkpoint (Flink snapshots timers with the keyed state, per key group). */
export interface KeyGroupTimers<N> {
  event: InternalTimer<N>[];
  processing: InternalTimer<N>[];
}

export interface InternalTimer<N> {
  time: number;
  key: unknown;
  namespace: N;
}

/** Flink's Triggerable: the operator that owns the timers. */
export interface Triggerable<N> {
  onEventTime(timer: InternalTimer<N>): void;
  onProcessingTime(timer: InternalTimer<N>): void;
}

/** Timers of one domain, ordered by time, then by registration (so equal times fire in a reproducible order). */
class TimerQueue<N> {
  private readonly byId = new Map<string, InternalTimer<N>>();
  private ordered: { id: string; timer: InternalTimer<N> }[] = [];

  add(id: string, timer: InternalTimer<N>): boolean {
    if (this.byId.has(id)) return false;
    this.byId.set(id, timer);
    let i = this.ordered.length;
    while (i > 0 && this.ordered[i - 1]!.timer.time > timer.time) i--;
    this.ordered.splice(i, 0, { id, timer });
    return true;
  }

  remove(id: string): void {
    if (!this.byId.delete(id)) return;
    this.ordered = this.ordered.filter((entry) => entry.id !== id);
  }

  peek(): InternalTimer<N> | undefined {
    return this.ordered[0]?.timer;
  }

  poll(): InternalTimer<N> | undefined {
    const head = this.ordered.shift();
    if (head) this.byId.delete(head.id);
    return head?.timer;
  }

  all(): readonly InternalTimer<N>[] {
    return this.ordered.map((entry) => entry.timer);
  }
}

/**
 * Event-time timers registered while the end of event time fires timers: each fires at once, so a timer that
 * registers a later one (a periodic timer) would fire forever after a bounded input ended. Past this many the task
 * fails and says why, instead of spinning.
 */
export const MAX_TIMERS_REGISTERED_AT_END_OF_TIME = 100_000;

export class InternalTimerService<N> {
  private readonly eventTimeTimers = new TimerQueue<N>();
  private readonly processingTimeTimers = new TimerQueue<N>();
  private watermark = MIN_TIMESTAMP;
  /** Timers registered while the final watermark fires timers (see MAX_TIMERS_REGISTERED_AT_END_OF_TIME). */
  private registeredAtEndOfTime = 0;
  private firing = false;
  /** The one wake-up scheduled on the ProcessingTimeService, for the earliest processing-time timer. */
  private wakeUp: { at: number; cancel: () => void } | undefined;

  constructor(
    /** Identifies a namespace, so equal namespaces that are different objects are one timer. */
    private readonly namespaceId: (namespace: N) => string,
    private readonly triggerable: Triggerable<N>,
    private readonly processingTimeService: ProcessingTimeService,
  ) {}

  get currentWatermark(): number {
    return this.watermark;
  }

  currentProcessingTime(): number {
    return this.processingTimeService.now();
  }

  registerEventTimeTimer(key: unknown, namespace: N, time: number): void {
    if (
      this.firing &&
      this.watermark >= MAX_TIMESTAMP &&
      ++this.registeredAtEndOfTime > MAX_TIMERS_REGISTERED_AT_END_OF_TIME
    )
      throw new Error(
        `${MAX_TIMERS_REGISTERED_AT_END_OF_TIME} event-time timers were registered after the input ended, each firing at once: a timer that registers a later one fires forever at the end of event time; register none when ctx.timerService().currentWatermark() is Infinity`,
      );
    this.eventTimeTimers.add(this.timerId(key, namespace, time), { time, key, namespace });
  }

  deleteEventTimeTimer(key: unknown, namespace: N, time: number): void {
    this.eventTimeTimers.remove(this.timerId(key, namespace, time));
  }

  registerProcessingTimeTimer(key: unknown, namespace: N, time: number): void {
    if (this.processingTimeTimers.add(this.timerId(key, namespace, time), { time, key, namespace }))
      this.scheduleWakeUp();
  }

  deleteProcessingTimeTimer(key: unknown, namespace: N, time: number): void {
    this.processingTimeTimers.remove(this.timerId(key, namespace, time));
  }

  /** Fires every event-time timer ≤ watermark, ascending; timers registered meanwhile at ≤ watermark fire too. */
  advanceWatermark(watermark: number): void {
    this.watermark = watermark;
    this.firing = true;
    try {
      for (
        let timer = this.eventTimeTimers.peek();
        timer && timer.time <= watermark;
        timer = this.eventTimeTimers.peek()
      ) {
        this.eventTimeTimers.poll();
        this.triggerable.onEventTime(timer);
      }
    } finally {
      this.firing = false;
    }
  }

  /** Pending timers of both domains, each ascending: what the step view shows. */
  pendingTimers(): { time: number; domain: TimeDomain; key: unknown }[] {
    return [
      ...this.eventTimeTimers.all().map((t) => ({ time: t.time, domain: 'event' as const, key: t.key })),
      ...this.processingTimeTimers.all().map((t) => ({ time: t.time, domain: 'processing' as const, key: t.key })),
    ];
  }

  /** Pending timers by the key group of their key; a copy. */
  snapshotTimers(keyGroupOf: (key: unknown) => number): Map<number, KeyGroupTimers<N>> {
    const byGroup = new Map<number, KeyGroupTimers<N>>();
    const add = (domain: keyof KeyGroupTimers<N>, timer: InternalTimer<N>) => {
      const keyGroup = keyGroupOf(timer.key);
      let timers = byGroup.get(keyGroup);
      if (!timers) byGroup.set(keyGroup, (timers = { event: [], processing: [] }));
      timers[domain].push(structuredClone(timer));
    };
    for (const timer of this.eventTimeTimers.all()) add('event', timer);
    for (const timer of this.processingTimeTimers.all()) add('processing', timer);
    return byGroup;
  }

  /** Registers restored timers; processing-time timers already due fire at the next wake-up. */
  restoreTimers(timers: KeyGroupTimers<N>): void {
    for (const { time, key, namespace } of timers.event) this.registerEventTimeTimer(key, namespace, time);
    for (const { time, key, namespace } of timers.processing) this.registerProcessingTimeTimer(key, namespace, time);
  }

  /** Releases the scheduled wake-up (Flink quiesces the service at the end: pending processing-time timers never fire). */
  close(): void {
    this.wakeUp?.cancel();
    this.wakeUp = undefined;
  }

  /**
   * A timer at t fires once the clock reads more than t: Flink schedules it `t − now + 1` ms ahead
   * (ProcessingTimeServiceUtil.getProcessingTimeDelay), so a window [0, 5) with max timestamp 4 fires at 5.
   */
  private scheduleWakeUp(): void {
    const next = this.processingTimeTimers.peek();
    if (!next || (this.wakeUp && this.wakeUp.at <= next.time)) return;
    this.wakeUp?.cancel();
    const delay = Math.max(0, next.time - this.processingTimeService.now() + 1);
    const cancel = this.processingTimeService.schedule(delay, () => {
      this.wakeUp = undefined;
      this.onProcessingTime(this.processingTimeService.now());
    });
    this.wakeUp = { at: next.time, cancel };
  }

  private onProcessingTime(now: number): void {
    for (
      let timer = this.processingTimeTimers.peek();
      timer && timer.time < now;
      timer = this.processingTimeTimers.peek()
    ) {
      this.processingTimeTimers.poll();
      this.triggerable.onProcessingTime(timer);
    }
    this.scheduleWakeUp();
  }

  private timerId(key: unknown, namespace: N, time: number): string {
    return `${canonicalKey(key)}|${this.namespaceId(namespace)}|${time}`;
  }
}
