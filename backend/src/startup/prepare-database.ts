import { hasNoAccounts, seedDemoAccounts } from '../auth/demo-accounts.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { setDefaultMunicipality } from '../db/municipalities.ts'
import { demoDataSeeded, seedDemoData } from '../seed/seed-demo.ts'
import { loadReferenceMap, referenceMapLoaded } from '../seed/seed-reference.ts'

/**
 * Brings an opened database up to date for serving: migrations, the default municipality, the
 * offline reference map once (districts, buildings, stations, addresses; both engines) and, in an
 * embedded database that never had any, the demo data and one demo account per role.
 * PostgreSQL gets demo data only when asked (npm run db:seed), and never the demo accounts.
 */
export async function prepareDatabase(
  db: Database,
  config: Pick<Config, 'defaultMunicipality'>,
  log: (message: string) => void = () => {},
): Promise<void> {
  const applied = await migrate(db.sql)
  if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`)
  await setDefaultMunicipality(db.sql, config.defaultMunicipality)
  if (!(await referenceMapLoaded(db.sql))) {
    log('loading the reference map (districts, buildings, stations, addresses; geodata/SOURCES.md)')
    await loadReferenceMap(db.sql)
  }
  if (db.engine === 'pglite' && !(await demoDataSeeded(db.sql))) {
    log('loading the demo data into the new embedded database')
    await seedDemoData(db.sql)
  }
  if (db.engine === 'pglite' && (await hasNoAccounts(db.sql))) {
    log('adding the demo accounts (see README: demo only)')
    await seedDemoAccounts(db.sql)
  }
}
