import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration and e2e tests open real sockets and child processes: on two shared cores,
    // a few files at a time keeps timings honest.
    maxWorkers: 2,
  },
});
