import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { lockDataDir } from './data-dir-lock.ts'
import { EmbeddedConnection, Notifications } from './embedded-connection.ts'
import { postgisExtension } from './postgis-bundle.ts'

export type EmbeddedDatabase = {
  /** A new in-process connection for postgres.js's `socket` option: no port, no listener. */
  connect(): EmbeddedConnection
  /** A consistent copy of the data directory (tar.gz) while the database keeps serving. */
  dump(): Promise<Blob>
  stop(): Promise<void>
}

export type Progress = (message: string) => void

/**
 * Opens the embedded PostGIS (PGlite) persisted in `dataDir`, reachable only from this process.
 * Creating a database and its PostGIS extension takes several seconds; that happens once.
 */
export async function startEmbedded(
  dataDir: string,
  progress: Progress = () => {},
): Promise<EmbeddedDatabase> {
  const pgliteDir = join(dataDir, 'pglite')
  const fresh = !existsSync(join(pgliteDir, 'PG_VERSION'))
  mkdirSync(dataDir, { recursive: true })
  const releaseLock = lockDataDir(dataDir)
  try {
    if (fresh)
      progress(`creating the embedded database in ${pgliteDir} (first start only, takes a few seconds)`)
    const db = await PGlite.create({
      dataDir: pgliteDir,
      extensions: { postgis: await postgisExtension(dataDir, fresh) },
    })
    if (fresh) progress('installing PostGIS into the embedded database')
    await db.exec('create extension if not exists postgis')
    const connections = new Set<EmbeddedConnection>()
    const notifications = new Notifications()
    return {
      // Every protocol message runs under this lock: in between no query writes, so the files are
      // what a crash at that moment leaves, and a restore recovers to the last commit before it.
      dump: () => db.runExclusive(() => db.dumpDataDir('gzip')),
      connect() {
        const connection = new EmbeddedConnection(db, notifications)
        connections.add(connection)
        connection.once('close', () => connections.delete(connection))
        return connection
      },
      async stop() {
        for (const connection of connections) connection.destroy()
        await db.close()
        releaseLock()
      },
    }
  } catch (error) {
    releaseLock()
    throw error
  }
}
