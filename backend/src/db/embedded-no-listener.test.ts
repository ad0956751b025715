import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppProcess, startAppProcess } from '../test/app-process.ts'

// The embedded database used to be served on a loopback port to anyone on the machine, as
// superuser without a password. Now postgres.js speaks to PGlite inside the process: the only
// socket the app listens on is its HTTP port.

describe.skipIf(process.platform !== 'linux')('the embedded database', () => {
  let dataDir: string
  let app: AppProcess

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'quartiersatlas-listener-'))
    app = await startAppProcess({ DATABASE_URL: '', DATA_DIR: dataDir })
  })

  afterAll(async () => {
    await app?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('has no listener: the app listens on its HTTP port alone, over TCP or a Unix socket', async () => {
    const health = await fetch(`${app.origin}/api/health`)
    expect(await health.json()).toMatchObject({ status: 'ok', database: { engine: 'pglite' } })
    const pid = app.child.pid as number
    expect(listeningTcpPorts(pid)).toEqual([Number(new URL(app.origin).port)])
    expect(listeningUnixSockets(pid)).toEqual([])
  })
})

/** Socket inodes the process holds open (/proc/<pid>/fd → socket:[inode]). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>()
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        return ''
      }
    })()
    const match = /^socket:\[(\d+)\]$/.exec(target)
    if (match?.[1]) inodes.add(match[1])
  }
  return inodes
}

// /proc/net/tcp{,6}: "sl local_address rem_address st … inode"; st 0A is LISTEN, the port hex.
function listeningTcpPorts(pid: number): number[] {
  const inodes = socketInodes(pid)
  const ports = new Set<number>()
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) {
        ports.add(Number.parseInt(fields[1]?.split(':')[1] ?? '', 16))
      }
    }
  }
  return [...ports].sort((a, b) => a - b)
}

// /proc/net/unix: "Num RefCount Protocol Flags Type St Inode Path"; flag 00010000 is __SO_ACCEPTCON.
function listeningUnixSockets(pid: number): string[] {
  const inodes = socketInodes(pid)
  return readFileSync(`/proc/${pid}/net/unix`, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '00010000' && inodes.has(fields[6] ?? ''))
    .map((fields) => fields[7] ?? '(unnamed)')
}
