import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './nginx.testing.ts'

// Debian's PgBouncer in transaction mode in front of a PostgreSQL server, as a child process with
// its configuration in a temporary directory (run as the postgres user when we are root).

const binary = '/usr/sbin/pgbouncer'

export type Bouncer = { port: number; url(database: string): string; stop(): Promise<void> }

/** Why PgBouncer cannot be run here, or undefined when it can. */
export function pgbouncerUnavailable(): string | undefined {
  if (!existsSync(binary)) return 'PgBouncer is not installed (apt-get install pgbouncer)'
  return undefined
}

/** Starts PgBouncer (pool_mode transaction) in front of `server` ('host:port'), trusting user postgres. */
export async function startPgBouncer(server: { host: string; port: number }): Promise<Bouncer> {
  const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-pgbouncer-'))
  const root = process.getuid?.() === 0
  const port = await freePort()
  writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n')
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    `[databases]
* = host=${server.host} port=${server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${join(dir, 'users.txt')}
pool_mode = transaction
default_pool_size = 2
max_client_conn = 100
; The app's session limits arrive as startup parameters; behind a transaction pooler they are set
; on the role instead (README), so PgBouncer may drop them.
ignore_startup_parameters = statement_timeout,lock_timeout,idle_in_transaction_session_timeout
logfile = ${join(dir, 'pgbouncer.log')}
pidfile = ${join(dir, 'pgbouncer.pid')}
`,
  )
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    for (const file of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(dir, file), uid, gid)
  }
  const child: ChildProcess = spawn(
    binary,
    [...(root ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')],
    {
      stdio: 'ignore',
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`PgBouncer did not start (see ${dir}/pgbouncer.log)`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
