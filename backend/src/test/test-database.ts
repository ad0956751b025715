import { afterAll, beforeAll, inject } from 'vitest'
import type { Database } from '../db/database.ts'
import { openCopy } from './template-database.ts'

/**
 * Gives the calling test file its own database with the demo data (a copy of the run's
 * template) and throws it away afterwards. Use the returned getter inside tests.
 */
export function useTestDatabase(): () => Database {
  let db: Database | undefined
  beforeAll(async () => {
    db = await openCopy(inject('template'))
  })
  afterAll(async () => {
    await db?.close()
  })
  return () => {
    if (!db) throw new Error('the test database is not open yet (use it inside tests or hooks)')
    return db
  }
}
