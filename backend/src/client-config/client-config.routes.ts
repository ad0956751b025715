import { Hono } from 'hono'
import { basemapStyleUrl } from '../config.ts'
import type { MunicipalityInfo } from '../contract/map.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { defaultMunicipality } from './municipality.queries.ts'

// Read at request time rather than at start, so a changed environment (tests, restarts behind a
// process manager) is what the browser sees; the value is tiny and never secret.
/** GET /api/config: what the map client needs to know about this installation. */
export const clientConfigRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.json({ basemapStyleUrl: basemapStyleUrl() })
  })
  // The map's first view (all programme areas of the city) and the CRS its coordinates and
  // measurements use; a separate read so the basemap answer stays as small as it is.
  .get('/municipality', async (c) => {
    c.header('Cache-Control', 'no-cache')
    const row = await defaultMunicipality(c.get('db').sql)
    if (!row) throw new Error('no default municipality: migration 001 sets one')
    const { ags, name, srid, west, south, east, north } = row
    const bbox =
      west === null || south === null || east === null || north === null ? null : [west, south, east, north]
    return c.json({ ags: ags.trim(), name, srid, programmeAreasBbox: bbox } as MunicipalityInfo)
  })
