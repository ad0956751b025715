import { type GeometryFailure, GeometryReason } from '../contract/geometry-rules.ts'
import type { Queries } from '../db/sql-client.ts'

/**
 * Asks PostGIS whether a structurally sound GeoJSON geometry is valid; on failure says why and
 * where (lon/lat of the first problem), e.g. "Self-intersection at 12.3351 51.3372".
 */
export async function checkValidity(sql: Queries, geometry: unknown): Promise<GeometryFailure | undefined> {
  const [row] = await sql<{ valid: boolean; reason: string | null; x: number | null; y: number | null }[]>`
    with g as (select st_geomfromgeojson(${JSON.stringify(geometry)}) as geom),
         d as (select (st_isvaliddetail(geom)).* from g)
    select d.valid, d.reason, st_x(d.location) as x, st_y(d.location) as y from d`
  if (!row || row.valid) return undefined
  const where = row.x !== null && row.y !== null ? ` at ${round(row.x)} ${round(row.y)}` : ''
  const failure: GeometryFailure = {
    reason: GeometryReason.Invalid,
    message: `invalid geometry: ${row.reason ?? 'not valid'}${where}`,
  }
  if (row.x !== null && row.y !== null) failure.location = [round(row.x), round(row.y)]
  return failure
}

const round = (value: number) => Math.round(value * 1e7) / 1e7
