import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { municipalityResponse } from '../contract/map.schema.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()
const saved = process.env.BASEMAP_STYLE_URL

afterEach(() => {
  if (saved === undefined) delete process.env.BASEMAP_STYLE_URL
  else process.env.BASEMAP_STYLE_URL = saved
})

describe('GET /api/config', () => {
  it('offers basemap.de when BASEMAP_STYLE_URL is unset, and no basemap when it is none', async () => {
    delete process.env.BASEMAP_STYLE_URL
    const response = await createApp(db()).request('/api/config')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      basemapStyleUrl: 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
    })
    process.env.BASEMAP_STYLE_URL = 'none'
    expect(await (await createApp(db()).request('/api/config')).json()).toEqual({ basemapStyleUrl: null })
  })

  it('passes a configured basemap style URL to the map', async () => {
    process.env.BASEMAP_STYLE_URL =
      'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json'
    const response = await createApp(db()).request('/api/config')
    expect(await response.json()).toEqual({
      basemapStyleUrl: 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
    })
  })

  it('ignores a value that is not an http(s) URL', async () => {
    process.env.BASEMAP_STYLE_URL = 'file:///etc/passwd'
    const response = await createApp(db()).request('/api/config')
    expect(await response.json()).toEqual({ basemapStyleUrl: null })
  })
})

describe('GET /api/config/municipality', () => {
  it('names the default municipality, its official CRS and the extent of its programme areas', async () => {
    const response = await createApp(db()).request('/api/config/municipality')
    expect(response.status).toBe(200)
    const body = municipalityResponse.parse(await response.json())
    expect(body).toMatchObject({ ags: '14713000', name: 'Leipzig', srid: 25833 })
    const [expected] = await db().sql<{ w: number; s: number; e: number; n: number }[]>`
      select st_xmin(b) as w, st_ymin(b) as s, st_xmax(b) as e, st_ymax(b) as n
        from (select st_extent(geom) as b from programme_areas where municipality = '14713000') x`
    expect(body.programmeAreasBbox).toEqual([expected?.w, expected?.s, expected?.e, expected?.n])
    // Dortmund's areas are not part of Leipzig's first view.
    expect(body.programmeAreasBbox?.[0]).toBeGreaterThan(11)
  })
})
