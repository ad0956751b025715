import type { Queries } from '../db/sql-client.ts'

export type MunicipalityRow = {
  ags: string
  name: string
  srid: number
  west: number | null
  south: number | null
  east: number | null
  north: number | null
}

/** The default municipality with its official CRS and the extent of its programme areas. */
export async function defaultMunicipality(sql: Queries): Promise<MunicipalityRow | undefined> {
  const [row]: [MunicipalityRow?] = await sql`
    select m.ags, m.name, m.official_srid as srid,
           st_xmin(e.box) as west, st_ymin(e.box) as south, st_xmax(e.box) as east, st_ymax(e.box) as north
      from municipalities m
      cross join lateral (select st_extent(p.geom) as box from programme_areas p where p.municipality = m.ags) e
     where m.is_default`
  return row
}
