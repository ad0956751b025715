import type { Queries } from '../db/sql-client.ts'

/** The first answer to a request, as stored for its Idempotency-Key. */
export type StoredAnswer = {
  fingerprint: string
  status: number
  headers: Record<string, string>
  body: Uint8Array
}

/** How long a key answers with its first result. */
export const keptHours = 24

/** The stored answer for `key` of `scope`, unless it is older than the keeping time. */
export async function findAnswer(
  sql: Queries,
  scope: string,
  key: string,
): Promise<StoredAnswer | undefined> {
  const [row]: [StoredAnswer?] = await sql`
    select fingerprint, status, headers, body from idempotency_keys
     where scope = ${scope} and key = ${key}
       and created_at > now() - make_interval(hours => ${keptHours})`
  return row
}

/** Stores the answer for `key`; a concurrent first request with the same key makes this fail (23505). */
export async function storeAnswer(
  sql: Queries,
  scope: string,
  key: string,
  answer: StoredAnswer,
): Promise<void> {
  await sql`delete from idempotency_keys where created_at <= now() - make_interval(hours => ${keptHours})`
  await sql`
    insert into idempotency_keys (scope, key, fingerprint, status, headers, body)
    values (${scope}, ${key}, ${answer.fingerprint}, ${answer.status}, ${sql.json(answer.headers)},
            ${Buffer.from(answer.body)})`
}
