import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { repoRoot } from '../config.ts'
import { findLayerByTable } from '../contract/layers.ts'
import { agreementStatuses, agreementUses, keysOf } from '../contract/vocabulary.ts'
import { identifiers, type Queries, type Sql } from '../db/sql-client.ts'
import { type ImportReport, importFeatures } from '../importing/import-features.ts'
import { seedDemoIndicators } from '../indicators/demo-indicators.ts'
import { readPlotHistories, seedPlotHistories } from './seed-demo-history.ts'

// The demo data in geodata/: Leipzig's and Dortmund's programme areas, brownfields, Grünau's
// quarters, measures and links, places, the organisations involved and interim-use agreements.
// Every row has an external_id, so seeding again updates the demo rows instead of duplicating.

export const demoDataDir = join(repoRoot, 'geodata')

/** Layer files in load order: referenced layers first. */
const layerFiles = ['programme_areas', 'quarters', 'plots', 'measures', 'links', 'places'] as const

const contact = z.object({
  contact_name: z.string().nullish(),
  street_address: z.string().nullish(),
  postcode: z.string().nullish(),
  city: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  notes: z.string().nullish(),
})

const party = z.object({
  external_id: z.string(),
  kind: z.enum(['organisation', 'public_body']),
  public_name: z.string(),
  municipality: z.string().optional(),
  contact: contact.optional(),
})

const agreement = z.object({
  external_id: z.string(),
  name: z.string(),
  use: z.enum(keysOf(agreementUses)),
  status: z.enum(keysOf(agreementStatuses)),
  term_start: z.string().nullish(),
  term_end: z.string().nullish(),
  notice_period_months: z.number().int().nullish(),
  public_access: z.boolean().optional(),
  upkeep_by: z.string().nullish(),
  insurance_by: z.string().nullish(),
  clearance_paid_by: z.string().nullish(),
  conditions: z.string().nullish(),
  internal_notes: z.string().nullish(),
  description: z.string().nullish(),
  plots: z.array(z.string()).min(1),
  parties: z.array(z.object({ party: z.string(), role: z.enum(['owner', 'user', 'city', 'intermediary']) })),
  transitions: z.array(
    z.object({
      from_status: z.string().nullable(),
      to_status: z.string(),
      changed_at: z.string(),
      reason: z.string().nullish(),
    }),
  ),
})

export type SeedReport = {
  layers: ImportReport[]
  parties: number
  agreements: number
  /** Plots given their past versions in this run (none when seeded before). */
  plotHistories: string[]
}

/** Loads (or refreshes) the demo data; throws, naming the feature, if any demo row is refused. */
export async function seedDemoData(sql: Sql, dir = demoDataDir): Promise<SeedReport> {
  const parties = z.array(party).parse(readJson(join(dir, 'parties.json')))
  await sql.begin((tx) => upsertParties(tx, parties))

  const layers: ImportReport[] = []
  for (const table of layerFiles) {
    const layer = findLayerByTable(table)
    if (!layer) throw new Error(`no layer for table ${table}`)
    const report = await importFeatures(sql, layer, readJson(join(dir, `${table}.geojson`)))
    if (report.refused.length > 0) {
      throw new Error(`demo data ${table}.geojson was refused: ${JSON.stringify(report.refused, null, 1)}`)
    }
    layers.push(report)
  }
  const plotHistories = await seedPlotHistories(sql, readPlotHistories(dir))
  await seedDemoIndicators(sql)

  const agreements = z.array(agreement).parse(readJson(join(dir, 'agreements.json')))
  await sql.begin(async (tx) => {
    for (const item of agreements) await upsertAgreement(tx, item)
    await tx`
      insert into app_state (key, value) values ('demo_seeded_at', to_jsonb(now()))
      on conflict (key) do update set value = excluded.value, updated_at = now()`
  })
  return { layers, parties: parties.length, agreements: agreements.length, plotHistories }
}

/** Whether the demo data was ever loaded into this database. */
export async function demoDataSeeded(sql: Sql): Promise<boolean> {
  const [row] = await sql`select 1 from app_state where key = 'demo_seeded_at'`
  return Boolean(row)
}

async function upsertParties(tx: Queries, parties: z.infer<typeof party>[]): Promise<void> {
  for (const item of parties) {
    const [row] = await tx<{ id: number }[]>`
      insert into parties (municipality, kind, public_name, external_id)
      values (coalesce(${item.municipality ?? null}, default_municipality()), ${item.kind}, ${item.public_name}, ${item.external_id})
      on conflict (municipality, external_id) do update set kind = excluded.kind, public_name = excluded.public_name
      returning id`
    if (!row || !item.contact) continue
    const c = contact.parse(item.contact)
    await tx`
      insert into party_contacts (party_id, contact_name, street_address, postcode, city, email, phone, notes)
      values (${row.id}, ${c.contact_name ?? null}, ${c.street_address ?? null}, ${c.postcode ?? null},
              ${c.city ?? null}, ${c.email ?? null}, ${c.phone ?? null}, ${c.notes ?? null})
      on conflict (party_id) do update set
        contact_name = excluded.contact_name, street_address = excluded.street_address, postcode = excluded.postcode,
        city = excluded.city, email = excluded.email, phone = excluded.phone, notes = excluded.notes, updated_at = now()`
  }
}

async function upsertAgreement(tx: Queries, item: z.infer<typeof agreement>): Promise<void> {
  const { plots, parties, transitions, external_id, ...fields } = item
  const values = { ...fields, external_id }
  const columns = Object.keys(values)
  const names = identifiers(tx, columns)
  const [row] = await tx<{ id: number }[]>`
    insert into agreements (${names})
    select ${names} from jsonb_populate_record(null::agreements, ${tx.json(values as never)})
    on conflict (municipality, external_id) do update
      set (${names}) = row(${identifiers(
        tx,
        columns.map((c) => `excluded.${c}`),
      )})
    returning id`
  if (!row) throw new Error(`agreement ${external_id} was not written`)
  await tx`delete from agreement_plots where agreement_id = ${row.id}`
  await tx`delete from agreement_parties where agreement_id = ${row.id}`
  await tx`delete from agreement_transitions where agreement_id = ${row.id}`
  for (const plot of plots) {
    const [inserted] = await tx`
      insert into agreement_plots (agreement_id, plot_id)
      select ${row.id}, id from plots where external_id = ${plot} returning plot_id`
    if (!inserted) throw new Error(`agreement ${external_id}: no plot with external_id ${plot}`)
  }
  for (const { party: partyId, role } of parties) {
    const [inserted] = await tx`
      insert into agreement_parties (agreement_id, party_id, role)
      select ${row.id}, id, ${role} from parties where external_id = ${partyId} returning party_id`
    if (!inserted) throw new Error(`agreement ${external_id}: no party with external_id ${partyId}`)
  }
  for (const step of transitions) {
    await tx`
      insert into agreement_transitions (agreement_id, from_status, to_status, reason, changed_at)
      values (${row.id}, ${step.from_status}, ${step.to_status}, ${step.reason ?? null}, ${step.changed_at})`
  }
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}
