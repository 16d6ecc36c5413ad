import { defineConfig } from 'vitest/config';

// Every test file starts a real cluster (TaskManager processes); on a small machine one file at a time keeps them fair.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/build-bundles.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
