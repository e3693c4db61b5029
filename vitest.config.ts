import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Argon2 at 64 MiB and real child processes: two cores are shared by the files running at once.
    fileParallelism: true,
    maxWorkers: 2,
  },
})
