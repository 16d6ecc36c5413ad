/**
 * Step mode's state in the UI: whether it is on, the seed and breakpoints the user chose, and what the
 * step worker last answered (snapshot, result, the event log). Kept apart from the editor store: stepping
 * never edits the JobGraph, and the editor never needs to know about steps.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StepEvent, StepResult, StepSnapshot } from '@sluice/engine';
import { sameBreakpoint, type Breakpoint } from './breakpoints';
import type { StopReason } from './step-controller';
import type { StepState } from './step-protocol';

export interface StepModeState {
  active: boolean;
  seed: number;
  breakpoints: Breakpoint[];
  stepCount: number;
  snapshot: StepSnapshot | null;
  result: StepResult | null;
  ended: boolean;
  log: StepEvent[];
  stoppedBy: StopReason | null;
  hit: Breakpoint | null;
  /** Run/pause: the worker is being asked for a few steps every animation frame. */
  playing: boolean;
  /** A command is with the worker; the controls wait for its answer. */
  busy: boolean;
  /** Why the session could not be created or a command failed (an invalid graph, a throwing user function). */
  error: string | null;

  activate: () => void;
  deactivate: () => void;
  setSeed: (seed: number) => void;
  addBreakpoint: (breakpoint: Breakpoint) => void;
  removeBreakpoint: (breakpoint: Breakpoint) => void;
  /** Another graph was loaded: breakpoints on its predecessor's operators mean nothing there. */
  resetBreakpoints: () => void;
  setPlaying: (playing: boolean) => void;
  commandStarted: () => void;
  stateReceived: (state: StepState) => void;
  commandFailed: (error: string) => void;
}

const EMPTY_SESSION = {
  stepCount: 0,
  snapshot: null,
  result: null,
  ended: false,
  log: [],
  stoppedBy: null,
  hit: null,
  playing: false,
  busy: false,
  error: null,
};

export const DEFAULT_SEED = 0;

const DEFAULT_BREAKPOINTS: readonly Breakpoint[] = [{ type: 'windowFired' }];

export const stepStore = createStore<StepModeState>()((set, get) => ({
  active: false,
  seed: DEFAULT_SEED,
  breakpoints: [...DEFAULT_BREAKPOINTS],
  ...EMPTY_SESSION,

  activate: () => set({ active: true, ...EMPTY_SESSION }),
  deactivate: () => set({ active: false, ...EMPTY_SESSION }),
  setSeed: (seed) => set({ seed }),
  addBreakpoint: (breakpoint) => {
    const { breakpoints } = get();
    if (!breakpoints.some((b) => sameBreakpoint(b, breakpoint))) set({ breakpoints: [...breakpoints, breakpoint] });
  },
  removeBreakpoint: (breakpoint) =>
    set({ breakpoints: get().breakpoints.filter((b) => !sameBreakpoint(b, breakpoint)) }),
  resetBreakpoints: () => set({ breakpoints: [...DEFAULT_BREAKPOINTS] }),
  setPlaying: (playing) => set({ playing }),
  commandStarted: () => set({ busy: true, error: null }),
  stateReceived: (state) =>
    set({
      busy: false,
      stepCount: state.stepCount,
      snapshot: state.snapshot,
      result: state.result,
      ended: state.ended,
      log: [...get().log.slice(0, state.logFrom), ...state.events],
      stoppedBy: state.stoppedBy,
      hit: state.hit,
    }),
  commandFailed: (error) => set({ busy: false, playing: false, error }),
}));

export function useStep<T>(selector: (state: StepModeState) => T): T {
  return useStore(stepStore, selector);
}
