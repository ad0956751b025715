import { agreementVisible } from '../access/visibility.ts'
import { endingMonthsDefault } from '../config.ts'
import type { EndingAgreement } from '../contract/agreements.schema.ts'
import { runOncePerPeriod } from '../db/scheduled-runs.queries.ts'
import type { Queries, Sql } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { notifyUsers } from '../notifications/notify.queries.ts'

// Running agreements near their end: the planners' dashboard and a reminder. "Running" is
// active and ending (already winding down), and an agreement past its term_end that nobody has
// ended yet stays on the list, since that is the one that needs attention most.

/** Running agreements `user` may see whose term ends within `months` (or has passed), soonest first. */
export function endingSoon(sql: Queries, user: CurrentUser, months: number): Promise<EndingAgreement[]> {
  return sql<EndingAgreement[]>`
    select a.id, a.name, a.status, a.term_end, (a.term_end - current_date) as days_left,
           coalesce((select array_agg(plot_id order by plot_id) from agreement_plots where agreement_id = a.id), '{}') as plot_ids
      from agreements a
     where a.status in ('active', 'ending') and a.term_end is not null
       and a.term_end <= current_date + make_interval(months => ${months})
       and ${agreementVisible(sql, user)}
     order by a.term_end, a.id`
}

/**
 * Raises one notification per agreement and window for its owners and the planners who work
 * where it lies; running it again adds nothing. Returns how many notifications it created.
 */
export async function raiseEndingSoonNotices(sql: Queries, months: number): Promise<number> {
  const due = await sql<{ id: number; name: string; term_end: string; recipients: number[] }[]>`
    select a.id, a.name, a.term_end,
           array(select u.id from users u
                  where u.disabled_at is null and (
                        (u.role = 'planner' and exists (select 1 from agreement_plots x join plots p on p.id = x.plot_id
                                                         where x.agreement_id = a.id and planner_may_act(u.id, p.geom)))
                     or u.party_id in (select party_id from agreement_parties where agreement_id = a.id and role = 'owner'))
                  order by u.id) as recipients
      from agreements a
     where a.status in ('active', 'ending') and a.term_end is not null
       and a.term_end <= current_date + make_interval(months => ${months})`
  let created = 0
  for (const agreement of due) {
    created += await notifyUsers(sql, agreement.recipients, {
      kind: 'agreement.ending_soon',
      subject: {
        de: `Vereinbarung ${agreement.id} endet am ${agreement.term_end}`,
        en: `Agreement ${agreement.id} ends on ${agreement.term_end}`,
      },
      body: {
        de: `Die Gestattungsvereinbarung „${agreement.name}“ (Nr. ${agreement.id}) endet am ${agreement.term_end}: verlängern, auslaufen lassen oder beenden.`,
        en: `The interim-use agreement "${agreement.name}" (no. ${agreement.id}) ends on ${agreement.term_end}: extend it, let it run out or end it.`,
      },
      resource: `/api/agreements/${agreement.id}`,
      dedupeKey: `agreement-ending:${agreement.id}:${agreement.term_end}:${months}`,
    })
  }
  return created
}

/**
 * Runs the reminder at most once an hour across every process on the database: each process
 * asks now and then every `checkEveryMs` (5 minutes, so the hour holds when the process that ran
 * it last has gone), and the one that claims the hour sends. Returns the stop function.
 */
export function startEndingSoonChecks(
  sql: Sql,
  months = endingMonthsDefault(),
  checkEveryMs = 5 * 60 * 1000,
): () => void {
  const run = () =>
    runEndingSoonOnceAnHour(sql, months).catch((error: unknown) => {
      console.error('[quartiersatlas] ending-soon check failed:', error)
    })
  void run()
  const timer = setInterval(run, checkEveryMs)
  timer.unref()
  return () => clearInterval(timer)
}

/** The hourly reminder, if no process on this database has sent it within the hour: whether it ran here. */
export function runEndingSoonOnceAnHour(sql: Sql, months = endingMonthsDefault()): Promise<boolean> {
  return runOncePerPeriod(sql, 'agreement-ending-soon', 3600, (tx) => raiseEndingSoonNotices(tx, months))
}
