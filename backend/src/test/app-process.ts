import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../config.ts'

export type AppProcess = {
  origin: string
  child: ChildProcess
  /** Everything the process wrote to stderr so far. */
  stderr(): string
  /** Everything the process wrote to stdout so far. */
  stdout(): string
  /** How the process ended, once it has. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop(): Promise<void>
}

/** Starts serve-app.ts in a child process with `env` and resolves once it listens. */
export function startAppProcess(env: Record<string, string | undefined>): Promise<AppProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'backend', 'src', 'test', 'serve-app.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening: ${stderr}`)))
    child.stdout?.on('data', (chunk) => {
      stdout += chunk
      const match = /listening (http:\/\/\S+)/.exec(stdout)
      if (!match?.[1]) return
      resolve({
        origin: match[1],
        child,
        stderr: () => stderr,
        stdout: () => stdout,
        exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
          await exited
        },
      })
    })
  })
}
