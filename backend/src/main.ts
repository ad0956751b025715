import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { ConfigError, loadConfig, repoRoot } from './config.ts'
import { EmbeddedLockedError } from './db/data-dir-lock.ts'
import { DatabaseUnavailableError, openDatabase } from './db/database.ts'
import { servingLimits } from './db/sql-client.ts'
import { codeOf, describeFailure } from './http/error-log.ts'
import { isDatabaseUnavailable } from './http/problem.ts'
import { startServer } from './server.ts'
import { shutdownOnSignals } from './shutdown.ts'
import { prepareDatabase } from './startup/prepare-database.ts'

// `npm start`: migrate, seed an empty embedded database, build the front end if it is missing,
// and serve the API under /api and the map under / on PORT.

const log = (message: string) => console.log(`[quartiersatlas] ${message}`)

async function main(): Promise<void> {
  const started = performance.now()
  const config = loadConfig()
  const frontendDir = join(repoRoot, 'frontend', 'dist')

  // The embedded database compiles PostGIS on background threads meanwhile the routes load.
  const opening = openDatabase(config, log, { limits: servingLimits })
  // Handled below at `await opening`; this keeps a quick refusal from counting as unhandled.
  opening.catch(() => {})
  const { createApp } = await import('./app.ts')
  const db = await opening
  ensureFrontendBuild(frontendDir)
  await prepareDatabase(db, config, log)
  const { createMetrics } = await import('./metrics/metrics.ts')
  const metrics = config.admin ? createMetrics(db) : undefined
  const app = createApp(db, {
    frontendDir,
    metrics,
    logFormat: config.logFormat,
    serveSourceMaps: config.serveSourceMaps,
  })
  // Reminders for running agreements near their end: now and hourly (AGREEMENT_ENDING_MONTHS).
  const { startEndingSoonChecks } = await import('./agreements/ending-soon.queries.ts')
  const stops = [startEndingSoonChecks(db.sql)]
  if (config.mail) {
    const { startMailer } = await import('./mail/mailer.ts')
    stops.push(startMailer(db.sql, { ...config.mail, publicUrl: config.publicUrl }))
    log(`sending mail from the outbox via ${new URL(config.mail.smtpUrl).host}`)
  } else log('SMTP_URL and MAIL_FROM are not set: mail stays in the outbox')
  const servers: Server[] = []
  if (config.admin) {
    const { createAdminApp, startAdminServer } = await import('./admin/admin-app.ts')
    servers.push(
      startAdminServer(createAdminApp(db, config.admin.token, metrics), config.admin.port, config.admin.host),
    )
    log(`admin listener (backups, metrics) on http://${config.admin.host}:${config.admin.port}`)
  }
  const server = startServer(app, { port: config.port, hostname: config.host }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    log(
      `serving on http://${info.address}:${info.port} (database: ${db.engine}, PostGIS ${db.postgisVersion}, ready in ${seconds} s)`,
    )
  })
  server.on('error', async (error) => {
    console.error(`[quartiersatlas] cannot listen on port ${config.port}: ${error.message}`)
    await db.close()
    process.exit(4)
  })
  servers.push(server)
  shutdownOnSignals({ servers, stops, closeDatabase: () => db.close(), log })
}

/** A fresh clone has no front-end build: build it once before serving. */
function ensureFrontendBuild(distDir: string): void {
  if (existsSync(join(distDir, 'index.html'))) return
  log('building the front end (first start only)')
  const result = spawnSync('npm', ['run', 'build', '-w', 'frontend'], { cwd: repoRoot, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('the front-end build failed (npm run build)')
}

// postgres.js can still reject a promise that no caller holds when the server ends a connection
// in the middle of a query: CI saw one unhandled 57P01 in 20 forced drops during writes. A lost
// connection is the database's failure, not the process's: it is logged and the pool reconnects.
// Anything else unhandled ends the process with 1, for the supervisor to restart it.
process.on('unhandledRejection', (reason) => {
  if (isDatabaseUnavailable(reason)) {
    console.error(`[quartiersatlas] database connection lost outside a request (${codeOf(reason)})`)
    return
  }
  console.error(`[quartiersatlas] unhandled rejection: ${describeFailure(reason)}`)
  process.exit(1)
})

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`[quartiersatlas] ${error.message}`)
    process.exit(2)
  }
  if (error instanceof DatabaseUnavailableError || error instanceof EmbeddedLockedError) {
    console.error(`[quartiersatlas] ${error.message}`)
    process.exit(3)
  }
  console.error('[quartiersatlas] start failed:', error)
  process.exit(1)
})
