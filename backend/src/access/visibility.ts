import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'

// Who may see which offers and agreements, as SQL conditions that every list, read and write of
// this module puts in its where clause, so a row outside the caller's reach is simply not found
// (404, never revealing that it exists). Admin: everything. Planner: rows touching one of their
// programme areas, or everything when they have none (planner_may_act, sql/005). Owner: their
// own offers, and agreements their party is party to. Residents and anonymous callers are
// refused before any of this runs.

/** The condition on `offers o` (joined with `plots op` on o.plot_id) under which `user` may see an offer. */
export function offerVisible(sql: Queries, user: CurrentUser) {
  switch (user.role) {
    case 'admin':
      return sql`true`
    case 'planner':
      return sql`planner_may_act(${user.id}, coalesce(o.geom, op.geom))`
    case 'owner':
      return sql`o.owner_user_id = ${user.id}`
    default:
      return sql`false`
  }
}

/** The condition on `agreements a` under which `user` may see an agreement. */
export function agreementVisible(sql: Queries, user: CurrentUser) {
  switch (user.role) {
    case 'admin':
      return sql`true`
    case 'planner':
      return sql`(not exists (select 1 from agreement_plots x where x.agreement_id = a.id)
                  or exists (select 1 from agreement_plots x join plots p on p.id = x.plot_id
                              where x.agreement_id = a.id and planner_may_act(${user.id}, p.geom)))`
    case 'owner':
      return sql`exists (select 1 from agreement_parties x join users u on u.party_id = x.party_id
                          where x.agreement_id = a.id and u.id = ${user.id})`
    default:
      return sql`false`
  }
}

/** Whether a planner may act at every plot in `plotIds` (admins always may). */
export async function mayActOnPlots(
  sql: Queries,
  user: CurrentUser,
  plotIds: readonly number[],
): Promise<boolean> {
  if (user.role === 'admin') return true
  if (user.role !== 'planner') return false
  const [row] = await sql<{ ok: boolean }[]>`
    select count(*) filter (where planner_may_act(${user.id}, geom)) = ${plotIds.length}
           and count(*) = ${plotIds.length} as ok
      from plots where id = any(${[...plotIds]}::bigint[])`
  return row?.ok ?? false
}

/** 403 unless the caller may act on every plot in `plotIds` (planners: within their programme areas). */
export async function assertMayActOn(
  sql: Queries,
  user: CurrentUser,
  plotIds: readonly number[],
): Promise<void> {
  if (await mayActOnPlots(sql, user, plotIds)) return
  throw new Problem(
    403,
    'outside-assigned-areas',
    'Outside your programme areas',
    `plots ${plotIds.join(', ')}: not all exist or lie in a programme area assigned to you`,
  )
}
