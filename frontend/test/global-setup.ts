import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import setupTemplate from '../../backend/src/test/global-setup.ts'

// Once per run for the browser tests: build the front end as users get it and create the
// template database every test file copies. The build goes to a directory of this run's own, so
// two runs at once (CI's embedded and PostgreSQL runs) and a developer's frontend/dist never
// overwrite each other.

const frontendRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(join(tmpdir(), 'quartiersatlas-frontend-'))
  await build({
    root: frontendRoot,
    logLevel: 'warn',
    configFile: join(frontendRoot, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
  })
  project.provide('frontendDir', outDir)
  const dropTemplate = await setupTemplate(project)
  return async () => {
    await dropTemplate?.()
    rmSync(outDir, { recursive: true, force: true })
  }
}
