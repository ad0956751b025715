import { execSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

// npm run bench [-- name …]: runs the benchmarks under bench/ (each `<name>.bench.ts` exports
// `run(): Promise<string>` returning its Markdown section), writes each section to
// bench/results/<name>.md and joins them all into bench/RESULTS.md. Not part of npm test.

const benchDir = import.meta.dirname
const resultsDir = join(benchDir, 'results')
mkdirSync(resultsDir, { recursive: true })

const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort()
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const unknown = wanted.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`)
  process.exit(2)
}

for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== ${name}`)
  const module = (await import(join(benchDir, `${name}.bench.ts`))) as { run: () => Promise<string> }
  const section = await module.run()
  writeFileSync(join(resultsDir, `${name}.md`), section)
  console.log(section)
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const commit = execSync('git rev-parse --short HEAD', { cwd: benchDir }).toString().trim()
const sections = readdirSync(resultsDir)
  .filter((file) => file.endsWith('.md'))
  .sort()
  .map((file) => readFileSync(join(resultsDir, file), 'utf8').trim())
writeFileSync(
  join(benchDir, 'RESULTS.md'),
  `# Benchmark results\n\nProduced by \`npm run bench\` (sections from bench/results/, each with its own date and command).\nLast run: ${new Date().toISOString()} on ${machine}, commit ${commit}.\n\n${sections.join('\n\n')}\n`,
)
