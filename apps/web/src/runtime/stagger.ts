/**
 * Spreads the canvas's live updates of a large job over a few animation frames. A metrics frame of a job
 * with thousands of subtasks changes figures on every node at once; re-rendering, laying out and painting
 * all of them in one frame takes several hundred milliseconds. Instead the canvas elements are split into
 * GROUPS groups (by a hash of their key), and after a change one group catches up per animation frame, so
 * every element shows the new figures a few frames (well under one metrics interval) later and no single
 * frame carries the whole graph. Small jobs are not staggered: they update in the frame the event lands.
 */
import type { FrameScheduler } from './event-batch';

export const STAGGER_GROUPS = 16;

/** A stable group for an element key (an operator id, an edge's ends). */
export function groupOf(key: string, groups: number = STAGGER_GROUPS): number {
  let h = 0;
  for (let i = 0; i < key.length; i += 1) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(h) % groups;
}

export interface Stagger {
  /** `listener` runs when `group`'s turn comes after a change; returns the unsubscribe. */
  subscribe: (group: number, listener: () => void) => () => void;
  /** Something changed: sweep every group again, one per frame (a sweep under way restarts its count). */
  changed: () => void;
}

export function createStagger(scheduler: FrameScheduler, groups: number = STAGGER_GROUPS): Stagger {
  const listeners = Array.from({ length: groups }, () => new Set<() => void>());
  let next = 0;
  let remaining = 0;
  let running = false;
  const step = () => {
    running = false;
    if (remaining === 0) return;
    const group = next;
    next = (next + 1) % groups;
    remaining -= 1;
    for (const listener of [...listeners[group]!]) listener();
    if (remaining > 0) {
      running = true;
      scheduler.request(step);
    }
  };
  return {
    subscribe: (group, listener) => {
      const set = listeners[group % groups]!;
      set.add(listener);
      return () => set.delete(listener);
    },
    changed: () => {
      remaining = groups;
      if (running) return;
      running = true;
      scheduler.request(step);
    },
  };
}
