import type { CurrentUser } from '../http/app-types.ts'
import { RolledBack, takeCommitHook } from './commit-hook.ts'
import type { Sql, Tx } from './sql-client.ts'

/** What history records of a write besides its author (migration 013). */
export type WriteContext = {
  /** The client program (User-Agent) of a desktop GIS write. */
  client?: string
  /** Written without If-Match: history records the version each change overwrote unchecked. */
  unchecked?: boolean
}

/**
 * Runs `work` in one transaction on behalf of `user`: the history triggers record them as the
 * author of every change it makes. Inside a request with a commit hook (Idempotency-Key), the
 * result returns before the commit, which waits for the hook's last statement.
 */
export async function writeAs<T>(
  sql: Sql,
  user: Pick<CurrentUser, 'id'> | undefined,
  work: (tx: Tx) => Promise<T>,
  context: WriteContext = {},
): Promise<T> {
  const asAuthor = async (tx: Tx) => {
    if (user) await tx`select set_config('quartiersatlas.user_id', ${String(user.id)}, true)`
    if (context.client)
      await tx`select set_config('quartiersatlas.client', ${context.client.slice(0, 200)}, true)`
    if (context.unchecked) await tx`select set_config('quartiersatlas.unchecked', 'on', true)`
    return work(tx)
  }
  const hook = takeCommitHook()
  if (!hook) return sql.begin(asAuthor) as Promise<T>
  return new Promise<T>((resolve, reject) => {
    hook.transaction = sql.begin(async (tx) => {
      resolve(await asAuthor(tx))
      const last = await hook.decided
      if (!last) throw new RolledBack()
      await last(tx)
    })
    hook.transaction.catch(reject)
  })
}
