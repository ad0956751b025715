import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'

// Search over the reference map (issue 16): streets, addresses, districts and stations beside
// our own features, ranked by the same tiers.

const db = useTestDatabase()

type Result = { collection: string; id: number; name: string; detail: string; center: [number, number] }

async function search(q: string, lang = 'de'): Promise<Result[]> {
  const response = await createApp(db()).request(`/api/search?q=${encodeURIComponent(q)}&lang=${lang}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { results: Result[] }).results
}

/** Metres between a search result's point and the nearest point of a geometry given as SQL. */
async function metresFrom(result: Result | undefined, table: 'buildings' | 'places', where: string) {
  const [x, y] = result?.center ?? [0, 0]
  const [row] = await db().sql.unsafe<{ metres: number }[]>(
    `select min(st_distance(geom::geography, st_setsrid(st_point($1, $2), 4326)::geography))::float8 as metres
       from ${table} where ${where}`,
    [x, y],
  )
  return row?.metres ?? Number.POSITIVE_INFINITY
}

describe('search over the reference map', () => {
  it('puts an exact code first: WK7 is Wohnkomplex 7', async () => {
    const [first] = await search('WK7')
    expect(first).toMatchObject({ collection: 'quarters', name: 'Wohnkomplex 7' })
  })

  it('finds Josephstraße 12 at its OSM building and says where the address comes from', async () => {
    const [first] = await search('Josephstraße 12')
    expect(first).toMatchObject({ collection: 'addresses', name: 'Josephstraße 12' })
    expect(first?.detail).toBe('04177 Leipzig · Gebäudeadresse (OSM)')
    expect(
      await metresFrom(first, 'buildings', `street = 'Josephstraße' and housenumber = '12'`),
    ).toBeLessThan(1)
    expect((await search('josephstrasse 12'))[0]?.center).toEqual(first?.center)
  })

  it('places Stuttgarter Allee 19, which no building carries, between its neighbours: at the Stadtteilladen', async () => {
    const results = await search('Stuttgarter Allee 19', 'en')
    // The Stadtteilladen has exactly this address: ours first, then the reference address.
    expect(results[0]).toMatchObject({ collection: 'places', name: 'Stadtteilladen Grünau' })
    const address = results.find((r) => r.collection === 'addresses')
    expect(address).toMatchObject({ name: 'Stuttgarter Allee 19' })
    expect(address?.detail).toBe('04209 Leipzig · estimated between the neighbouring houses')
    expect(await metresFrom(address, 'places', `address like 'Stuttgarter Allee 19,%'`)).toBeLessThan(50)
  })

  it('finds addresses of the city’s list and streets outside the focus districts', async () => {
    expect((await search('Prager Straße 26'))[0]).toMatchObject({
      collection: 'addresses',
      name: 'Prager Straße 26',
      detail: '04103 Leipzig · Adressliste, Lage ungefähr',
    })
    expect((await search('Heinrichstraße'))[0]).toMatchObject({
      collection: 'streets',
      name: 'Heinrichstraße',
    })
    // A street is listed once, not with every house on it.
    const josephstrasse = await search('Josephstraße')
    expect(josephstrasse.filter((r) => r.collection === 'addresses')).toEqual([])
    expect(josephstrasse.filter((r) => r.collection === 'streets').map((r) => r.name)).toEqual([
      'Josephstraße',
    ])
  })

  it('finds districts and stations', async () => {
    expect((await search('Lindenau'))[0]).toMatchObject({ collection: 'districts', name: 'Lindenau' })
    expect((await search('Leipzig-Lindenau'))[0]).toMatchObject({
      collection: 'stations',
      detail: 'Haltepunkt',
    })
  })

  it('ranks our features ahead of reference data that matches as well', async () => {
    const { sql } = db()
    await sql`insert into places (name, geom) values ('Heinrichstraße', st_setsrid(st_point(12.40, 51.337), 4326))`
    const results = await search('Heinrichstraße')
    expect(results.slice(0, 2).map((r) => `${r.collection}:${r.name}`)).toEqual([
      'places:Heinrichstraße',
      'streets:Heinrichstraße',
    ])
    const lindenau = await search('Lindenau')
    expect(lindenau[0]?.collection).toBe('districts')
  })

  it('lists the Stadtteilladen first for its street: a house of ours there is as good as the street', async () => {
    const results = (await search('Stuttgarter Allee')).map((r) => `${r.collection}:${r.name}`)
    expect(results[0]).toBe('places:Stadtteilladen Grünau')
    // Our features at a house on that street, then the street; a name starting with it after.
    expect(results.indexOf('programme-areas:Grünau')).toBeLessThan(
      results.indexOf('streets:Stuttgarter Allee'),
    )
    expect(results.indexOf('streets:Stuttgarter Allee')).toBeLessThan(
      results.indexOf('links:Stuttgarter Allee – Allee-Center – S-Bahn'),
    )
    // Only a house number pins a feature to the street: an address naming just the street does
    // not lift a feature above the street, nor does an address on another street starting alike.
    await db().sql`
      insert into places (name, address, geom) values
        ('Testladen Allee-Ende', 'Stuttgarter Allee, 04209 Leipzig', st_setsrid(st_point(12.30, 51.31), 4326)),
        ('Testladen Nebenstraße', 'Stuttgarter Alleeweg 4, 04209 Leipzig', st_setsrid(st_point(12.30, 51.31), 4326))`
    const again = (await search('Stuttgarter Allee')).map((r) => `${r.collection}:${r.name}`)
    expect(again.slice(0, 3)).toEqual([
      'places:Stadtteilladen Grünau',
      'programme-areas:Grünau',
      'streets:Stuttgarter Allee',
    ])
  })
})
