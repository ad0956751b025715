import type { Sql } from './sql-client.ts'

// Whether the database answers right now, asked on a connection that no request holds: a busy or
// hung pool cannot make the answer wait. The health route and the request deadline use it.

export type Liveness = { ok: true; latencyMs: number } | { ok: false; reason: string }

export type Probe = {
  check(): Promise<Liveness>
  close(): Promise<void>
}

/** Probes on clients from `open`, one at a time; a probe without an answer in `timeoutMs` fails. */
export function createProbe(open: () => Sql, timeoutMs: number, dedicated: boolean): Probe {
  let sql: Sql | undefined
  let running: Promise<Liveness> | undefined
  const drop = () => {
    // A hung connection would keep every later probe waiting behind it: start afresh next time.
    if (dedicated) void sql?.end({ timeout: 0 }).catch(() => {})
    if (dedicated) sql = undefined
  }
  const probe = async (retry = dedicated): Promise<Liveness> => {
    sql ??= open()
    const started = performance.now()
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs)
    })
    try {
      const answer = await Promise.race([sql`select 1`.then(() => 'answered' as const), late])
      if (answer === 'late') {
        drop()
        return { ok: false, reason: `the database did not answer within ${timeoutMs} ms` }
      }
      return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 }
    } catch (error) {
      drop()
      // The probe's own connection died with the server: ask once more on a new one.
      if (retry && isLost(error)) return probe(false)
      return { ok: false, reason: describeUnavailable(error) }
    } finally {
      clearTimeout(timer)
    }
  }
  return {
    check() {
      running ??= probe().finally(() => {
        running = undefined
      })
      return running
    },
    async close() {
      if (dedicated) await sql?.end({ timeout: 1 })
    },
  }
}

/** Why the database cannot be used, in words an operator can act on. */
export function describeUnavailable(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '')
  if (code === 'ECONNREFUSED') return 'the database refuses connections (is it running?)'
  if (code === 'CONNECT_TIMEOUT') return 'the database did not accept a connection in time'
  if (code === '57P03') return 'the database is starting up or shutting down'
  if (code === '57P01' || code === '57P02') return 'the database ended the connection (shutdown or restart)'
  if (code === '53300') return 'the database has no free connections'
  if (isLost(error)) return 'the connection to the database was lost'
  return `the database cannot be used (${code || (error instanceof Error ? error.name : 'unknown error')})`
}

function isLost(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '')
  return code.startsWith('CONNECTION_') || code === 'ECONNRESET' || code === 'EPIPE'
}
