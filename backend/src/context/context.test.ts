import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { importOfficialDistricts } from '../test/official-districts.ts'
import { useTestDatabase } from '../test/test-database.ts'
import type { FeatureContext } from './context.queries.ts'

const db = useTestDatabase()

async function idOf(table: 'plots' | 'links' | 'places' | 'programme_areas', externalId: string) {
  const { sql } = db()
  const [row]: [{ id: number }?] = await sql`
    select id from ${sql(table)} where external_id = ${externalId}`
  if (!row) throw new Error(`no ${externalId}`)
  return row.id
}

// The 63 official Leipzig districts; importing again only updates them.
async function importDistricts() {
  const report = await importOfficialDistricts(db().sql)
  expect(report.refused).toEqual([])
}

async function context(path: string): Promise<FeatureContext> {
  const response = await createApp(db()).request(`/api/context/${path}`)
  expect(response.status).toBe(200)
  return (await response.json()) as FeatureContext
}

describe('GET /api/context/{collectionId}/{featureId}', () => {
  it('names Leipziger Westen and, once the official districts are in, Lindenau for the Josephstraße gardens', async () => {
    const gardens = await idOf('plots', 'demo:plot:josephstrasse-gardens')
    // Every database gets the districts at its first start (the reference map): take them out
    // to see the answer without them, then import them again.
    await db().sql`delete from districts`
    const before = await context(`plots/${gardens}`)
    expect(before.programmeAreas.map((area) => area.name)).toContain('Leipziger Westen')
    expect(before.programmeAreas[0]).toMatchObject({ name: 'Leipziger Westen', programme: 'szp', share: 1 })
    expect(before.districts).toEqual([])
    expect(before.area_m2).toBeGreaterThan(500)
    expect(before.area_m2).toBeLessThan(600)
    expect(before.length_m).toBeNull()

    await importDistricts()
    const after = await context(`plots/${gardens}`)
    expect(after.districts).toEqual([expect.objectContaining({ key: '70', name: 'Lindenau', share: 1 })])
  })

  it('orders a line crossing several areas by the share of its length inside each', async () => {
    await importDistricts()
    const route = await idOf('links', 'demo:link:gruenau-lindenau-radroute')
    const result = await context(`links/${route}`)
    expect(result.area_m2).toBeNull()
    expect(result.length_m).toBeGreaterThan(1000)
    const shares = result.districts.map((district) => district.share)
    expect(shares.length).toBeGreaterThan(1)
    expect(shares).toEqual([...shares].sort((a, b) => b - a))
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeLessThanOrEqual(1.0001)
  })

  it('gives a place neither area nor length, and a programme area does not contain itself', async () => {
    const office = await idOf('places', 'demo:place:stadtteilladen-gruenau')
    expect(await context(`places/${office}`)).toMatchObject({
      programmeAreas: [{ name: 'Grünau', share: 1 }],
      area_m2: null,
      length_m: null,
    })
    const westen = await idOf('programme_areas', 'demo:programme-area:leipziger-westen-szp')
    const result = await context(`programme-areas/${westen}`)
    expect(result.programmeAreas.map((area) => area.name)).toEqual(['URBAN II Leipziger Westen'])
    expect(result.area_m2).toBeGreaterThan(1_000_000)
  })

  it('answers an unknown collection or feature with a 404 problem', async () => {
    for (const path of ['nowhere/1', 'plots/999999', 'plots/abc', 'plots/-1', 'plots/1.5']) {
      const response = await createApp(db()).request(`/api/context/${path}`)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
    const odd = await createApp(db()).request('/api/context/plots/1?bbox=1')
    expect(odd.status).toBe(400)
  })
})
