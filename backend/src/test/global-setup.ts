import type { TestProject } from 'vitest/node'
import { createTemplate, dropTemplate, type Template } from './template-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    template: Template
  }
}

/** Once per test run: the template database every test file copies. */
export default async function setup(project: TestProject) {
  const template = await createTemplate()
  project.provide('template', template)
  return () => dropTemplate(template)
}
