import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { authHeaders } from '../auth/auth.testing.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { type Tile, tileAt } from './tile-coordinates.ts'
import { decodeTile, josephstrasse } from './tile-testing.ts'

const db = useTestDatabase()

type Geometry = { type: 'MultiPolygon'; coordinates: number[][][][] }

const url = (scope: string, { z, x, y }: Tile) =>
  scope === '*'
    ? `/api/tiles/WebMercatorQuad/${z}/${y}/${x}`
    : `/api/collections/${scope}/tiles/WebMercatorQuad/${z}/${y}/${x}`

describe('tiles after a write through the API', () => {
  it('show a moved plot at once where it went and no longer where it was, in every layer over it', async () => {
    const app = createApp(db())
    const [garden] = await db().sql<{ id: number }[]>`
      select id from plots where name = 'Nachbarschaftsgärten Josephstraße'`
    const id = garden?.id ?? 0
    const moved = tileAt(12.3345 + 0.05, 51.3345, 14)
    const ids = async (scope: string, tile: Tile, layer = scope) => {
      const response = await app.request(url(scope, tile), { headers: { 'Accept-Encoding': 'gzip' } })
      if (response.status === 204) return []
      const bytes = gunzipSync(new Uint8Array(await response.arrayBuffer()))
      return (decodeTile(bytes).get(layer) ?? []).map((f) => f.id)
    }
    const interimUses = async (tile: Tile) => (await ids('interim-uses', tile)).length
    // Fill the cache with the tiles before the edit.
    expect(await ids('plots', josephstrasse)).toContain(id)
    expect(await ids('*', josephstrasse, 'plots')).toContain(id)
    expect(await ids('plots', moved)).not.toContain(id)
    const usesBefore = await interimUses(josephstrasse)
    expect(usesBefore).toBeGreaterThan(0)
    expect(await interimUses(moved)).toBe(0)

    const headers = await authHeaders(db(), 'planner')
    const read = await app.request(`/api/collections/plots/items/${id}`, { headers })
    const feature = (await read.json()) as { geometry: Geometry }
    const geometry: Geometry = {
      type: 'MultiPolygon',
      coordinates: feature.geometry.coordinates.map((polygon) =>
        polygon.map((ring) => ring.map(([lon = 0, lat = 0]) => [lon + 0.05, lat])),
      ),
    }
    const write = await app.request(`/api/collections/plots/items/${id}`, {
      method: 'PATCH',
      headers: {
        ...headers,
        'Content-Type': 'application/merge-patch+json',
        'If-Match': read.headers.get('etag') ?? '',
      },
      body: JSON.stringify({ type: 'Feature', geometry }),
    })
    expect(write.status).toBe(200)

    expect(await ids('plots', josephstrasse)).not.toContain(id)
    expect(await ids('*', josephstrasse, 'plots')).not.toContain(id)
    expect(await ids('plots', moved)).toContain(id)
    expect(await ids('*', moved, 'plots')).toContain(id)
    // The garden's interim use (derived from the plot) moved with it.
    expect(await interimUses(moved)).toBeGreaterThan(0)
    expect(await interimUses(josephstrasse)).toBeLessThan(usesBefore)
  })
})
