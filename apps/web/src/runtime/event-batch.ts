/**
 * Runtime events arrive one socket message at a time, several per animation frame when the job is large
 * (a status and a metrics frame, checkpoint acknowledgements, sink output). Delivered one by one, each is a
 * store write and a render; queued and delivered together once per animation frame, in arrival order, they
 * cost one render (React batches the writes of one task).
 */
export interface EventBatcher<E> {
  push: (event: E) => void;
  /** Delivers whatever is queued now (also used when the connection closes). */
  flush: () => void;
}

export interface FrameScheduler {
  /** Runs `callback` once, before the next frame is drawn. */
  request: (callback: () => void) => void;
}

/** requestAnimationFrame, with a timer beside it: a hidden tab draws no frames, but its store must still follow the job. */
export const animationFrames: FrameScheduler = {
  request: (callback) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      callback();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
    setTimeout(once, 100);
  },
};

export function eventBatcher<E>(
  deliver: (events: readonly E[]) => void,
  scheduler: FrameScheduler = animationFrames,
): EventBatcher<E> {
  let queue: E[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    deliver(events);
  };
  return {
    push: (event) => {
      queue.push(event);
      if (scheduled) return;
      scheduled = true;
      scheduler.request(flush);
    },
    flush,
  };
}
