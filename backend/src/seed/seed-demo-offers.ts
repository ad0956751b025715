import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { newOfferSchema } from '../contract/offers.schema.ts'
import type { Sql } from '../db/sql-client.ts'
import { assertOfferGeometry } from '../offers/offer-geometry.ts'
import { insertOffer } from '../offers/offers.queries.ts'
import { demoDataDir } from './seed-demo.ts'

// Offers waiting for review (geodata/offers.json), so that a new installation shows a planner's
// review queue. Each belongs to the demo account of its owner party: they are seeded with the demo
// accounts (embedded database only), never into PostgreSQL by npm run db:seed. The contact shown
// with an offer is its party's contact from parties.json.

const demoOffer = z.looseObject({
  external_id: z.string().startsWith('demo:offer:'),
  /** The owner party (parties.json); the offer goes to the first account linked to it. */
  party: z.string(),
  approximate: z.literal(true),
})

/** Adds the demo offers that are missing, as submitted offers; returns how many were added. */
export async function seedDemoOffers(sql: Sql, dir = demoDataDir): Promise<number> {
  const items = z.array(demoOffer).parse(JSON.parse(readFileSync(join(dir, 'offers.json'), 'utf8')))
  let added = 0
  for (const { external_id, party, approximate, ...fields } of items) {
    const input = newOfferSchema.parse(fields)
    if (input.geometry !== undefined) await assertOfferGeometry(sql, input.geometry)
    added += await sql.begin(async (tx) => {
      const [owner] = await tx<{ user_id: number; party_id: number; seeded: boolean }[]>`
        select u.id as user_id, u.party_id,
               exists (select from offers where municipality = p.municipality and external_id = ${external_id}) as seeded
          from parties p join users u on u.party_id = p.id
         where p.external_id = ${party}
         order by u.id limit 1`
      if (!owner || owner.seeded) return 0
      await insertOffer(tx, owner.user_id, owner.party_id, input, external_id)
      return 1
    })
  }
  return added
}
