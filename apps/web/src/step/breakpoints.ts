/**
 * Where "run" stops. A teacher sets breakpoints on what event time does, not on lines of code: when any
 * window fires, or when an operator's watermark passes a value (crosses it: from below the value to at or
 * above it, on any subtask), so a breakpoint stops once, at the step that made the watermark pass.
 */
import type { StepEvent } from '@sluice/engine';

export type Breakpoint = { type: 'windowFired' } | { type: 'watermarkPasses'; operatorId: string; value: number };

/** The watermark each operator subtask last advanced to, folded from the events; what "passes" compares with. */
export class WatermarkLedger {
  private readonly latest = new Map<string, number>();

  /** The watermark before the event, for each advance the event reports, then records the advance. */
  record(event: StepEvent): { operatorId: string; subtaskIndex: number; before: number | undefined; watermark: number }[] {
    return advancesOf(event).map((advance) => {
      const key = `${advance.operatorId}#${advance.subtaskIndex}`;
      const before = this.latest.get(key);
      this.latest.set(key, advance.watermark);
      return { ...advance, before };
    });
  }
}

function advancesOf(event: StepEvent): NonNullable<StepEvent['watermarkAdvanced']>[] {
  return event.watermarkAdvanced ? [event.watermarkAdvanced] : [];
}

/** The breakpoint the event hits, if any (the first in the list); records the event's advances in the ledger. */
export function breakpointHit(event: StepEvent, ledger: WatermarkLedger, breakpoints: readonly Breakpoint[]): Breakpoint | null {
  const advances = ledger.record(event);
  for (const breakpoint of breakpoints) {
    if (breakpoint.type === 'windowFired' && (event.firedWindows?.length ?? 0) > 0) return breakpoint;
    if (
      breakpoint.type === 'watermarkPasses' &&
      advances.some((a) => a.operatorId === breakpoint.operatorId && (a.before === undefined || a.before < breakpoint.value) && a.watermark >= breakpoint.value)
    )
      return breakpoint;
  }
  return null;
}

export function sameBreakpoint(a: Breakpoint, b: Breakpoint): boolean {
  if (a.type === 'windowFired' || b.type === 'windowFired') return a.type === b.type;
  return a.operatorId === b.operatorId && a.value === b.value;
}
