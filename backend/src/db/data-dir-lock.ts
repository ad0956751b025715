import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// Two processes on one PGlite directory corrupt it, so the first one writes its process id and
// start time into DATA_DIR. A restart right after a kill -9 may still find that process as a
// zombie or, later, its id reused by another program: only a running process that started at the
// recorded time holds the lock.

export class EmbeddedLockedError extends Error {}

/** Takes the lock on `dataDir` or throws EmbeddedLockedError naming the holder; returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'quartiersatlas.lock')
  if (existsSync(lockFile)) {
    const [pid, startTime] = readFileSync(lockFile, 'utf8').trim().split(/\s+/).map(Number)
    if (pid && pid !== process.pid && holds(pid, startTime)) {
      throw new EmbeddedLockedError(
        `the embedded database in ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR to another folder`,
      )
    }
  }
  writeFileSync(lockFile, `${process.pid} ${startTimeOf(process.pid) ?? ''}`.trim())
  return () => rmSync(lockFile, { force: true })
}

function holds(pid: number, startTime: number | undefined): boolean {
  const stat = procStat(pid)
  if (stat === 'no-proc') return isAlive(pid)
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false
  return startTime === undefined || Number.isNaN(startTime) || stat.startTime === startTime
}

/** The process's start time in clock ticks since boot (Linux), or undefined without /proc. */
function startTimeOf(pid: number): number | undefined {
  const stat = procStat(pid)
  return stat && stat !== 'no-proc' ? stat.startTime : undefined
}

type ProcStat = { state: string; startTime: number }

// /proc/<pid>/stat: "pid (comm) state ppid …", field 22 the start time; comm may hold spaces.
function procStat(pid: number): ProcStat | undefined | 'no-proc' {
  if (!existsSync('/proc/self/stat')) return 'no-proc'
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return { state: fields[0] ?? '', startTime: Number(fields[19]) }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
