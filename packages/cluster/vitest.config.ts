import { defineConfig } from 'vitest/config';

// Runtime tests start real TaskManager processes; on a small machine one file at a time keeps them fair.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
