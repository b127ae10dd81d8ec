import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'vite/**/*.test.ts', 'workers/**/*.test.ts'],
    environment: 'node',
    // Safety nets for a hung test only: CI may run 5x slower than a developer's machine, and no
    // test may depend on speed.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
