import type { Server } from 'node:http'

// How a replica leaves: a supervisor (docker, systemd, Kubernetes) sends SIGTERM and moves the
// traffic elsewhere. The process stops accepting connections at once, lets the requests it has
// started finish (within the grace period, 10 s: docker's default before SIGKILL), then stops its
// timers and closes the database pool, and exits 0 so the supervisor counts a clean stop.

export type Shutdown = {
  /** The listeners to close: the public one and, when configured, the admin one. */
  servers: readonly Server[]
  /** Timers and background work to stop before the pool closes (ending-soon checks, mailer). */
  stops: readonly (() => void)[]
  /** Closes the database pool (and the embedded database). */
  closeDatabase: () => Promise<void>
  log: (message: string) => void
  graceMs?: number
}

/** The grace period for in-flight requests after SIGTERM. */
export const shutdownGraceMs = 10_000

/**
 * Closes `server`: no new connections; idle keep-alive connections go at once, busy ones when
 * their response is sent (Node's http.Server does both); whatever still runs after `graceMs` is
 * cut. Resolves when all connections are gone.
 */
export function closeGracefully(server: Server, graceMs = shutdownGraceMs): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs)
    server.close(() => {
      clearTimeout(deadline)
      resolve()
    })
  })
}

/** Installs the SIGTERM and SIGINT handlers: drain, stop the timers, close the pool, exit 0. */
export function shutdownOnSignals(shutdown: Shutdown): void {
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    const closing = Promise.all(shutdown.servers.map((server) => closeGracefully(server, shutdown.graceMs)))
    shutdown.log(`${signal}: no new connections; finishing the requests in flight`)
    await closing
    for (const stopTimer of shutdown.stops) stopTimer()
    await shutdown.closeDatabase().catch((error: unknown) => {
      shutdown.log(`closing the database failed: ${(error as Error).message}`)
    })
    shutdown.log('stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}
