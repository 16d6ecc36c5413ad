export { createStepSession, replayTo, type StepSessionServices } from './step-session.js';
export * from './step-types.js';
