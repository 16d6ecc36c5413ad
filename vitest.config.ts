import { defineConfig } from 'vitest/config';

// One vitest run over every package; a package with its own vitest.config.ts refines its project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/web', 'docs', 'scripts'],
  },
});
