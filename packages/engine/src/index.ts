export * from './task/deployment.js';
export * from './task/host.js';
export * from './network/messages.js';
