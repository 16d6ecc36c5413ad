/**
 * The stepper behind the Step mode's buttons, on top of the engine's deterministic StepSession. It runs in
 * the web worker (user functions never run on the UI thread) and is pure, so tests drive it directly.
 *
 * Step back is deterministic replay: the same JobGraph and seed give the same event sequence, so the state
 * after step k−1 is rebuilt by replaying k−1 steps from the start (the engine's replayTo).
 */
import {
  createStepSession,
  replayTo,
  type ProcessingTimeAdvance,
  type StepEvent,
  type StepSession,
} from '@sluice/engine';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { breakpointHit, WatermarkLedger, type Breakpoint, type VertexOf } from './breakpoints';

export type AdvanceGoal =
  | { type: 'steps'; count: number }
  /** Until a watermark has moved (Flink's watermarks are elements too; this skips the records between). */
  | { type: 'nextWatermark' }
  | { type: 'breakpoint'; breakpoints: Breakpoint[] };

/** Why an advance stopped: its goal was met, the job ended, or it used up its step budget first. */
export type StopReason = 'goal' | 'breakpoint' | 'ended' | 'budget';

export interface AdvanceOutcome {
  /** The events of this advance, in order. */
  events: StepEvent[];
  stoppedBy: StopReason;
  /** The breakpoint that stopped it. */
  hit: Breakpoint | null;
}

export class StepController {
  private session: StepSession;
  private ledger = new WatermarkLedger();
  private readonly events: StepEvent[] = [];
  /** Processing time advanced by hand, and after which step: a replay repeats them (the engine's option). */
  private advances: ProcessingTimeAdvance[] = [];
  private ended = false;
  private readonly vertexOf: VertexOf;

  constructor(
    readonly jobGraph: JobGraph,
    readonly seed: number,
  ) {
    this.session = createStepSession(jobGraph, { seed });
    // The session deployed this same plan (the planner is deterministic), so its vertex ids are the events' ids.
    const vertices = planExecutionGraph(jobGraph).vertices;
    this.vertexOf = (operatorId) => vertices.find((v) => v.operators.includes(operatorId))?.id;
  }

  get stepCount(): number {
    return this.session.stepCount;
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  /** Every event from the first step to the current one. */
  get log(): readonly StepEvent[] {
    return this.events;
  }

  /** Steps until the goal is met, the job ends, or `budget` steps have run (a run/pause frame, a safety cap). */
  advance(goal: AdvanceGoal, budget: number): AdvanceOutcome {
    const events: StepEvent[] = [];
    const wanted = goal.type === 'steps' ? Math.min(goal.count, budget) : budget;
    while (events.length < wanted) {
      const event = this.session.step();
      if (event === null) {
        this.ended = true;
        return { events, stoppedBy: 'ended', hit: null };
      }
      events.push(event);
      this.events.push(event);
      // The ledger must see every event, whatever the goal, so a later watermark breakpoint compares with the truth.
      const hit = breakpointHit(event, this.ledger, goal.type === 'breakpoint' ? goal.breakpoints : [], this.vertexOf);
      if (hit) return { events, stoppedBy: 'breakpoint', hit };
      if (goal.type === 'nextWatermark' && event.kind === 'watermark') return { events, stoppedBy: 'goal', hit: null };
    }
    return { events, stoppedBy: goal.type === 'steps' && events.length === goal.count ? 'goal' : 'budget', hit: null };
  }

  /** Moves the processing time of timers and windows on; what falls due fires in the steps that follow. */
  advanceProcessingTime(ms: number): void {
    this.session.advanceProcessingTime(ms);
    this.advances.push({ afterStep: this.session.stepCount, ms });
  }

  /** Back to the state after step k−1 by replaying from the start; false at step 0. */
  back(): boolean {
    if (this.session.stepCount === 0) return false;
    this.replay(this.session.stepCount - 1);
    return true;
  }

  reset(): void {
    this.advances = [];
    this.replay(0);
  }

  snapshot() {
    return this.session.snapshot();
  }

  result() {
    return this.session.result();
  }

  private replay(steps: number): void {
    // Advances made after step `steps` belong to the steps undone.
    this.advances = this.advances.filter((advance) => advance.afterStep <= steps);
    const options = { seed: this.seed, processingTimeAdvances: this.advances };
    this.session = steps === 0 ? createStepSession(this.jobGraph, options) : replayTo(this.jobGraph, options, steps);
    this.events.length = steps;
    this.ledger = new WatermarkLedger();
    for (const event of this.events) this.ledger.record(event);
    // An ended job that stepped back has a step left to take again.
    this.ended = false;
  }
}
