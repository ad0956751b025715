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
  // A hot standby for reads that may lag (items, search); unset: every read on DATABASE_URL.
  DATABASE_READ_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // A direct connection for LISTEN (the change feed) when DATABASE_URL goes through a pooler.
  DATABASE_LISTEN_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // false behind PgBouncer in transaction mode: no named prepared statements.
  DATABASE_PREPARE: z
    .enum(['true', 'false'], { message: 'DATABASE_PREPARE must be true or false' })
    .default('true'),
  DATA_DIR: z.string().default('./data'),
  DEFAULT_MUNICIPALITY: z
    .string()
    .regex(/^\d{8}$/, 'DEFAULT_MUNICIPALITY must be an 8-digit AGS, e.g. 14713000 for Leipzig')
    .default('14713000'),
  // E-mail: both or neither; without them mail stays in the outbox.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must be smtp://user:password@host:587 or smtps://…')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z
    .string()
    .min(3)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  // The operator's listener (backups, /metrics); unset: none.
  ADMIN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
  // The admin listener hands out the whole database: only to whoever sends this token.
  ADMIN_TOKEN: z
    .string()
    .min(32, 'ADMIN_TOKEN must have at least 32 characters (e.g. openssl rand -hex 32)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Where users open Quartiersatlas; links in mails start with it. */
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SERVE_SOURCE_MAPS: z
    .enum(['true', 'false'], { message: 'SERVE_SOURCE_MAPS must be true or false' })
    .default('false'),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  /** A hot standby for reads (DATABASE_READ_URL), or undefined: all reads on the primary. */
  databaseReadUrl: string | undefined
  /** Where the change feed LISTENs: DATABASE_LISTEN_URL, else DATABASE_URL (a standby cannot LISTEN). */
  databaseListenUrl: string | undefined
  /** Named prepared statements (DATABASE_PREPARE); false behind PgBouncer in transaction mode. */
  prepareStatements: boolean
  dataDir: string
  defaultMunicipality: string
  /** SMTP delivery of the outbox; undefined: mail stays in the outbox. */
  mail: { smtpUrl: string; from: string } | undefined
  publicUrl: string
  /** 'json': one JSON line per request (method, route, status, duration). */
  logFormat: 'text' | 'json'
  /** The admin listener (backups, /metrics) and the bearer token it asks for, or undefined. */
  admin: { port: number; host: string; token: string } | undefined
  /** Whether the front end's source maps (*.map) are served; off in production, on to debug. */
  serveSourceMaps: boolean
}

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  }
  const { SMTP_URL: smtpUrl, MAIL_FROM: from } = parsed.data
  if (Boolean(smtpUrl) !== Boolean(from))
    throw new ConfigError(`invalid configuration: set both SMTP_URL and MAIL_FROM, or neither`)
  if (parsed.data.ADMIN_PORT && !parsed.data.ADMIN_TOKEN)
    throw new ConfigError(
      'invalid configuration: ADMIN_PORT needs ADMIN_TOKEN (at least 32 characters, e.g. openssl rand -hex 32)',
    )
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    databaseUrl: parsed.data.DATABASE_URL,
    databaseReadUrl: parsed.data.DATABASE_URL ? parsed.data.DATABASE_READ_URL : undefined,
    databaseListenUrl: parsed.data.DATABASE_LISTEN_URL ?? parsed.data.DATABASE_URL,
    prepareStatements: parsed.data.DATABASE_PREPARE === 'true',
    // npm runs workspace scripts in the workspace; a relative DATA_DIR means where npm was called.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), parsed.data.DATA_DIR),
    defaultMunicipality: parsed.data.DEFAULT_MUNICIPALITY,
    mail: smtpUrl && from ? { smtpUrl, from } : undefined,
    publicUrl: parsed.data.PUBLIC_URL ?? `http://${parsed.data.HOST}:${parsed.data.PORT}`,
    logFormat: parsed.data.LOG_FORMAT,
    admin:
      parsed.data.ADMIN_PORT && parsed.data.ADMIN_TOKEN
        ? { port: parsed.data.ADMIN_PORT, host: parsed.data.ADMIN_HOST, token: parsed.data.ADMIN_TOKEN }
        : undefined,
    serveSourceMaps: parsed.data.SERVE_SOURCE_MAPS === 'true',
  }
}

export class ConfigError extends Error {}

// Settings read when they are used rather than at start: the basemap per request (a changed
// environment is what the browser sees next), the tile budget when an app is created, the
// ending-soon window per request and per reminder run.

const styleUrl = z.url({ protocol: /^https?$/ })

/**
 * The official German basemap (basemap.de Web Vektor, colour; BKG and the surveying agencies of the
 * states, CC BY 4.0, "© basemap.de / BKG" carried in the style's source attribution).
 */
export const defaultBasemapStyleUrl =
  'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json'

/**
 * The basemap style URL: BASEMAP_STYLE_URL, basemap.de when it is unset or empty, null when it is
 * `none` (the offline reference map alone) or not an http(s) URL.
 */
export function basemapStyleUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.BASEMAP_STYLE_URL?.trim()
  if (!value) return defaultBasemapStyleUrl
  if (value === 'none') return null
  const parsed = styleUrl.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** PUBLIC_URL (the address people reach the app at), or null when unset or not an http(s) URL. */
export function publicUrlSetting(env: NodeJS.ProcessEnv = process.env): string | null {
  const parsed = styleUrl.safeParse(env.PUBLIC_URL?.trim())
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
