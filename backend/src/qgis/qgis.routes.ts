import { Hono } from 'hono'
import { checkParameters, chooseLang } from '../features/request.ts'
import { apiBase } from '../http/api-base.ts'
import type { AppEnv } from '../http/app-types.ts'
import { qgisProject } from './qgis-project.ts'

/** GET /api/qgis/project.qgs: the public layers as a QGIS project in the default municipality's CRS. */
export const qgisRoutes = new Hono<AppEnv>().get('/qgis/project.qgs', async (c) => {
  checkParameters(c, ['lang'])
  const { sql } = c.get('db')
  // The initial view: the default municipality's programme areas, else all of them, in its CRS.
  const [row] = await sql<
    { srid: number; xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null }[]
  >`
    select m.official_srid as srid,
           st_xmin(e.box) as xmin, st_ymin(e.box) as ymin, st_xmax(e.box) as xmax, st_ymax(e.box) as ymax
      from municipalities as m,
           lateral (select st_transform(st_setsrid(st_extent(p.geom)::geometry, 4326), m.official_srid) as box
                      from programme_areas as p where p.municipality = m.ags) as e
     where m.is_default`
  if (!row) throw new Error('no default municipality')
  const extent =
    row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null
      ? null
      : ([row.xmin, row.ymin, row.xmax, row.ymax] as [number, number, number, number])
  const project = qgisProject({ api: apiBase(c), srid: row.srid, extent, lang: chooseLang(c) })
  c.header('Content-Disposition', 'attachment; filename="quartiersatlas.qgs"')
  c.header('Cache-Control', 'no-cache')
  return c.body(project, 200, { 'Content-Type': 'application/x-qgis-project; charset=utf-8' })
})
