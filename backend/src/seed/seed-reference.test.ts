import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { prepareDatabase } from '../startup/prepare-database.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { tileAt } from '../tiles/tile-coordinates.ts'
import { decodeTile } from '../tiles/tile-testing.ts'

// The offline reference map of issue 16, as the template database got it from prepareDatabase.

const db = useTestDatabase()

describe('the reference map', () => {
  it('holds the 63 Ortsteile, the focus districts’ buildings, the stations and the address list', async () => {
    const [counts] = await db().sql<
      { districts: number; buildings: number; stations: number; addresses: number }[]
    >`
      select (select count(*)::int from districts) as districts, (select count(*)::int from buildings) as buildings,
             (select count(*)::int from stations) as stations, (select count(*)::int from addresses) as addresses`
    expect(counts).toEqual({ districts: 63, buildings: 15896, stations: 49, addresses: 63915 })
    const [lindenau] = await db().sql`select name from districts where key = '70'`
    expect(lindenau?.name).toBe('Lindenau')
  })

  it('loads once: preparing the database again neither reloads nor duplicates it', async () => {
    const { sql } = db()
    const before = await sql<{ xmin: string }[]>`select xmin::text from buildings order by id limit 1`
    const logged: string[] = []
    await prepareDatabase(db(), { defaultMunicipality: '14713000' }, (line) => logged.push(line))
    expect(logged.filter((line) => line.includes('reference map'))).toEqual([])
    expect(await sql`select xmin::text from buildings order by id limit 1`).toEqual(before)
  })

  it('serves buildings from z14 and the district name Lindenau in the tile over Josephstraße', async () => {
    const app = createApp(db())
    const tileOf = async (z: number) => {
      const { x, y } = tileAt(12.3331, 51.3352, z)
      const response = await app.request(`/api/tiles/WebMercatorQuad/${z}/${y}/${x}`)
      expect(response.status).toBe(200)
      return decodeTile(new Uint8Array(await response.arrayBuffer()))
    }
    const z16 = await tileOf(16)
    const buildings = z16.get('buildings') ?? []
    expect(buildings.length).toBeGreaterThan(20)
    // Lean tiles: outlines only (the panel and search read the address from the features API).
    expect(buildings.every((b) => Object.keys(b.properties).length === 0)).toBe(true)
    const [josephstrasse12] = await db().sql<{ id: number }[]>`
      select id from buildings where street = 'Josephstraße' and housenumber = '12'`
    expect(buildings.map((b) => b.id)).toContain(josephstrasse12?.id)
    expect(z16.get('districts')?.map((d) => d.properties.name)).toContain('Lindenau')
    expect((await tileOf(13)).get('buildings')).toBeUndefined()
  })

  it('refuses every write to buildings and stations, even a planner’s, and keeps them out of the writable layers', async () => {
    const headers = await authHeaders(db(), 'planner')
    const app = createApp(db())
    for (const collection of ['buildings', 'stations']) {
      const options = await app.request(`/api/collections/${collection}/items/1`, {
        method: 'OPTIONS',
        headers,
      })
      expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
      const deleted = await app.request(`/api/collections/${collection}/items/1`, {
        method: 'DELETE',
        headers,
      })
      expect(deleted.status).toBe(405)
    }
    const [still] = await db().sql`select count(*)::int as n from buildings where id = 1`
    expect(still?.n).toBe(1)
  })

  it('names its sources in the tiles’ attribution', async () => {
    const response = await createApp(db()).request('/api/tiles/WebMercatorQuad/tilejson.json')
    const tilejson = (await response.json()) as { attribution?: string }
    expect(tilejson.attribution).toContain('© OpenStreetMap contributors')
    expect(tilejson.attribution).toContain('Stadt Leipzig, dl-de/by-2-0')
  })
})
