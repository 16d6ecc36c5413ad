import { defineConfig } from 'vitest/config';

// Its own config, so `npx vitest run` here runs this package's tests only (not the root's projects).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
