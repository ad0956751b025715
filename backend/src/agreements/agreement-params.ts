import { findLayer, type Layer } from '../contract/layers.ts'
import type { Queries } from '../db/sql-client.ts'
import { pathIdOr } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import type { Versioned } from '../http/version-match.ts'
import type { Bbox } from '../layers/layer-events.ts'

/** The interim-uses layer: what changes on the public map when an agreement starts or ends. */
export const interimUsesLayer = findLayer('interim-uses') as Layer

/** The agreement's id from the path; anything else is a 404 like an unknown id. */
export function agreementId(raw: string): number {
  return pathIdOr(raw, agreementNotFound)
}

/** The same answer for an agreement that does not exist and one the caller may not see. */
export function agreementNotFound(id: string | number): Problem {
  return new Problem(404, 'not-found', 'Agreement not found', `there is no agreement ${id} that you may see`)
}

/** The extent of an agreement's plots, for layer change events. */
export async function agreementBbox(sql: Queries, id: number): Promise<Bbox | null> {
  const [row] = await sql<{ bbox: Bbox | null }[]>`
    select case when count(*) = 0 then null
                else array[min(st_xmin(p.geom)), min(st_ymin(p.geom)), max(st_xmax(p.geom)), max(st_ymax(p.geom))]::float8[] end as bbox
      from agreement_plots x join plots p on p.id = x.plot_id where x.agreement_id = ${id}`
  return row?.bbox ?? null
}

/** Agreements are edited with their version as ETag (http/version-match.ts). */
export const agreementRecord: Versioned = { noun: 'agreement', readFrom: 'GET /api/agreements/{id}' }
