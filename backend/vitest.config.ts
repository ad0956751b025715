import { configDefaults, defineProject } from 'vitest/config'

// The QGIS acceptance test runs only through `npm run test:qgis` (QGIS_ACCEPTANCE=1): installing
// QGIS for it would take CI past its 20 minutes (README, "QGIS").
const qgisAcceptance = 'src/qgis/qgis-acceptance.test.ts'

export default defineProject({
  test: {
    name: 'backend',
    include: ['src/**/*.test.ts'],
    exclude: process.env.QGIS_ACCEPTANCE
      ? configDefaults.exclude
      : [...configDefaults.exclude, qgisAcceptance],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    // basemap.de is the default in production; tests never reach out to the internet.
    env: { BASEMAP_STYLE_URL: 'none' },
    hookTimeout: 120_000,
  },
})
