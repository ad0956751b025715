import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'backend',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    // basemap.de is the default in production; tests never reach out to the internet.
    env: { BASEMAP_STYLE_URL: 'none' },
    hookTimeout: 120_000,
  },
})
