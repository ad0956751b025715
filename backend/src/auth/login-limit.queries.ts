import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { Queries, Sql } from '../db/sql-client.ts'
import { Problem } from '../http/problem.ts'

// At most 10 failed sign-ins per e-mail and per client address within 15 minutes. Per e-mail
// stops guessing one account's password from many addresses; per address stops trying one common
// password against many accounts. The cost: someone who knows an e-mail can lock its owner out
// for 15 minutes; that is the usual trade and better than unlimited guessing.
export const maxFailures = 10
export const windowMinutes = 15

/** The caller's network address, 'unknown' when the request did not come through a socket (tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * Reserves one sign-in attempt, counted as a failure until clearLoginFailures forgets it, or
 * refuses with 429 and Retry-After when the e-mail or the address has used up its failures.
 * Count and insert run under a transaction-scoped advisory lock per e-mail and per address, so
 * concurrent attempts cannot all pass the count before any of them is recorded.
 */
export async function reserveLoginAttempt(sql: Sql, email: string, client: string): Promise<void> {
  const blocked = await sql.begin(async (tx) => {
    // Always the e-mail's lock first, then the address's: no two attempts wait on each other in a cycle.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`login-email:${email}`}, 0))`
    await tx`select pg_advisory_xact_lock(hashtextextended(${`login-client:${client}`}, 0))`
    // Blocked until the tenth most recent failure leaves the window (refused attempts are not
    // counted, so the block ends on time).
    const counts = await tx<{ failures: number; oldest: number }[]>`
      select count(*)::int as failures,
             extract(epoch from min(failed_at) + make_interval(mins => ${windowMinutes}) - now())::float8 as oldest
        from (select failed_at from login_failures
               where email = ${email} and failed_at > now() - make_interval(mins => ${windowMinutes})
               order by failed_at desc limit ${maxFailures}) e
      union all
      select count(*)::int,
             extract(epoch from min(failed_at) + make_interval(mins => ${windowMinutes}) - now())::float8
        from (select failed_at from login_failures
               where client = ${client} and failed_at > now() - make_interval(mins => ${windowMinutes})
               order by failed_at desc limit ${maxFailures}) a`
    const full = counts.filter((count) => count.failures >= maxFailures)
    if (full.length > 0) return full
    await tx`delete from login_failures where failed_at < now() - make_interval(mins => ${windowMinutes})`
    await tx`insert into login_failures (email, client) values (${email}, ${client})`
    return []
  })
  if (blocked.length === 0) return
  const retryAfter = Math.max(1, Math.ceil(Math.max(...blocked.map((count) => count.oldest))))
  throw new Problem(
    429,
    'too-many-login-attempts',
    'Too many failed sign-ins',
    `more than ${maxFailures - 1} failed sign-ins within ${windowMinutes} minutes for this e-mail or from this address; try again in ${Math.ceil(retryAfter / 60)} minutes`,
    { retry_after_seconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  )
}

/** Forgets the e-mail's failures, the reserved attempt among them, after a successful sign-in. */
export async function clearLoginFailures(sql: Queries, email: string): Promise<void> {
  await sql`delete from login_failures where email = ${email}`
}
