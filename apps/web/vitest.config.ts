import { defineConfig } from 'vitest/config';

// Pure logic tests run in node; files that need a DOM opt in with `// @vitest-environment jsdom`.
export default defineConfig({
  test: { include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
});
