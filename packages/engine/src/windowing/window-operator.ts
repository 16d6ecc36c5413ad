/**
 * Flink's WindowOperator [WO] (§5 Lateness, §6 Windows): assigns each record to windows, keeps one accumulator per
 * (key, window), fires through its trigger (the assigner's default unless the window sets one) and emits
 * `{key, start, end, value}` with the timestamp end − 1; a global window (count and global assigners) emits
 * `{key, value}`. A sliding count window keeps its elements instead, and evicts all but the last `size` of them
 * before each firing (Flink's EvictingWindowOperator with a CountEvictor). Windows stay until their cleanup timer (maxTimestamp + allowed lateness), so allowed-late
 * elements fire them again with the full contents; records too late for every window go to the "late" side
 * output unchanged. Session windows merge (touching ones too): merged state, moved timers, retired windows.
 */
import { record, type StreamRecord, type Watermark, type WatermarkStatus } from '../elements/stream-element.js';
import type { OperatorSubtaskState } from '../checkpoint/task-state-snapshot.js';
import type { KeyedStateBackend, MapState } from '../operators/keyed/keyed-state-backend.js';
import { restoreStateAndTimers, snapshotStateAndTimers } from '../operators/keyed/keyed-operator-snapshot.js';
import type {
  CheckpointedOperator,
  OneInputStreamOperator,
  OperatorInspection,
  Output,
} from '../operators/stream-operator.js';
import type { ProcessingTimeService } from '../task/host.js';
import { InternalTimerService, type InternalTimer } from '../time/internal-timer-service.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../time/timestamps.js';
import { maxTimestamp, windowId, type TimeWindow } from './time-window.js';
import { fires, isEndOfTime, purges, type Trigger, type TriggerContext, type TriggerResult } from './triggers.js';
import type { WindowAssigner } from './window-assigners.js';
import type { WindowAggregate } from './window-aggregates.js';

/** The side output that carries records later than the allowed lateness (an edge with `"sideOutput": "late"`). */
export const LATE_OUTPUT_TAG = 'late';

/** One open window of one key, with the key itself for the step view. */
interface WindowContents {
  key: unknown;
  window: TimeWindow;
  /** Unused when the window keeps its elements (an evictor). */
  accumulator: unknown;
  count: number;
  /** With an evictor: the window's elements, oldest first. */
  elements?: unknown[];
}

export interface WindowOperatorConfig {
  operatorId: string;
  assigner: WindowAssigner;
  trigger: Trigger;
  /** Flink's CountEvictor (a sliding count window): before each firing, keep only the last `maxCount` elements. */
  evictor: { maxCount: number } | undefined;
  aggregate: WindowAggregate;
  allowedLatenessMs: number;
  /** Undefined: windowAll, every record under the key null. */
  keySelector: ((value: unknown) => unknown) | undefined;
  /** false drops late records (Flink without sideOutputLateData); true sends them to LATE_OUTPUT_TAG. */
  lateOutput: boolean;
}

export class WindowOperator implements OneInputStreamOperator, CheckpointedOperator {
  private readonly timers: InternalTimerService<TimeWindow>;
  private readonly trigger: Trigger;
  /** The current key's open windows by windowId (Flink keeps window contents in keyed state, namespaced by window). */
  private readonly windows: MapState<WindowContents>;
  /** The trigger's own state per window of the current key (a count, a next firing time). */
  private readonly triggerStates: MapState<number>;

  constructor(
    private readonly config: WindowOperatorConfig,
    private readonly state: KeyedStateBackend,
    private readonly output: Output,
    processingTimeService: ProcessingTimeService,
  ) {
    this.timers = new InternalTimerService(windowId, this, processingTimeService);
    this.trigger = config.trigger;
    this.windows = state.mapState('windows');
    this.triggerStates = state.mapState('trigger');
  }

  initializeState(state: OperatorSubtaskState): void {
    restoreStateAndTimers(state, this.state, this.timers);
  }

  snapshotState(): OperatorSubtaskState {
    return snapshotStateAndTimers(this.state, this.timers);
  }

  open(): void {}

  processElement(element: StreamRecord): void {
    const { assigner, keySelector } = this.config;
    const key = keySelector ? keySelector(element.value) : null;
    this.state.setCurrentKey(key);
    let skipped = true;
    const timestamp = element.timestamp ?? MIN_TIMESTAMP;
    for (const assigned of assigner.assignWindows(assigner.isGlobal ? timestamp : this.timestampOf(element))) {
      const window = assigner.mergeWindows ? this.mergeInto(key, assigned) : assigned;
      if (this.isWindowLate(window)) {
        // A window merged into a late one is retired with it (MergingWindowSet#retireWindow).
        this.windows.remove(windowId(window));
        continue;
      }
      skipped = false;
      const contents = this.add(key, window, element.value);
      this.react(key, contents, this.trigger.onElement(timestamp, window, this.triggerContext(key, window)));
      this.registerCleanupTimer(key, window);
    }
    if (skipped && this.isElementLate(element) && this.config.lateOutput)
      this.output.collectSideOutput(LATE_OUTPUT_TAG, element);
  }

  /** Fires due windows before the watermark goes on, so results precede the watermark that caused them. */
  processWatermark(watermark: Watermark): void {
    this.timers.advanceWatermark(watermark.timestamp);
    this.output.emitWatermark(watermark);
  }

  processWatermarkStatus(status: WatermarkStatus): void {
    this.output.emitWatermarkStatus(status);
  }

  onEventTime(timer: InternalTimer<TimeWindow>): void {
    this.onTimer(timer, true);
  }

  onProcessingTime(timer: InternalTimer<TimeWindow>): void {
    this.onTimer(timer, false);
  }

  finish(): void {}

  close(): void {
    this.timers.close();
  }

  inspect(): OperatorInspection {
    const windows: OperatorInspection['windows'] = [];
    for (const contents of this.windows.valuesOfAllKeys()) {
      const { key, window, count } = contents;
      windows.push({ key, start: window.start, end: window.end, value: this.resultOf(contents), count });
    }
    const timers = this.timers
      .pendingTimers()
      .map(({ time, domain, key }) => (this.config.keySelector ? { time, domain, key } : { time, domain }));
    return { timers, windows };
  }

  /**
   * A timer of either domain goes to the trigger; the cleanup timer (in the assigner's domain) then clears the
   * window's contents and the trigger's state. A window merged away or retired has no contents: nothing to emit.
   */
  private onTimer({ time, key, namespace: window }: InternalTimer<TimeWindow>, eventTime: boolean): void {
    this.state.setCurrentKey(key);
    const contents = this.windows.get(windowId(window));
    const ctx = this.triggerContext(key, window);
    const result = eventTime
      ? this.trigger.onEventTime(time, window, ctx)
      : this.trigger.onProcessingTime(time, window, ctx);
    if (contents) this.react(key, contents, result);
    if (eventTime === this.config.assigner.isEventTime && time === this.cleanupTime(window)) {
      this.trigger.clear(window, ctx);
      this.windows.remove(windowId(window));
    }
  }

  /** Emits the window when the trigger fires, and clears its contents when the trigger purges (Flink's PURGE). */
  private react(key: unknown, contents: WindowContents, result: TriggerResult): void {
    if (fires(result)) this.emit(key, contents);
    if (purges(result)) this.windows.remove(windowId(contents.window));
  }

  /**
   * MergingWindowSet#addWindow for a new session window: every group the assigner merges becomes one window whose
   * accumulator merges theirs; the merged-away windows' trigger and cleanup timers are deleted and the merged
   * window's trigger timer is registered (onMerge). Returns the window the new element belongs to.
   */
  private mergeInto(key: unknown, assigned: TimeWindow): TimeWindow {
    const existing = [...this.windows.values()].map((c) => c.window);
    let actual = assigned;
    for (const { result, merged } of this.config.assigner.mergeWindows!([...existing, assigned])) {
      const mergedExisting = merged.filter((w) => w !== assigned);
      if (mergedExisting.length < merged.length) actual = result;
      // The new window inside one existing window: nothing merges, the element joins that window.
      if (mergedExisting.length === 1 && windowId(mergedExisting[0]!) === windowId(result)) continue;
      const mergedStates = mergedExisting.map((w) => this.triggerStates.get(windowId(w)));
      this.trigger.onMerge(result, this.triggerContext(key, result), mergedStates);
      const contents = mergedExisting.map((w) => this.windows.get(windowId(w))!);
      for (const { window } of contents) {
        this.trigger.clear(window, this.triggerContext(key, window));
        this.deleteCleanupTimer(key, window);
        this.windows.remove(windowId(window));
      }
      const [first, ...rest] = contents;
      if (!first) continue;
      this.windows.put(windowId(result), {
        key,
        window: result,
        accumulator: rest.reduce((acc, c) => this.config.aggregate.merge(acc, c.accumulator), first.accumulator),
        count: contents.reduce((n, c) => n + c.count, 0),
      });
    }
    return actual;
  }

  private add(key: unknown, window: TimeWindow, value: unknown): WindowContents {
    const id = windowId(window);
    const { aggregate } = this.config;
    const current = this.windows.get(id);
    if (this.config.evictor) {
      const elements = [...(current?.elements ?? []), value];
      const kept = { key, window, accumulator: undefined, count: elements.length, elements };
      this.windows.put(id, kept);
      return kept;
    }
    const contents = current
      ? { key, window, accumulator: aggregate.add(current.accumulator, value), count: current.count + 1 }
      : { key, window, accumulator: aggregate.first(value), count: 1 };
    this.windows.put(id, contents);
    return contents;
  }

  private emit(key: unknown, contents: WindowContents): void {
    const { window } = contents;
    const { evictor, assigner } = this.config;
    if (evictor && contents.elements!.length > evictor.maxCount) {
      const elements = contents.elements!.slice(-evictor.maxCount);
      contents = { ...contents, elements, count: elements.length };
      this.windows.put(windowId(window), contents);
    }
    const value = this.resultOf(contents);
    const result = assigner.isGlobal ? { key, value } : { key, start: window.start, end: window.end, value };
    this.output.collect(record(result, maxTimestamp(window)));
  }

  /** The window's aggregate: of its accumulator, or of the elements an evicting window keeps. */
  private resultOf({ accumulator, elements }: WindowContents): unknown {
    const { aggregate } = this.config;
    if (!elements) return aggregate.result(accumulator);
    const [first, ...rest] = elements;
    return aggregate.result(rest.reduce((acc, value) => aggregate.add(acc, value), aggregate.first(first)));
  }

  private timestampOf(element: StreamRecord): number {
    if (!this.config.assigner.isEventTime) return this.timers.currentProcessingTime();
    // A watermarks operator without a timestamp function gives a record without one MIN_TIMESTAMP, as Flink gives
    // it Long.MIN_VALUE: either way Flink's assigners refuse it ("Record has Long.MIN_VALUE timestamp").
    if (element.timestamp === undefined || element.timestamp === MIN_TIMESTAMP) {
      throw new Error(
        `operator "${this.config.operatorId}": an event-time window needs records with timestamps, got ${JSON.stringify(element.value) ?? String(element.value)} without one; put a "watermarks" operator before it or give the source's elements a timestamp`,
      );
    }
    return element.timestamp;
  }

  /** cleanupTime(w) = maxTimestamp + allowed lateness in event time (saturating), maxTimestamp in processing time. */
  private cleanupTime(window: TimeWindow): number {
    if (!this.config.assigner.isEventTime) return maxTimestamp(window);
    return Math.min(maxTimestamp(window) + this.config.allowedLatenessMs, MAX_TIMESTAMP);
  }

  private isWindowLate(window: TimeWindow): boolean {
    return this.config.assigner.isEventTime && this.cleanupTime(window) <= this.timers.currentWatermark;
  }

  private isElementLate(element: StreamRecord): boolean {
    return (
      this.config.assigner.isEventTime &&
      element.timestamp! + this.config.allowedLatenessMs <= this.timers.currentWatermark
    );
  }

  /** A window whose cleanup time saturates at the end of time needs no cleanup timer: the end of input is it. */
  private registerCleanupTimer(key: unknown, window: TimeWindow): void {
    const time = this.cleanupTime(window);
    if (time !== MAX_TIMESTAMP) this.registerTimer(key, window, time);
  }

  private deleteCleanupTimer(key: unknown, window: TimeWindow): void {
    this.deleteTimer(key, window, this.cleanupTime(window));
  }

  /** A cleanup timer of one (key, window), in the assigner's time domain. */
  private registerTimer(key: unknown, window: TimeWindow, time: number): void {
    if (this.config.assigner.isEventTime) this.timers.registerEventTimeTimer(key, window, time);
    else this.registerProcessingTimeTimer(key, window, time);
  }

  private deleteTimer(key: unknown, window: TimeWindow, time: number): void {
    if (this.config.assigner.isEventTime) this.timers.deleteEventTimeTimer(key, window, time);
    else this.timers.deleteProcessingTimeTimer(key, window, time);
  }

  /** The end of time never comes in processing time (a global window's end): no clock is asked to wait for it. */
  private registerProcessingTimeTimer(key: unknown, window: TimeWindow, time: number): void {
    if (!isEndOfTime(time)) this.timers.registerProcessingTimeTimer(key, window, time);
  }

  /**
   * What the trigger sees of one (key, window) (Flink's Trigger.TriggerContext). The clock is read only when the
   * trigger asks for it: an event-time trigger never does, and a context is made per record per window.
   */
  private triggerContext(key: unknown, window: TimeWindow): TriggerContext {
    const { timers, triggerStates } = this;
    const id = windowId(window);
    return {
      currentWatermark: timers.currentWatermark,
      get currentProcessingTime() {
        return timers.currentProcessingTime();
      },
      registerEventTimeTimer: (time) => timers.registerEventTimeTimer(key, window, time),
      registerProcessingTimeTimer: (time) => this.registerProcessingTimeTimer(key, window, time),
      deleteEventTimeTimer: (time) => timers.deleteEventTimeTimer(key, window, time),
      deleteProcessingTimeTimer: (time) => timers.deleteProcessingTimeTimer(key, window, time),
      get state() {
        return triggerStates.get(id);
      },
      setState: (value) => (value === undefined ? triggerStates.remove(id) : triggerStates.put(id, value)),
    };
  }
}
