export * from './events.js';
export * from './rest.js';
