import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { lockDataDir } from './data-dir-lock.ts'
import { postgisExtension } from './postgis-bundle.ts'

export type EmbeddedServer = {
  /** A connection URL for postgres.js on a loopback port chosen by the OS. */
  url: string
  stop(): Promise<void>
}

export type Progress = (message: string) => void

/**
 * Starts the embedded PostGIS (PGlite) persisted in `dataDir` and serves it on 127.0.0.1.
 * Creating a database and its PostGIS extension takes several seconds; that happens once.
 */
export async function startEmbedded(dataDir: string, progress: Progress = () => {}): Promise<EmbeddedServer> {
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
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 })
    await server.start()
    const port = boundPort(server)
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await server.stop()
        await db.close()
        releaseLock()
      },
    }
  } catch (error) {
    releaseLock()
    throw error
  }
}

function boundPort(server: PGLiteSocketServer): number {
  // The socket server keeps its net.Server private; port 0 means we must ask it for the real one.
  const address = (
    server as unknown as { server?: { address(): { port: number } | string | null } }
  ).server?.address()
  if (!address || typeof address === 'string')
    throw new Error('the embedded database did not bind a TCP port')
  return address.port
}
