export * from './events.js';
export * from './failure-cause.js';
export * from './rest.js';
export * from './wire.js';
