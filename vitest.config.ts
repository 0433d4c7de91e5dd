import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Two cores: one fork per core keeps tfjs's synchronous kernels from starving each other.
    maxWorkers: 2,
  },
});
