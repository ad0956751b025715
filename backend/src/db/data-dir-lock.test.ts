import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EmbeddedLockedError, lockDataDir } from './data-dir-lock.ts'

// A restart right after a kill -9 found the old process still dying and refused to start.
const describeOnLinux = describe.skipIf(process.platform !== 'linux')

const lockModule = join(import.meta.dirname, 'data-dir-lock.ts')
const children: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-lock-'))
  dirs.push(dir)
  return dir
}

const holder = (dir: string) =>
  `import(${JSON.stringify(lockModule)}).then((m) => { m.lockDataDir(${JSON.stringify(dir)}); console.log("locked " + process.pid); setInterval(() => {}, 60000) })`

/** Runs `command` in sh and resolves with the pid it prints as `locked <pid>`. */
function startHolder(command: string): Promise<number> {
  const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  let out = ''
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)))
    child.stdout?.on('data', (chunk) => {
      out += chunk
      const match = /locked (\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
  })
}

const node = `${JSON.stringify(process.execPath)} --import tsx -e`

function stateOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? ''
}

describeOnLinux('the data directory lock', () => {
  it('refuses a second process while the app holding it runs', async () => {
    const dir = dataDir()
    const pid = await startHolder(`exec ${node} '${holder(dir)}'`)
    expect(() => lockDataDir(dir)).toThrow(EmbeddedLockedError)
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${pid}`)
  })

  it('is taken over from a holder killed with -9 that is not yet reaped', async () => {
    const dir = dataDir()
    // The shell becomes `sleep`, which never reaps its child: the killed holder stays a zombie.
    const pid = await startHolder(`${node} '${holder(dir)}' & exec sleep 60`)
    process.kill(pid, 'SIGKILL')
    while (stateOf(pid) !== 'Z') await new Promise((resolve) => setImmediate(resolve))
    const release = lockDataDir(dir)
    expect(readFileSync(join(dir, 'quartiersatlas.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} `))
    release()
  })

  it('is taken over when the recorded process id now belongs to another program', async () => {
    const dir = dataDir()
    const other = spawn('sleep', ['60'])
    children.push(other)
    writeFileSync(join(dir, 'quartiersatlas.lock'), `${other.pid} 1`)
    expect(() => lockDataDir(dir)()).not.toThrow()
  })
})
