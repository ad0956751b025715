import { resolve } from 'node:path'
import { z } from 'zod'

/** The repository root, for sql/, geodata/ and the front-end build. */
export const repoRoot = resolve(import.meta.dirname, '../..')

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./data'),
  DEFAULT_MUNICIPALITY: z
    .string()
    .regex(/^\d{8}$/, 'DEFAULT_MUNICIPALITY must be an 8-digit AGS, e.g. 14713000 for Leipzig')
    .default('14713000'),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  defaultMunicipality: string
}

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  }
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    databaseUrl: parsed.data.DATABASE_URL,
    // npm runs workspace scripts in the workspace; a relative DATA_DIR means where npm was called.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), parsed.data.DATA_DIR),
    defaultMunicipality: parsed.data.DEFAULT_MUNICIPALITY,
  }
}

export class ConfigError extends Error {}

// Settings read when they are used rather than at start: the basemap per request (a changed
// environment is what the browser sees next), the tile budget when an app is created, the
// ending-soon window per request and per reminder run.

const styleUrl = z.url({ protocol: /^https?$/ })

/** The basemap style URL from BASEMAP_STYLE_URL, or null when unset or not an http(s) URL. */
export function basemapStyleUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const parsed = styleUrl.safeParse(env.BASEMAP_STYLE_URL?.trim())
  return parsed.success ? parsed.data : null
}

/** The memory for compressed vector tiles in bytes: TILE_CACHE_MB, else 64 MB. */
export function tileCacheBytes(env: NodeJS.ProcessEnv = process.env): number {
  const megabytes = Number(env.TILE_CACHE_MB ?? 64)
  return Number.isFinite(megabytes) ? megabytes * 2 ** 20 : 64 * 2 ** 20
}

/** The ending-soon window in months: AGREEMENT_ENDING_MONTHS (1–120), else 6. */
export function endingMonthsDefault(env: NodeJS.ProcessEnv = process.env): number {
  const months = Number(env.AGREEMENT_ENDING_MONTHS)
  return Number.isInteger(months) && months >= 1 && months <= 120 ? months : 6
}
