import type { Hono } from 'hono'
import type { Queries } from '../db/sql-client.ts'
import { square as featureSquare } from '../features/features.testing.ts'
import type { AppEnv } from '../http/app-types.ts'

// Helpers for the interim-use tests: JSON requests, a drawn square, table checksums.

// biome-ignore lint/suspicious/noExplicitAny: test replies are checked with toMatchObject; typing each response shape adds nothing
export type Reply = { status: number; body: any; headers: Headers; text: string }

/** Sends a request (JSON body if given, same-origin so cookie sessions may write) and reads the answer. */
export async function call(
  app: Hono<AppEnv>,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; json?: unknown; body?: FormData | Uint8Array | string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Origin: 'http://localhost', ...options.headers }
  let body: FormData | Uint8Array<ArrayBuffer> | string | undefined = options.body as
    | FormData
    | Uint8Array<ArrayBuffer>
    | string
    | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  const response = await app.request(path, { method, headers, body })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {}
  return { status: response.status, body: parsed, headers: response.headers, text }
}

/** A closed square polygon of `size` degrees with its south-west corner at lon/lat. */
export const square = (lon: number, lat: number, size = 0.0008) => featureSquare(lon, lat, size)

/** A fingerprint of every row of `table`, to prove a refused request changed nothing. */
export async function checksum(sql: Queries, table: string): Promise<string> {
  const [row] = await sql<{ sum: string | null }[]>`
    select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${sql(table)} t`
  return row?.sum ?? ''
}

/** Checksums of the tables the interim-use endpoints write. */
export async function checksums(sql: Queries): Promise<Record<string, string>> {
  const tables = [
    'offers',
    'agreements',
    'agreement_transitions',
    'agreement_parties',
    'agreement_plots',
    'agreement_documents',
    'plots',
    'party_contacts',
    'notifications',
    'outbox',
    'erasures',
    'users',
  ]
  const sums: Record<string, string> = {}
  for (const table of tables) sums[table] = await checksum(sql, table)
  return sums
}

/** The smallest valid PDF-looking payload: what the upload checks is the %PDF- signature. */
export function pdfBytes(text = 'Quartiersatlas test document'): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  )
}

/** A multipart form with one file in the field "file". */
export function fileForm(bytes: Uint8Array, filename: string, type = 'application/pdf'): FormData {
  const form = new FormData()
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], filename, { type }))
  return form
}
