import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { demoAccounts } from './auth/demo-accounts.ts'
import type { Database } from './db/database.ts'
import { type AppProcess, startAppProcess } from './test/app-process.ts'
import { openCopy } from './test/template-database.ts'

// SIGTERM while a request is in flight, on a real process: the request still completes, the
// port refuses new connections at once, and the process exits 0. The request in flight is a
// sign-in whose body the test holds back until after the signal, so it is mid-request for sure
// (the server has answered "100 Continue" to its headers) and then still needs the database.

const template = inject('template')

describe('SIGTERM', () => {
  let copy: (Database & { url?: string }) | undefined
  let dataDir: string | undefined
  let app: AppProcess

  beforeAll(async () => {
    if (template.engine === 'postgresql') {
      copy = await openCopy(template)
      app = await startAppProcess({ DATABASE_URL: copy.url })
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'quartiersatlas-sigterm-'))
      cpSync(join(template.dir, 'template'), dataDir, { recursive: true })
      rmSync(join(dataDir, 'quartiersatlas.lock'), { force: true })
      app = await startAppProcess({ DATABASE_URL: '', DATA_DIR: dataDir })
    }
  })

  afterAll(async () => {
    await app?.stop()
    await copy?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('finishes the request in flight, refuses new connections and exits 0', async () => {
    const { port } = new URL(app.origin)
    const admin = demoAccounts.find((account) => account.role === 'admin')
    const body = JSON.stringify({ email: admin?.email, password: admin?.password })
    const socket = connect(Number(port), '127.0.0.1')
    const received = collect(socket)
    socket.write(
      [
        'POST /api/auth/login HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Expect: 100-continue',
        '',
        '',
      ].join('\r\n'),
    )
    await until(() => received().startsWith('HTTP/1.1 100 Continue'))

    app.child.kill('SIGTERM')
    await until(() => app.stdout().includes('SIGTERM: no new connections'))
    expect(await connects(Number(port))).toBe(false)

    socket.write(body)
    await until(() => /\r\n\r\n/.test(received().replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '')))
    const final = received().replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '')
    expect(final).toMatch(/^HTTP\/1\.1 200 /)
    expect(await app.exited).toEqual({ code: 0, signal: null })
    expect(app.stdout()).toContain('stopped')
  })
})

function collect(socket: Socket): () => string {
  let text = ''
  socket.on('data', (chunk) => {
    text += chunk.toString('latin1')
  })
  socket.on('error', () => {})
  return () => text
}

/** Whether a TCP connection to `port` is accepted. */
function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1')
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}
