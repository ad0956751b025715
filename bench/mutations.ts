// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the mutations are source texts that contain ${…}, not templates
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { createTemplate, dropTemplate } from '../backend/src/test/template-database.ts'

// npm run mutations [-- name …]: a mutation check of the most important rules. Each mutation
// changes one line of production code, runs the test files that guard that rule (embedded
// PGlite, stopping at the first failure), restores the file and records whether a test failed.
// Every mutation must be caught. Writes bench/results/mutations.md and the section into
// bench/RESULTS.md. Not part of npm test.

type Mutation = {
  name: string
  rule: string
  file: string
  /** Exact text that occurs once in `file`; the mutation replaces it. */
  find: string
  replace: string
  tests: string[]
}

const repoRoot = join(import.meta.dirname, '..')
const b = (path: string) => `backend/src/${path}`

const mutations: Mutation[] = [
  {
    name: 'if-match-feature',
    rule: 'If-Match: a feature update ignores the version it was read at',
    file: b('layers/layer-writes.queries.ts'),
    find: 'and t.id = ${id}::bigint and t.version = ${version}::int',
    replace: 'and t.id = ${id}::bigint',
    tests: [b('features/item-writes.test.ts')],
  },
  {
    name: 'if-match-agreement',
    rule: 'If-Match: an agreement edit ignores a stale version',
    file: b('agreements/agreements.routes.ts'),
    find: 'if (current.version !== expected) throw versionMismatch(agreementRecord, expected, current.version)',
    replace: 'if (false) throw versionMismatch(agreementRecord, expected, current.version)',
    tests: [b('agreements/interim-use-flow.test.ts'), b('agreements/agreement-access.test.ts')],
  },
  {
    name: 'login-limit',
    rule: 'Login limit: the tenth failure does not block yet',
    file: b('auth/login-limit.queries.ts'),
    find: 'count.failures >= maxFailures',
    replace: 'count.failures > maxFailures',
    tests: [b('auth/login-limit.test.ts')],
  },
  {
    name: 'login-window-email',
    rule: 'Login limit: an e-mail’s failures never leave the 15-minute window',
    file: b('auth/login-limit.queries.ts'),
    find: 'where email = ${email} and failed_at > now() - make_interval(mins => ${windowMinutes})',
    replace: 'where email = ${email}',
    tests: [b('auth/login-limit.test.ts')],
  },
  {
    name: 'login-window-client',
    rule: 'Login limit: an address’s failures never leave the 15-minute window',
    file: b('auth/login-limit.queries.ts'),
    find: 'where client = ${client} and failed_at > now() - make_interval(mins => ${windowMinutes})',
    replace: 'where client = ${client}',
    tests: [b('auth/login-limit.test.ts')],
  },
  {
    name: 'tile-invalidation-old-place',
    rule: 'Tile invalidation: tiles where a moved feature was before stay cached',
    file: b('tiles/tile-cache.ts'),
    find: 'const boxes = [change.before, change.after]',
    replace: 'const boxes = [change.after]',
    tests: [b('tiles/tile-cache.test.ts'), b('tiles/tile-invalidation.test.ts')],
  },
  {
    name: 'tile-invalidation-derived',
    rule: 'Tile invalidation: a plot write leaves the interim-use tiles derived from it cached',
    file: b('tiles/tile-cache.ts'),
    find: 'if (rules.derivedFrom?.includes(change.layer.id)) scopes.add(layer.id)',
    replace: 'if (rules.derivedFrom?.includes(change.layer.id)) scopes.has(layer.id)',
    tests: [b('tiles/tile-cache.test.ts'), b('tiles/tile-invalidation.test.ts')],
  },
  {
    name: 'import-transaction',
    rule: 'Import: the transaction commits although features were refused (not all or nothing)',
    file: b('importing/import-features.ts'),
    find: 'if (report.refused.length > 0) throw new RollBack()',
    replace: 'if (report.refused.length < 0) throw new RollBack()',
    tests: [b('importing/import-features.test.ts')],
  },
  {
    name: 'lifecycle-table',
    rule: 'Lifecycle table: a draft agreement may end straight away',
    file: b('contract/lifecycles.ts'),
    find: "  draft: ['negotiating'],",
    replace: "  draft: ['negotiating', 'ended'],",
    tests: [b('agreements/interim-use-flow.test.ts')],
  },
  {
    name: 'lifecycle-table-closed',
    rule: 'Lifecycle table: an ended agreement may become active again',
    file: b('contract/lifecycles.ts'),
    find: '  ended: [],',
    replace: "  ended: ['active'],",
    tests: [b('agreements/interim-use-flow.test.ts')],
  },
  {
    name: 'erasure-contact',
    rule: 'Erasure: the party’s contact is kept',
    file: b('privacy/erasure.queries.ts'),
    find: 'delete from party_contacts where party_id = ${user.party_id} returning party_id',
    replace: 'select party_id from party_contacts where party_id = ${user.party_id}',
    tests: [b('privacy/erasure.test.ts')],
  },
  {
    name: 'erasure-history',
    rule: 'Erasure: the offer texts stay in the change history',
    file: b('privacy/erasure.queries.ts'),
    find: "after = after - array['title', 'conditions', 'review_reason']",
    replace: 'after = after',
    tests: [b('privacy/erasure.test.ts')],
  },
  {
    name: 'erasure-sessions',
    rule: 'Erasure: the person’s sessions stay valid',
    file: b('privacy/erasure.queries.ts'),
    find: 'await sql`delete from sessions where user_id = ${userId}`',
    replace: 'await sql`select 1 from sessions where user_id = ${userId}`',
    tests: [b('privacy/erasure.test.ts')],
  },
  {
    name: 'public-allow-list-notes',
    rule: 'Public allow-list: plots publish their internal notes',
    file: b('contract/layers.ts'),
    find: "      'municipality',\n    ],\n    references: { owner_party_id: 'parties' },",
    replace:
      "      'municipality', 'internal_notes',\n    ],\n    references: { owner_party_id: 'parties' },",
    tests: [b('privacy/canary.test.ts'), b('features/items.test.ts')],
  },
  {
    name: 'public-allow-list-owner',
    rule: 'Public allow-list: plots publish their owner (a party reference)',
    file: b('contract/layers.ts'),
    find: "      'municipality',\n    ],\n    references: { owner_party_id: 'parties' },",
    replace:
      "      'municipality', 'owner_party_id',\n    ],\n    references: { owner_party_id: 'parties' },",
    tests: [b('tiles/render-tile.test.ts'), b('features/items.test.ts')],
  },
  {
    name: 'public-contacts',
    rule: 'Public allow-list: owners see every party’s contact in their agreements',
    file: b('agreements/agreements.queries.ts'),
    find: "${staff ? sql`, 'contact'",
    replace: "${staff || true ? sql`, 'contact'",
    tests: [b('agreements/agreement-access.test.ts')],
  },
]

type Outcome = { mutation: Mutation; caught: boolean; failed: string[]; seconds: number; note?: string }

/** Runs vitest on `files` (PGlite, first failure stops it); the titles of the failed tests. */
function runTests(files: string[], bail: boolean): { ok: boolean; failed: string[]; error?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-mutations-'))
  const report = join(dir, 'report.json')
  try {
    const env = { ...process.env, QUARTIERSATLAS_TEST_TEMPLATE: JSON.stringify(template) }
    const result = spawnSync(
      'npx',
      [
        'vitest',
        'run',
        '--project=backend',
        ...files,
        ...(bail ? ['--bail=1'] : []),
        '--reporter=dot',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      { cwd: repoRoot, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    )
    let failed: string[] = []
    try {
      const json = JSON.parse(readFileSync(report, 'utf8')) as {
        testResults: {
          name: string
          message?: string
          assertionResults: { fullName: string; status: string }[]
        }[]
      }
      failed = json.testResults.flatMap((file) => {
        const tests = file.assertionResults.filter((t) => t.status === 'failed').map((t) => t.fullName)
        // A file that failed before any test ran (an import or type error) counts as one failure.
        return tests.length > 0 || !file.message
          ? tests
          : [`${file.name.replace(`${repoRoot}/`, '')}: ${file.message.split('\n')[0]}`]
      })
    } catch {
      return { ok: false, failed, error: (result.stderr || result.stdout).slice(-2000) }
    }
    return { ok: result.status === 0, failed }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function apply(mutation: Mutation): string {
  const path = join(repoRoot, mutation.file)
  const original = readFileSync(path, 'utf8')
  const count = original.split(mutation.find).length - 1
  if (count !== 1)
    throw new Error(`${mutation.name}: the text to mutate occurs ${count} times in ${mutation.file}`)
  writeFileSync(path, original.replace(mutation.find, mutation.replace))
  return original
}

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const selected = wanted.length > 0 ? mutations.filter((m) => wanted.includes(m.name)) : mutations
const unknown = wanted.filter((name) => !mutations.some((m) => m.name === name))
if (unknown.length > 0) {
  console.error(`unknown mutation ${unknown.join(', ')}; known: ${mutations.map((m) => m.name).join(', ')}`)
  process.exit(2)
}

// One template database (embedded, migrated, with the demo data) for every run.
delete process.env.DATABASE_URL
delete process.env.TEST_DATABASE_URL
const template = await createTemplate()

// The unmutated code must pass the same test files, or a "caught" would mean nothing.
const files = [...new Set(selected.flatMap((m) => m.tests))].sort()
console.log(`baseline: ${files.length} test files on the unmutated code`)
const started = Date.now()
const baseline = runTests(files, false)
if (!baseline.ok) {
  console.error(`the unmutated code fails its tests:\n${baseline.failed.join('\n')}\n${baseline.error ?? ''}`)
  await dropTemplate(template)
  process.exit(1)
}
const baselineSeconds = Math.round((Date.now() - started) / 1000)

const outcomes: Outcome[] = []
let restoring: (() => void) | undefined
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    restoring?.()
    void dropTemplate(template).finally(() => process.exit(130))
  })
}
for (const mutation of selected) {
  const began = Date.now()
  const original = apply(mutation)
  const path = join(repoRoot, mutation.file)
  restoring = () => writeFileSync(path, original)
  try {
    const run = runTests(mutation.tests, true)
    const caught = !run.ok && run.failed.length > 0
    outcomes.push({
      mutation,
      caught,
      failed: run.failed,
      seconds: Math.round((Date.now() - began) / 1000),
      ...(run.error ? { note: run.error.split('\n').find((line) => line.trim()) ?? '' } : {}),
    })
  } finally {
    restoring()
    restoring = undefined
  }
  const last = outcomes[outcomes.length - 1] as Outcome
  console.log(
    `${last.caught ? 'caught' : 'MISSED'}  ${mutation.name}  (${last.seconds} s) ${last.failed[0] ?? ''}`,
  )
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')
const caughtCount = outcomes.filter((o) => o.caught).length
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: repoRoot,
  encoding: 'utf8',
}).stdout.trim()
const section = `## Mutation check

Run ${new Date().toISOString()} on ${machine}, commit ${commit}, embedded PGlite.
Command: \`npm run mutations\` (bench/mutations.ts; one mutation by name: \`npm run mutations -- login-limit\`).
Each mutation changes one line of production code, runs only the test files listed (stopping at the first failure) and restores the file. The unmutated code passed the same ${files.length} test files first (${baselineSeconds} s).

**${caughtCount} of ${outcomes.length} mutations caught.**

| mutation | rule broken | file | test files | result | first failing test | time |
| --- | --- | --- | --- | --- | --- | --- |
${outcomes
  .map(
    (o) =>
      `| \`${o.mutation.name}\` | ${cell(o.mutation.rule)} | \`${o.mutation.file}\` | ${o.mutation.tests.map((t) => `\`${t.replace('backend/src/', '')}\``).join(', ')} | ${o.caught ? 'caught' : '**missed**'} | ${cell(o.failed[0] ?? o.note ?? '')} | ${o.seconds} s |`,
  )
  .join('\n')}
`
await dropTemplate(template)
writeFileSync(join(import.meta.dirname, 'results', 'mutations.md'), section)

// bench/RESULTS.md joins the sections of bench/results/; put this one in (or replace it).
const resultsPath = join(import.meta.dirname, 'RESULTS.md')
const results = readFileSync(resultsPath, 'utf8')
const start = results.indexOf('## Mutation check')
const next = start < 0 ? -1 : results.indexOf('\n## ', start + 1)
const updated =
  start < 0
    ? `${results.trimEnd()}\n\n${section}`
    : `${results.slice(0, start)}${section}${next < 0 ? '' : `\n${results.slice(next + 1)}`}`
writeFileSync(resultsPath, updated)
console.log(`\n${section}`)
process.exit(caughtCount === outcomes.length ? 0 : 1)
