import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { postgisExtension } from './postgis-bundle.ts'

export type EmbeddedServer = {
  /** A connection URL for postgres.js on a loopback port chosen by the OS. */
  url: string
  /** A consistent copy of the data directory (tar.gz) while the database keeps serving. */
  dump(): Promise<Blob>
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
      // Every protocol message runs under this lock: in between no query writes, so the files are
      // what a crash at that moment leaves, and a restore recovers to the last commit before it.
      dump: () => db.runExclusive(() => db.dumpDataDir('gzip')),
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

/** Two processes on one PGlite directory corrupt it: refuse the second with a clear message. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'quartiersatlas.lock')
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new EmbeddedLockedError(
        `the embedded database in ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR to another folder`,
      )
    }
  }
  writeFileSync(lockFile, String(process.pid))
  return () => rmSync(lockFile, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export class EmbeddedLockedError extends Error {}
