/**
 * The step worker: runs the JobGraph in the engine's deterministic StepSession, off the UI thread, and
 * with no server at all (the engine is plain TypeScript free of Node APIs). User functions run here.
 */
import { StepController } from '../step/step-controller';
import type { StepCommand, StepReply, StepRequest, StepState } from '../step/step-protocol';

let controller: StepController | null = null;

function stateOf(
  active: StepController,
  logFrom: number,
  outcome: Pick<StepState, 'events' | 'stoppedBy' | 'hit'>,
): StepState {
  return {
    stepCount: active.stepCount,
    snapshot: active.snapshot(),
    result: active.result(),
    ended: active.hasEnded,
    logFrom,
    ...outcome,
  };
}

function run(command: StepCommand): StepState {
  if (command.type === 'load') {
    controller = new StepController(command.jobGraph, command.seed);
    return stateOf(controller, 0, { events: [], stoppedBy: null, hit: null });
  }
  const active = controller;
  if (!active) throw new Error('no job loaded into the step worker');
  switch (command.type) {
    case 'advance': {
      const logFrom = active.stepCount;
      return stateOf(active, logFrom, active.advance(command.goal, command.budget));
    }
    case 'advanceProcessingTime':
      active.advanceProcessingTime(command.ms);
      return stateOf(active, active.stepCount, { events: [], stoppedBy: null, hit: null });
    case 'back':
      active.back();
      return stateOf(active, active.stepCount, { events: [], stoppedBy: null, hit: null });
    case 'reset':
      active.reset();
      return stateOf(active, 0, { events: [], stoppedBy: null, hit: null });
  }
}

self.onmessage = (message: MessageEvent<StepRequest>) => {
  const { id, command } = message.data;
  let reply: StepReply;
  try {
    reply = { id, ok: true, state: run(command) };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  self.postMessage(reply);
};
