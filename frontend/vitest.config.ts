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
    // basemap.de is the default in production; tests never reach out to the internet (CI has
    // none): the offline reference map unless a test names a basemap of its own.
    env: { BASEMAP_STYLE_URL: 'none' },
    hookTimeout: 180_000,
  },
})
