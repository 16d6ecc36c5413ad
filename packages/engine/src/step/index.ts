export { createStepSession, replayTo } from './step-session.js';
export * from './step-types.js';
