import type { Sql } from '../db/sql-client.ts'
import type { Role } from '../http/app-types.ts'
import { seedDemoOffers } from '../seed/seed-demo-offers.ts'
import { hashPassword } from './passwords.ts'

// One account per role for the embedded demo database only, with passwords printed in the
// README. Never seeded into PostgreSQL by npm run db:seed: a production server must not carry
// accounts whose passwords are public.
export const demoAccounts: readonly {
  email: string
  password: string
  role: Role
  display_name: string
  party?: string
}[] = [
  {
    email: 'admin@quartiersatlas.example',
    password: 'demo-admin-2026',
    role: 'admin',
    display_name: 'Stadtverwaltung (Demo)',
  },
  {
    email: 'planer@quartiersatlas.example',
    password: 'demo-planer-2026',
    role: 'planner',
    display_name: 'Quartiersmanagement (Demo)',
  },
  {
    email: 'eigentuemer@quartiersatlas.example',
    password: 'demo-eigentuemer-2026',
    role: 'owner',
    display_name: 'Grundstücksgesellschaft Lindenau (Demo)',
    party: 'demo:party:gsg-lindenau',
  },
  {
    email: 'bewohner@quartiersatlas.example',
    password: 'demo-bewohner-2026',
    role: 'resident',
    display_name: 'Bewohnerschaft Lindenau (Demo)',
  },
]

/**
 * Adds the demo accounts that are missing; the owner is linked to a demo owner organisation and
 * gets the demo offers (one waiting in the planners' review queue).
 */
export async function seedDemoAccounts(sql: Sql): Promise<number> {
  let added = 0
  for (const account of demoAccounts) {
    const passwordHash = await hashPassword(account.password)
    const rows = await sql`
      insert into users (email, password_hash, role, display_name, party_id)
      values (${account.email}, ${passwordHash}, ${account.role}, ${account.display_name},
              (select id from parties where external_id = ${account.party ?? null}))
      on conflict ((lower(email))) do nothing
      returning id`
    added += rows.length
  }
  await seedDemoOffers(sql)
  return added
}

/** Whether the database has no accounts at all: a new embedded database, or one from before accounts existed. */
export async function hasNoAccounts(sql: Sql): Promise<boolean> {
  const [row]: [{ none: boolean }?] = await sql`select not exists (select from users) as none`
  return row?.none ?? true
}
