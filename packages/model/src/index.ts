export * from './jobgraph.js';
export * from './catalogue.js';
