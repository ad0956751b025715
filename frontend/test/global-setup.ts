import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import setupTemplate from '../../backend/src/test/global-setup.ts'

// Once per run for the browser tests: build the front end as users get it (vite build into
// frontend/dist) and create the template database every test file copies.

const frontendRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

export default async function setup(project: TestProject) {
  await build({ root: frontendRoot, logLevel: 'warn', configFile: join(frontendRoot, 'vite.config.ts') })
  return setupTemplate(project)
}
