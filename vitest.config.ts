import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `@/` as in the extension's own modules (WXT's alias), for tests of components/ that run in Node.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['core/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one worker on CI's two. Many files wait on anvil more than
    // they compute, so one per core halves the stage (214 s → 100 s measured on this machine).
    maxWorkers: availableParallelism(),
  },
});
