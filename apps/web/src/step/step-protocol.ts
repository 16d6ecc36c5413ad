/**
 * Messages between the UI thread and the step worker. Every command is answered with the stepper's whole
 * visible state (snapshot, result, the new part of the event log), so the UI never asks twice and a
 * reply alone is enough to redraw. Everything here survives structured cloning (watermarks may be ±∞).
 */
import type { StepEvent, StepResult, StepSnapshot } from '@sluice/engine';
import type { JobGraph } from '@sluice/model';
import type { Breakpoint } from './breakpoints';
import type { AdvanceGoal, StopReason } from './step-controller';

export type StepCommand =
  | { type: 'load'; jobGraph: JobGraph; seed: number }
  | { type: 'advance'; goal: AdvanceGoal; budget: number }
  | { type: 'advanceProcessingTime'; ms: number }
  | { type: 'back' }
  | { type: 'reset' };

export interface StepState {
  stepCount: number;
  snapshot: StepSnapshot;
  result: StepResult;
  ended: boolean;
  /** The log keeps its first `logFrom` events and continues with `events` (a step back or a reset truncates it). */
  logFrom: number;
  events: StepEvent[];
  stoppedBy: StopReason | null;
  hit: Breakpoint | null;
}

export type StepRequest = { id: number; command: StepCommand };

export type StepReply = { id: number; ok: true; state: StepState } | { id: number; ok: false; error: string };
