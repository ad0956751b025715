import type { CurrentUser } from '../http/app-types.ts'
import type { Sql, Tx } from './sql-client.ts'

/**
 * Runs `work` in one transaction on behalf of `user`: the history triggers record them as the
 * author of every change it makes.
 */
export async function writeAs<T>(
  sql: Sql,
  user: Pick<CurrentUser, 'id'> | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return sql.begin(async (tx) => {
    if (user) await tx`select set_config('quartiersatlas.user_id', ${String(user.id)}, true)`
    return work(tx)
  }) as Promise<T>
}
