import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildOpenApi } from '../openapi/openapi-document.ts'

// npm run lint:openapi: the generated OpenAPI document under Redocly's recommended ruleset. The
// document is written to a temporary file (it is never kept or patched by hand) and the exit
// code is Redocly's: CI fails on any error.

const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-openapi-'))
try {
  const file = join(dir, 'openapi.json')
  writeFileSync(file, JSON.stringify(buildOpenApi('https://quartiersatlas.example.org/api'), null, 2))
  const result = spawnSync('redocly', ['lint', '--extends', 'recommended', ...process.argv.slice(2), file], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  })
  process.exitCode = result.status ?? 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
