import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './config.ts'

// `npm start` as an operator meets it: a database that cannot be reached or a bad setting ends
// the start with one line naming the problem and a distinct exit code, not a stack trace.
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'backend', 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('npm start', () => {
  it('names an unreachable PostgreSQL and exits with 3', () => {
    const result = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/quartiersatlas', PORT: '0' })
    expect(result.status).toBe(3)
    expect(result.stderr).toContain('cannot use PostgreSQL at 127.0.0.1:9/quartiersatlas (DATABASE_URL)')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('names a bad setting and exits with 2', () => {
    const result = start({ PORT: 'abc' })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('invalid configuration: PORT')
  })
})
