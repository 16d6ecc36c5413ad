import { defineConfig } from 'vitest/config';

// The scripts' tests start real JVMs (a Flink cluster per file); one file at a time keeps a 2-core machine fair.
export default defineConfig({
  test: {
    name: 'scripts',
    include: ['test/**/*.test.mjs'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
