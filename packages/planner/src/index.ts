export * from './execution-graph.js';
