/**
 * What the Step mode's buttons do: commands to the step worker, their answers into the step store. The
 * session follows the editor: a graph change (a new plan) reloads it at step 0, since the old steps
 * belong to another job. Node drags move positions only, keep the plan, and so keep the steps.
 */
import { editorStore } from '../store/app-store';
import type { AdvanceGoal } from './step-controller';
import { startStepWorker, type StepClient } from './step-client';
import type { StepCommand } from './step-protocol';
import { stepStore } from './step-store';

/** Run/pause pace: enough steps per frame to watch elements move, few enough to follow them. */
export const STEPS_PER_FRAME = 3;
/** "Run until a breakpoint" and "next watermark" give up after this many steps (an unbounded source never ends). */
export const RUN_BUDGET = 100_000;

let client: StepClient | null = null;
let unsubscribeEditor: (() => void) | null = null;
/** While a load is with the worker, answers to the commands sent before it describe the old job. */
let loading = false;

async function send(command: StepCommand): Promise<boolean> {
  if (!client) return false;
  const sentTo = client;
  stepStore.getState().commandStarted();
  try {
    const state = await sentTo.send(command);
    // Step mode was left, or the job reloaded, while the worker worked: that answer is about nothing shown.
    if (client !== sentTo || (command.type !== 'load' && loading)) return false;
    stepStore.getState().stateReceived(state);
    return true;
  } catch (error) {
    if (client === sentTo) stepStore.getState().commandFailed(error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** (Re)creates the session for the editor's current JobGraph and seed; an invalid graph gets none (the UI says why). */
export async function loadSession(): Promise<void> {
  const { jobGraph, plan } = editorStore.getState();
  pause();
  stepStore.getState().activate();
  if (!plan) return;
  loading = true;
  try {
    await send({ type: 'load', jobGraph, seed: stepStore.getState().seed });
  } finally {
    loading = false;
  }
}

export async function enterStepMode(): Promise<void> {
  client ??= startStepWorker();
  unsubscribeEditor ??= editorStore.subscribe((state, previous) => {
    if (state.plan !== previous.plan) void loadSession();
  });
  await loadSession();
}

export function exitStepMode(): void {
  pause();
  unsubscribeEditor?.();
  unsubscribeEditor = null;
  client?.terminate();
  client = null;
  stepStore.getState().deactivate();
}

function advance(goal: AdvanceGoal, budget: number): Promise<boolean> {
  return send({ type: 'advance', goal, budget });
}

export const stepOnce = () => advance({ type: 'steps', count: 1 }, 1);
export const stepToNextWatermark = () => advance({ type: 'nextWatermark' }, RUN_BUDGET);
export const runToBreakpoint = () =>
  advance({ type: 'breakpoint', breakpoints: stepStore.getState().breakpoints }, RUN_BUDGET);
export const stepBack = () => send({ type: 'back' });
/** The step view's processing-time button: one second at a time, so processing-time timers and windows can be taught. */
export const PROCESSING_TIME_ADVANCE_MS = 1000;
export const advanceProcessingTime = () => send({ type: 'advanceProcessingTime', ms: PROCESSING_TIME_ADVANCE_MS });
export const resetSession = () => send({ type: 'reset' });

export async function setSeed(seed: number): Promise<void> {
  stepStore.getState().setSeed(seed);
  await loadSession();
}

/** Run: a few steps per animation frame, each frame after the previous answer, until paused, a breakpoint or the end. */
export function play(): void {
  const store = stepStore.getState();
  if (store.playing || store.ended) return;
  store.setPlaying(true);
  const frame = async () => {
    if (!stepStore.getState().playing) return;
    const ok = await advance({ type: 'breakpoint', breakpoints: stepStore.getState().breakpoints }, STEPS_PER_FRAME);
    const { stoppedBy, playing } = stepStore.getState();
    if (!ok || stoppedBy === 'breakpoint' || stoppedBy === 'ended') stepStore.getState().setPlaying(false);
    else if (playing) requestAnimationFrame(() => void frame());
  };
  requestAnimationFrame(() => void frame());
}

export function pause(): void {
  stepStore.getState().setPlaying(false);
}
