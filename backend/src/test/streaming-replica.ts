import { execFileSync } from 'node:child_process'
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './nginx.testing.ts'

// A PostgreSQL 15 primary and a hot standby streaming from it (pg_basebackup -R), in a temporary
// directory on free ports, for the read-replica tests. Run as the postgres user when we are root
// (CI), as ourselves otherwise. fsync is off: the clusters are thrown away.

const bin = '/usr/lib/postgresql/15/bin'

export type StreamingPair = { primaryUrl: string; standbyUrl: string; stop(): Promise<void> }

/** Why a primary and standby cannot be run here, or undefined when they can. */
export function streamingPairUnavailable(): string | undefined {
  if (!existsSync(join(bin, 'initdb'))) return `PostgreSQL 15 is not installed (${bin}/initdb)`
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' })
    } catch {
      return 'running as root without a postgres user to run the clusters as'
    }
  }
  return undefined
}

/** Starts a primary and a standby streaming from it; stop() removes both. */
export async function startStreamingPair(): Promise<StreamingPair> {
  const root = process.getuid?.() === 0
  const as = (command: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, command), args, { stdio: 'pipe' })
  const base = mkdtempSync(join(tmpdir(), 'quartiersatlas-replica-'))
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    chownSync(base, uid, gid)
  }
  const primary = join(base, 'primary')
  const standby = join(base, 'standby')
  const [primaryPort, standbyPort] = [await freePort(), await freePort()]
  const started: string[] = []
  const stop = async () => {
    for (const dir of started) {
      try {
        as('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // Already stopped.
      }
    }
    rmSync(base, { recursive: true, force: true })
  }
  try {
    as('initdb', ['-D', primary, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'])
    const settings = (port: number) =>
      `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${base}'\nfsync = off\nmax_connections = 60\nshared_buffers = 32MB\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n`
    appendFileSync(join(primary, 'postgresql.conf'), settings(primaryPort))
    as('pg_ctl', ['-D', primary, '-l', join(base, 'primary.log'), '-w', '-t', '60', 'start'])
    started.push(primary)
    as('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standby,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ])
    appendFileSync(join(standby, 'postgresql.conf'), `\nport = ${standbyPort}\n`)
    as('pg_ctl', ['-D', standby, '-l', join(base, 'standby.log'), '-w', '-t', '60', 'start'])
    started.push(standby)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    standbyUrl: `postgres://postgres@127.0.0.1:${standbyPort}/postgres`,
    stop,
  }
}
