/**
 * Where "run" stops. A teacher sets breakpoints on what event time does, not on lines of code: when any
 * window fires, or when an operator's watermark passes a value (crosses it: from below the value to at or
 * above it, on any subtask), so a breakpoint stops once, at the step that made the watermark pass.
 *
 * An operator's watermark is its task's event-time clock: every operator of a chain sees the watermark of the
 * task that runs it, so a breakpoint on any operator watches the clock of its JobVertex's subtasks.
 */
import type { StepEvent } from '@sluice/engine';

export type Breakpoint = { type: 'windowFired' } | { type: 'watermarkPasses'; operatorId: string; value: number };

interface ClockAdvance {
  vertexId: string;
  subtaskIndex: number;
  /** The task's clock before this step; undefined before its first watermark. */
  before: number | undefined;
  watermark: number;
}

/** Each task's event-time clock, folded from the events; what "passes" compares with. */
export class WatermarkLedger {
  private readonly latest = new Map<string, number>();

  /** The clock advance the event reports, if any, with the clock before it; then records it. */
  record(event: StepEvent): ClockAdvance | null {
    if (!event.watermarkAdvanced) return null;
    const key = `${event.vertexId}#${event.subtaskIndex}`;
    const before = this.latest.get(key);
    this.latest.set(key, event.watermarkAdvanced.watermark);
    return {
      vertexId: event.vertexId,
      subtaskIndex: event.subtaskIndex,
      before,
      watermark: event.watermarkAdvanced.watermark,
    };
  }
}

/** Which JobVertex (chain) runs an operator: the planner's answer, given by the caller. */
export type VertexOf = (operatorId: string) => string | undefined;

/** The breakpoint the event hits, if any (the first in the list); records the event's advance in the ledger. */
export function breakpointHit(
  event: StepEvent,
  ledger: WatermarkLedger,
  breakpoints: readonly Breakpoint[],
  vertexOf: VertexOf,
): Breakpoint | null {
  const advance = ledger.record(event);
  for (const breakpoint of breakpoints) {
    if (breakpoint.type === 'windowFired' && (event.firedWindows?.length ?? 0) > 0) return breakpoint;
    if (
      breakpoint.type === 'watermarkPasses' &&
      advance !== null &&
      advance.vertexId === vertexOf(breakpoint.operatorId) &&
      (advance.before === undefined || advance.before < breakpoint.value) &&
      advance.watermark >= breakpoint.value
    )
      return breakpoint;
  }
  return null;
}

export function sameBreakpoint(a: Breakpoint, b: Breakpoint): boolean {
  if (a.type === 'windowFired' || b.type === 'windowFired') return a.type === b.type;
  return a.operatorId === b.operatorId && a.value === b.value;
}
