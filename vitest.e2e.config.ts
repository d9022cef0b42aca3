import { defineConfig } from 'vitest/config';

/** End-to-end: the built extension in Debian's Chromium against a real anvil devnet. One file at a time. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
