import type { TestProject } from 'vitest/node'
import { createTemplate, dropTemplate, type Template } from './template-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    template: Template
  }
}

/**
 * Once per test run: the template database every test file copies. QUARTIERSATLAS_TEST_TEMPLATE
 * (a Template as JSON) reuses one made beforehand and left to its maker, for many short runs on
 * the same data (the mutation check).
 */
export default async function setup(project: TestProject) {
  const given = process.env.QUARTIERSATLAS_TEST_TEMPLATE
  if (given) {
    project.provide('template', JSON.parse(given) as Template)
    return
  }
  const template = await createTemplate()
  project.provide('template', template)
  return () => dropTemplate(template)
}
