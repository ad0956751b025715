import type { Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'

// The one place that writes the audit log. Every route that reads or changes personal data
// (contacts, offers, the non-public fields of agreements, documents, exports, erasures) calls
// audit() with what it touched; the log holds ids only, never the data.

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'erase' | 'download'

/** The tables whose rows hold personal data or non-public agreement terms. */
export type AuditedTable =
  | 'offers'
  | 'agreements'
  | 'agreement_documents'
  | 'party_contacts'
  | 'parties'
  | 'users'

/** Records that `actor` did `action` on the rows `rowIds` of `table` (nothing for no rows). */
export async function audit(
  sql: Queries,
  actor: Pick<CurrentUser, 'id'> | undefined,
  action: AuditAction,
  table: AuditedTable,
  rowIds: readonly number[],
): Promise<void> {
  if (rowIds.length === 0) return
  await sql`
    insert into audit_log (actor_id, action, table_name, row_id)
    select ${actor?.id ?? null}, ${action}, ${table}, unnest(${[...rowIds]}::bigint[])`
}
