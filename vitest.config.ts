import { defineConfig } from 'vitest/config';

// Unit and property tests of the core run under Node 22 against real encrypted vaults in temp dirs.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
