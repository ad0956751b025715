import { defineProject } from 'vitest/config'

// Browser tests: they run in Node and drive a real headless Chromium against the built front end
// (test/global-setup.ts builds it), so no DOM emulation and no Solid transform here.
export default defineProject({
  test: {
    name: 'frontend',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    passWithNoTests: true,
    globalSetup: ['test/global-setup.ts'],
    // Browsers are heavy on a 2-core machine: one test file at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
