/**
 * The undo history: whole JobGraph snapshots. Edits build a new graph and never mutate the old one, so a
 * snapshot is a reference and undo restores exactly the graph that was there, down to key order.
 */
import type { JobGraph } from '@sluice/model';

export interface UndoHistory {
  /** Graphs before each edit, oldest first. */
  past: readonly JobGraph[];
  /** Graphs undone, the next redo last. */
  future: readonly JobGraph[];
  /**
   * The gesture the last edit belonged to. Edits of one gesture (the frames of a drag, the keystrokes
   * typed into one field) make one undo step; null after an edit that stands alone.
   */
  gesture: string | null;
}

/** Past steps kept: enough for any session, bounded so a long drag-happy day cannot grow memory forever. */
const MAX_STEPS = 500;

export const EMPTY_HISTORY: UndoHistory = { past: [], future: [], gesture: null };

/** The history after an edit that replaced `before`; `gesture` joins it to the previous edit of the same gesture. */
export function recordEdit(history: UndoHistory, before: JobGraph, gesture: string | null = null): UndoHistory {
  if (gesture !== null && gesture === history.gesture) return { ...history, future: [] };
  return { past: [...history.past, before].slice(-MAX_STEPS), future: [], gesture };
}

/** Ends the open gesture (a drag released), so the next edit starts its own step even if it is of the same kind. */
export function closeGesture(history: UndoHistory): UndoHistory {
  return history.gesture === null ? history : { ...history, gesture: null };
}

export function undo(history: UndoHistory, current: JobGraph): { history: UndoHistory; jobGraph: JobGraph } | null {
  const jobGraph = history.past.at(-1);
  if (jobGraph === undefined) return null;
  return {
    jobGraph,
    history: { past: history.past.slice(0, -1), future: [...history.future, current], gesture: null },
  };
}

export function redo(history: UndoHistory, current: JobGraph): { history: UndoHistory; jobGraph: JobGraph } | null {
  const jobGraph = history.future.at(-1);
  if (jobGraph === undefined) return null;
  return {
    jobGraph,
    history: { past: [...history.past, current], future: history.future.slice(0, -1), gesture: null },
  };
}
