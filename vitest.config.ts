import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'tools/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start brokers and real clients; two cores do not like many at once.
    fileParallelism: false,
  },
});
