/**
 * `process` {fn, onTimer?, open?, close?}: Flink's ProcessOperator, and KeyedProcessOperator behind a hash edge.
 * `fn(value, ctx, out)` is processElement; records it collects, or sends to a side output with ctx.output(tag, v),
 * carry the input's timestamp. On a keyed stream `ctx.state` is keyed state and `ctx.timerService()` registers
 * timers per (key, time) in the operator's InternalTimerService: event-time timers fire when the watermark reaches
 * them, before the watermark goes on; `onTimer(timestamp, ctx, out)` then emits with the timer's time as timestamp
 * (event time) or none (processing time), as KeyedProcessOperator does. State and pending timers are checkpointed
 * per key group. On a non-keyed stream timers and keyed state fail the job with Flink's messages.
 */
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import { record, type StreamRecord, type Watermark, type WatermarkStatus } from '../../elements/stream-element.js';
import type { RuntimeContext, UserFunction } from '../../functions/user-function.js';
import type { ProcessingTimeService } from '../../task/host.js';
import { InternalTimerService, type InternalTimer, type Triggerable } from '../../time/internal-timer-service.js';
import { restoredStateNames, restoreStateAndTimers, snapshotStateAndTimers } from '../keyed/keyed-operator-snapshot.js';
import type { KeyedStateBackend } from '../keyed/keyed-state-backend.js';
import type { KeySelector } from '../keyed/stream-grouped-reduce-operator.js';
import type { CheckpointedOperator, OneInputStreamOperator, OperatorInspection, Output } from '../stream-operator.js';
import { ProcessFunctionState, type UserKeyedState } from './process-function-state.js';

export interface ProcessFunctions {
  processElement: UserFunction;
  onTimer?: UserFunction;
  open?: UserFunction;
  close?: UserFunction;
}

export interface ProcessOperatorConfig {
  operatorId: string;
  functions: ProcessFunctions;
  runtimeContext: RuntimeContext;
  /** Absent: a ProcessFunction on a non-keyed stream, without keyed state or timers. */
  keyed?: { keySelector: KeySelector; state: KeyedStateBackend };
}

/** Flink's TimeDomain, as the strings `ctx.timeDomain()` returns. */
export type TimeDomainName = 'EVENT_TIME' | 'PROCESSING_TIME';

/** Flink's TimerService.UNSUPPORTED_REGISTER_TIMER_MSG and UNSUPPORTED_DELETE_TIMER_MSG, word for word. */
const SETTING_TIMERS_UNSUPPORTED = 'Setting timers is only supported on a keyed streams.';
const DELETING_TIMERS_UNSUPPORTED = 'Deleting timers is only supported on a keyed streams.';
/** Flink's message for keyed state used by a function on a non-keyed stream. */
const KEYED_STATE_UNSUPPORTED = "Keyed state can only be used on a 'keyed stream', i.e., after a 'keyBy()' operation.";

/** What `ctx.timerService()` returns (Flink's TimerService). */
export interface UserTimerService {
  currentWatermark(): number;
  currentProcessingTime(): number;
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

/** The `ctx` of fn, onTimer, open and close: the RuntimeContext plus Flink's ProcessFunction.Context. */
export interface ProcessContext extends RuntimeContext {
  /** Fields the function keeps between calls, as a Flink function's own fields; private to the instance, not checkpointed. */
  local: Record<string, unknown>;
  timestamp(): number | null;
  getCurrentKey(): unknown;
  timerService(): UserTimerService;
  readonly state: UserKeyedState;
  output(tag: string, value: unknown): void;
  timeDomain(): TimeDomainName;
}

const timerTime = (time: unknown, method: string): number => {
  if (typeof time !== 'number' || !Number.isSafeInteger(time))
    throw new TypeError(`${method}(time): time must be an integer number of milliseconds, got ${String(time)}`);
  return time;
};

export class ProcessOperator implements OneInputStreamOperator, CheckpointedOperator, Triggerable<null> {
  private readonly timers: InternalTimerService<null>;
  private readonly userState: ProcessFunctionState | undefined;
  private readonly ctx: ProcessContext;
  private readonly out: { collect(value: unknown): void };
  /** The element or timer being processed: its key, ctx.timestamp(), the timestamp of what it emits, its domain. */
  private currentKey: unknown = undefined;
  private currentTimestamp: number | null = null;
  private outputTimestamp: number | undefined = undefined;
  private currentDomain: TimeDomainName | undefined = undefined;

  constructor(
    private readonly config: ProcessOperatorConfig,
    private readonly output: Output,
    processingTimeService: ProcessingTimeService,
  ) {
    this.timers = new InternalTimerService<null>(() => '', this, processingTimeService);
    this.userState = config.keyed && new ProcessFunctionState(config.keyed.state, config.operatorId);
    this.out = { collect: (value) => this.output.collect(record(value, this.outputTimestamp)) };
    this.ctx = this.context();
  }

  initializeState(state: OperatorSubtaskState): void {
    const keyed = this.keyed('restoring keyed state');
    this.userState!.registerRestored(restoredStateNames(state));
    restoreStateAndTimers(state, keyed.state, this.timers);
  }

  snapshotState(): OperatorSubtaskState {
    return snapshotStateAndTimers(this.keyed('checkpointing keyed state').state, this.timers);
  }

  open(): void {
    this.config.functions.open?.(this.ctx);
  }

  processElement(element: StreamRecord): void {
    this.processWith(element, this.config.functions.processElement, this.config.keyed?.keySelector);
  }

  /**
   * An element through the given function, keyed by the given selector: a coProcess gives each of its inputs its
   * own function and key selector (Flink's processElement1/2), over the one state and timer service.
   */
  processWith(element: StreamRecord, processElement: UserFunction, keySelector: KeySelector | undefined): void {
    const { keyed } = this.config;
    if (keyed) {
      if (!keySelector) throw new Error(`operator "${this.config.operatorId}": a keyed input needs its key selector`);
      this.currentKey = keySelector(element.value);
      keyed.state.setCurrentKey(this.currentKey);
    }
    this.currentTimestamp = element.timestamp ?? null;
    this.outputTimestamp = element.timestamp;
    this.currentDomain = undefined;
    processElement(element.value, this.ctx, this.out);
  }

  /** Timers due at this watermark fire first, so what they emit precedes the watermark (§5 Timers). */
  processWatermark(watermark: Watermark): void {
    this.timers.advanceWatermark(watermark.timestamp);
    this.output.emitWatermark(watermark);
  }

  processWatermarkStatus(status: WatermarkStatus): void {
    this.output.emitWatermarkStatus(status);
  }

  onEventTime(timer: InternalTimer<null>): void {
    this.fire(timer, 'EVENT_TIME', timer.time);
  }

  /** Flink's KeyedProcessOperator erases the timestamp of what a processing-time timer emits. */
  onProcessingTime(timer: InternalTimer<null>): void {
    this.fire(timer, 'PROCESSING_TIME', undefined);
  }

  finish(): void {}

  close(): void {
    this.timers.close();
    this.config.functions.close?.(this.ctx);
  }

  inspect(): OperatorInspection {
    const timers = this.timers.pendingTimers();
    return this.userState ? { timers, windows: [], state: this.userState.inspect() } : { timers, windows: [] };
  }

  private fire(timer: InternalTimer<null>, domain: TimeDomainName, outputTimestamp: number | undefined): void {
    this.config.keyed!.state.setCurrentKey(timer.key);
    this.currentKey = timer.key;
    this.currentTimestamp = timer.time;
    this.outputTimestamp = outputTimestamp;
    this.currentDomain = domain;
    try {
      this.config.functions.onTimer?.(timer.time, this.ctx, this.out);
    } finally {
      this.currentDomain = undefined;
    }
  }

  private keyed(what: string): NonNullable<ProcessOperatorConfig['keyed']> {
    if (!this.config.keyed) throw new Error(`operator "${this.config.operatorId}": ${what} needs a keyed stream`);
    return this.config.keyed;
  }

  private context(): ProcessContext {
    const keyed = this.config.keyed !== undefined;
    const timers = this.timers;
    const userState = this.userState;
    const key = () => this.currentKey;
    const onKeyedStream = (message: string) => {
      if (!keyed) throw new Error(message);
    };
    const timerService: UserTimerService = {
      currentWatermark: () => timers.currentWatermark,
      currentProcessingTime: () => timers.currentProcessingTime(),
      registerEventTimeTimer: (time) => {
        onKeyedStream(SETTING_TIMERS_UNSUPPORTED);
        timers.registerEventTimeTimer(key(), null, timerTime(time, 'registerEventTimeTimer'));
      },
      registerProcessingTimeTimer: (time) => {
        onKeyedStream(SETTING_TIMERS_UNSUPPORTED);
        timers.registerProcessingTimeTimer(key(), null, timerTime(time, 'registerProcessingTimeTimer'));
      },
      deleteEventTimeTimer: (time) => {
        onKeyedStream(DELETING_TIMERS_UNSUPPORTED);
        timers.deleteEventTimeTimer(key(), null, timerTime(time, 'deleteEventTimeTimer'));
      },
      deleteProcessingTimeTimer: (time) => {
        onKeyedStream(DELETING_TIMERS_UNSUPPORTED);
        timers.deleteProcessingTimeTimer(key(), null, timerTime(time, 'deleteProcessingTimeTimer'));
      },
    };
    return {
      ...this.config.runtimeContext,
      local: {},
      timestamp: () => this.currentTimestamp,
      getCurrentKey: () => {
        onKeyedStream('ctx.getCurrentKey() needs a keyed stream: a hash edge with a key into the process function');
        return this.currentKey;
      },
      timerService: () => timerService,
      get state(): UserKeyedState {
        onKeyedStream(KEYED_STATE_UNSUPPORTED);
        return userState!;
      },
      output: (tag, value) => {
        if (typeof tag !== 'string' || tag === '')
          throw new TypeError(`ctx.output(tag, value): the tag must be a non-empty string, got ${String(tag)}`);
        this.output.collectSideOutput(tag, record(value, this.outputTimestamp));
      },
      timeDomain: () => {
        if (this.currentDomain === undefined) throw new Error('ctx.timeDomain() is only defined inside onTimer');
        return this.currentDomain;
      },
    };
  }
}
