import type { Layer } from '../contract/layers.ts'
import type { Queries } from '../db/sql-client.ts'
import { identifiers } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'

// Where a planner may edit: a planner assigned to programme areas (planner_areas, 005) may create
// and change only features that intersect one of them; a planner without assignments works
// everywhere (a small QM team has no reason to be fenced in), as do admins. The rule itself is
// the database function planner_may_act, shared with offers and agreements.

/** A geometry as a client sent it (GeoJSON in `srid`), or a stored feature by id. */
export type EditTarget = { geometry: unknown; srid?: number } | { layer: Layer; id: number }

export type AssignedArea = { id: number; name: string }

/** The programme areas assigned to `userId`, by name. */
export async function assignedAreas(sql: Queries, userId: number): Promise<AssignedArea[]> {
  return sql<AssignedArea[]>`
    select a.id, a.name from planner_areas pa join programme_areas a on a.id = pa.programme_area_id
     where pa.user_id = ${userId}::bigint order by a.name, a.id`
}

/**
 * Refuses (403, naming the areas the planner may edit) when `user` is a planner limited to
 * programme areas and `target` lies outside all of them; call it inside the write's transaction.
 */
export async function assertPlannerMayEdit(
  sql: Queries,
  user: Pick<CurrentUser, 'id' | 'role'>,
  target: EditTarget,
): Promise<void> {
  if (user.role !== 'planner') return
  const [row] =
    'layer' in target
      ? await sql<{ allowed: boolean }[]>`
          select planner_may_act(${user.id}::bigint, geom) as allowed
            from ${identifiers(sql, target.layer.table)} where id = ${target.id}::bigint`
      : await sql<{ allowed: boolean }[]>`
          select planner_may_act(${user.id}::bigint, st_transform(
                   st_setsrid(st_geomfromgeojson(${JSON.stringify(target.geometry)}), ${target.srid ?? 4326}::int),
                   4326)) as allowed`
  // No row: the feature does not exist, which the write itself reports as 404.
  if (!row || row.allowed) return
  const areas = await assignedAreas(sql, user.id)
  throw new Problem(
    403,
    'outside-assigned-areas',
    'Outside your programme areas',
    `you may edit only features in ${areas.map((a) => a.name).join(', ')}; this one lies outside them. Ask an admin to assign you the area, or a colleague who works there.`,
    { programmeAreas: areas },
  )
}
